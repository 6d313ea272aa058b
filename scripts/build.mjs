// Compiles one TypeScript project into a fresh output folder and puts the SQL migrations beside
// the compiled code, where src/store/db.ts and src/store/pg/db.ts look for them
// (../../db/migrations from the compiled store). The folder is emptied first so that nothing
// moved or deleted in the sources lingers in it.
//   node scripts/build.mjs tsconfig.build.json dist         (npm run build: the product)
//   node scripts/build.mjs tsconfig.bench.json bench-dist   (npm run bench)
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [project, out] = process.argv.slice(2);
if (!project || !out) {
  console.error('usage: node scripts/build.mjs TSCONFIG OUTDIR');
  process.exit(2);
}
rmSync(out, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const run = spawnSync(process.execPath, [tsc, '-p', project], { stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);
for (const dir of ['db/migrations', 'db/pg/migrations']) cpSync(dir, join(out, dir), { recursive: true });
