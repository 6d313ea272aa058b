import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteAppDatabase } from '../../src/store/app-database.js';
import { startCheckpointer } from '../../src/store/checkpointer.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pocbot-checkpoint-'));
  dirs.push(dir);
  return join(dir, 'pocbot.db');
}

/** About 2 MB through the app's connection: 500 pages in the WAL, far below the backstop. */
function writeMuch(database: ReturnType<typeof sqliteAppDatabase>): void {
  const sqlite = database.connections[0];
  if (!sqlite) throw new Error('no connection');
  sqlite.exec('create table filler (id integer primary key, body text not null)');
  const insert = sqlite.prepare('insert into filler (body) values (?)');
  sqlite.transaction(() => {
    for (let i = 0; i < 500; i++) insert.run('x'.repeat(4000));
  })();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('WAL checkpoints from a worker thread', () => {
  it('leaves a commit below the backstop unchecked on the app’s connections, and copies it into the file while serving', async () => {
    const path = tempPath();
    const quiet = sqliteAppDatabase(path, { busyTimeoutMs: 1000 });
    writeMuch(quiet);
    const before = statSync(path).size;
    await sleep(700);
    // No commit of the app checkpointed: the pages are still only in the WAL.
    expect(statSync(path).size).toBe(before);
    const errors: string[] = [];
    quiet.startBackground((m) => errors.push(m));
    let after = before;
    for (let i = 0; i < 40 && after < before + 1_000_000; i++) {
      await sleep(50);
      after = statSync(path).size;
    }
    expect(after).toBeGreaterThan(before + 1_000_000);
    await quiet.close();
    expect(errors).toEqual([]);
  });

  it('says why when it cannot open the database, and stops all the same', async () => {
    const errors: string[] = [];
    const checkpointer = startCheckpointer(join(tmpdir(), 'pocbot-no-such-dir', 'none.db'), {
      onError: (m) => errors.push(m),
    });
    for (let i = 0; i < 40 && errors.length === 0; i++) await sleep(25);
    expect(errors[0]).toMatch(/^cannot open .*none\.db/);
    await checkpointer.stop();
  });
});
