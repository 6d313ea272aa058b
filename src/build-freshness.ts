// `npm run tick` and `node dist/src/main.js` run the last build, not the sources: after a change
// without `npm run build`, a cron tick would quietly run yesterday's code. Rebuilding on every
// tick would cost ~15 s a minute, so instead the entry point says when the build is older than
// a source file.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The newest modification time of any `.ts` file under `dir` (0 when there is none). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * A warning when a source under `sourceDirs` changed after `builtFile` was built (the build
 * rewrites every output); undefined when the build is current, or when there are no sources
 * beside it (an install without them).
 */
export function staleBuildWarning(sourceDirs: string[], builtFile: string): string | undefined {
  let source: number;
  let built: number;
  try {
    source = Math.max(...sourceDirs.map(newestSource));
    built = statSync(builtFile).mtimeMs;
  } catch {
    return undefined;
  }
  if (source <= built) return undefined;
  return 'warning: dist/ is older than src/ or db/ (a source changed since the last build); this runs the old code. Run `npm run build` first.';
}

/**
 * Writes the warning to stderr when the entry point at `entryUrl` is a compiled one
 * (dist/src/*.js) older than the sources beside its build (src/, db/); sources run by tsx are
 * never stale.
 */
export function warnIfStaleBuild(entryUrl: string): void {
  const self = fileURLToPath(entryUrl);
  if (!self.endsWith('.js')) return;
  const stale = staleBuildWarning(
    ['../../src', '../../db'].map((dir) => fileURLToPath(new URL(dir, entryUrl))),
    self,
  );
  if (stale) process.stderr.write(`${stale}\n`);
}
