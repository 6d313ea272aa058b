import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staleBuildWarning } from '../../src/build-freshness.js';

describe('the warning when dist/ is older than its sources', () => {
  let root: string;
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'pocbot-fresh-'));
    mkdirSync(join(root, 'src/jobs'), { recursive: true });
    mkdirSync(join(root, 'db'));
    mkdirSync(join(root, 'dist'));
    for (const f of ['src/main.ts', 'src/jobs/tick.ts', 'db/schema.ts', 'dist/main.js'])
      writeFileSync(join(root, f), '');
    for (const f of ['src/main.ts', 'src/jobs/tick.ts', 'db/schema.ts']) at(join(root, f), 1_000);
    at(join(root, 'dist/main.js'), 2_000);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const check = () => staleBuildWarning([join(root, 'src'), join(root, 'db')], join(root, 'dist/main.js'));

  it('says nothing when the build is newer than every source', () => {
    expect(check()).toBeUndefined();
  });

  it('warns when any source, however deep, changed after the build', () => {
    at(join(root, 'src/jobs/tick.ts'), 3_000);
    expect(check()).toContain('npm run build');
    at(join(root, 'src/jobs/tick.ts'), 1_000);
    at(join(root, 'db/schema.ts'), 3_000);
    expect(check()).toContain('dist/ is older than src/');
  });

  it('ignores files that are not TypeScript sources', () => {
    writeFileSync(join(root, 'src/notes.md'), '');
    at(join(root, 'src/notes.md'), 3_000);
    expect(check()).toBeUndefined();
  });

  it('says nothing when there are no sources beside the build', () => {
    rmSync(join(root, 'src'), { recursive: true });
    rmSync(join(root, 'db'), { recursive: true });
    expect(check()).toBeUndefined();
  });
});
