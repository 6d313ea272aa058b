// `npm run demo [-- --out DIR]`: plays the demo scenario and prints its transcript. Exit code 0
// when every step did what it should, 1 with the reason otherwise (it doubles as a smoke test).
import { resolve } from 'node:path';

function parseArgs(argv: string[]): { outDir?: string } {
  const i = argv.findIndex((a) => a === '--out' || a.startsWith('--out='));
  if (i < 0) return {};
  const arg = argv[i] as string;
  const dir = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
  if (!dir || dir.startsWith('--')) {
    process.stderr.write('Usage: npm run demo [-- --out DIR]\n');
    process.exit(2);
  }
  return { outDir: resolve(dir) };
}

const { outDir } = parseArgs(process.argv.slice(2));
try {
  // Imported here so that even an app that fails to load gives the one-line failure below.
  const { runDemo } = await import('./scenario.js');
  await runDemo({ write: (line) => process.stdout.write(`${line}\n`), ...(outDir ? { outDir } : {}) });
} catch (err) {
  const reason =
    err instanceof Error ? (err.name === 'DemoFailure' ? err.message : `${err.name}: ${err.message}`) : String(err);
  process.stderr.write(`\nDEMO FAILED: ${reason}\n`);
  process.exitCode = 1;
}
