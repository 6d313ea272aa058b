// `npm run tick [--now ISO] [--dry-run]`: runs due jobs once, prints the report, and tells cron the
// truth through the exit code: non-zero when a job failed or a post could not be handled for a
// reason other than Slack (the database locked, full or failing), so it is noticed and run again.
import type { Pocbot } from './app.js';
import { ConfigError } from './config.js';
import { TokenDecryptionError } from './store/token-cipher.js';

export function parseTickArgs(argv: string[], wallNow: Date = new Date()): { now: Date; dryRun: boolean } {
  let now = wallNow;
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--now' || arg?.startsWith('--now=')) {
      const value = arg === '--now' ? argv[++i] : arg.slice('--now='.length);
      const parsed = new Date(value ?? '');
      if (!value || Number.isNaN(parsed.getTime()))
        throw new ConfigError(`--now needs an ISO-8601 instant, got "${value ?? ''}"`);
      now = parsed;
    } else throw new ConfigError(`unknown option ${arg}; usage: npm run tick -- [--now ISO-8601] [--dry-run]`);
  }
  return { now, dryRun };
}

/** Runs one tick on `bot` and writes its report to `out`; returns the exit code (1 when anything failed). */
export async function runTick(
  bot: Pick<Pocbot, 'jobs'> & Partial<Pick<Pocbot, 'installations'>>,
  args: { now: Date; dryRun: boolean },
  out: (line: string) => void,
): Promise<number> {
  // OAuth: under another key than the tokens were stored with, every post would fail on its own;
  // say it once and send nothing, as start-up does.
  try {
    await bot.installations?.checkKey();
  } catch (err) {
    if (!(err instanceof TokenDecryptionError)) throw err;
    out(`tick refused: ${err.message}`);
    return 1;
  }
  const report = await bot.jobs.tick(args.now, { dryRun: args.dryRun });
  out(`tick at ${report.now}${report.dryRun ? ' (dry run: nothing sent)' : ''}`);
  for (const line of report.lines) out(line);
  if (report.lines.length === 0) out('nothing due');
  const sending = report.dryRun ? '' : `, sent in ${Math.round(report.sendMs)} ms`;
  out(`planned in ${Math.round(report.planMs)} ms${sending}`);
  if (report.failures === 0) return 0;
  out(`${report.failures} failure(s): see the FAILED and ERROR lines above`);
  return 1;
}
