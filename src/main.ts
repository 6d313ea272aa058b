// Entry points: `start` runs the bot; `tick [--now ISO] [--dry-run]` runs due jobs once and exits.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createPocbot } from './app.js';
import { staleBuildWarning } from './build-freshness.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';

function parseTickArgs(argv: string[]): { now: Date; dryRun: boolean } {
  let now = new Date();
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--now' || arg?.startsWith('--now=')) {
      const value = arg === '--now' ? argv[++i] : arg.slice('--now='.length);
      const parsed = new Date(value ?? '');
      if (!value || Number.isNaN(parsed.getTime())) throw new ConfigError(`--now needs an ISO-8601 instant, got "${value ?? ''}"`);
      now = parsed;
    } else throw new ConfigError(`unknown option ${arg}; usage: npm run tick -- [--now ISO-8601] [--dry-run]`);
  }
  return { now, dryRun };
}

async function main(argv: string[]): Promise<number> {
  const [command = 'start', ...rest] = argv;
  // A .env beside the process (copied from .env.example); variables already set win over it.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  // Only the compiled entry point (dist/src/main.js) can be behind its sources (src/, db/).
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith('.js')) {
    const stale = staleBuildWarning(['../../src', '../../db'].map((dir) => fileURLToPath(new URL(dir, import.meta.url))), self);
    if (stale) process.stderr.write(`${stale}\n`);
  }
  if (command === 'start') {
    const bot = createPocbot({ config });
    const shutdown = () => {
      void bot.stop().finally(() => process.exit(0));
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    await bot.start();
    return -1; // keep running
  }
  if (command === 'tick') {
    const { now, dryRun } = parseTickArgs(rest);
    const bot = createPocbot({ config: { ...config, scheduler: 'off' } });
    try {
      const report = await bot.jobs.tick(now, { dryRun });
      process.stdout.write(`tick at ${report.now}${report.dryRun ? ' (dry run: nothing sent)' : ''}\n`);
      for (const line of report.lines) process.stdout.write(`${line}\n`);
      if (report.lines.length === 0) process.stdout.write('nothing due\n');
      const sending = report.dryRun ? '' : `, sent in ${Math.round(report.sendMs)} ms`;
      process.stdout.write(`planned in ${Math.round(report.planMs)} ms${sending}\n`);
    } finally {
      await bot.stop();
    }
    return 0;
  }
  throw new ConfigError(`unknown command "${command}" (use start or tick)`);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof ConfigError) {
      // Plain lines, one per problem, for the person starting it.
      process.stderr.write(`${err.message}\n`);
    } else {
      // A JSON line like every other, with the stack; tokens redacted.
      createLogger('error').error('pocbot failed:', err instanceof Error ? err : new Error(String(err)));
    }
    process.exit(1);
  },
);
