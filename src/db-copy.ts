// Entry point of `npm run db:copy` (docs/postgresql.md); see db-copy-command.ts.
import { warnIfStaleBuild } from './build-freshness.js';
import { ConfigError } from './config.js';
import { parseDbCopyArgs, runDbCopy } from './db-copy-command.js';

warnIfStaleBuild(import.meta.url);
try {
  process.exitCode = await runDbCopy(parseDbCopyArgs(process.argv.slice(2)), (line) =>
    process.stdout.write(`${line}\n`),
  );
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`db:copy: ${err.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`db:copy failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  }
}
