// The node flags the app runs with: those of package.json's `tick` script (`npm start` has the
// same; docs/deploy.md says why). Each bench part runs with them, so a tick or an ack is timed
// as `npm run tick` and `npm start` run it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** package.json above this file (bench/ under tsx, bench-dist/bench/ compiled). */
function packageJson(): { scripts?: Record<string, string> } {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('no package.json above the bench');
    dir = up;
  }
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
}

export function appNodeFlags(): string[] {
  const tick = packageJson().scripts?.tick ?? '';
  const words = tick.split(/\s+/);
  if (words[0] !== 'node') throw new Error(`package.json's tick script does not start with node: ${tick}`);
  // The flags come before the script.
  const flags: string[] = [];
  for (const word of words.slice(1)) {
    if (!word.startsWith('--')) break;
    flags.push(word);
  }
  return flags;
}
