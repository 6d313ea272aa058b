// Entry points: `start` runs the bot; `tick [--now ISO] [--dry-run]` runs due jobs once and exits.
import { existsSync } from 'node:fs';
import { createPocbot } from './app.js';
import { warnIfStaleBuild } from './build-freshness.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { type AppDatabase, postgresAppDatabase } from './store/app-database.js';
import { DatabaseOpenError } from './store/db.js';
import { openPostgres } from './store/pg/db.js';
import { parseTickArgs, runTick } from './tick-command.js';

/**
 * PostgreSQL when DATABASE_URL is set: connected and migrated before the app is built (under a
 * lock: replicas starting together migrate once). Unreachable, or of a newer schema: start-up stops
 * with one line (DatabaseOpenError). Without it, the app opens SQLite at DATABASE_PATH itself.
 */
async function postgresIfConfigured(config: Config): Promise<AppDatabase | undefined> {
  if (!config.databaseUrl) return undefined;
  const logger = createLogger(config.logLevel);
  const pg = await openPostgres(config.databaseUrl, {
    onIdleError: (err) =>
      logger.warn(`an idle PostgreSQL connection failed (the next query reconnects): ${err.message}`),
  });
  return postgresAppDatabase(pg);
}

async function main(argv: string[]): Promise<number> {
  const [command = 'start', ...rest] = argv;
  // A .env beside the process (copied from .env.example); variables already set win over it.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  warnIfStaleBuild(import.meta.url);
  if (command === 'start') {
    const bot = createPocbot({ config, database: await postgresIfConfigured(config) });
    const shutdown = () => {
      void bot.stop().finally(() => process.exit(0));
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    await bot.start();
    return -1; // keep running
  }
  if (command === 'tick') {
    const args = parseTickArgs(rest);
    // No requests to answer here: the tick may wait out another connection's lock.
    const bot = createPocbot({
      config: { ...config, scheduler: 'off' },
      busyTimeoutMs: 5000,
      database: await postgresIfConfigured(config),
    });
    try {
      return await runTick(bot, args, (line) => process.stdout.write(`${line}\n`));
    } finally {
      await bot.stop();
    }
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
    } else if (err instanceof DatabaseOpenError) {
      // A DATABASE_PATH or DATABASE_URL it cannot use: one plain line saying where and why, as for the configuration.
      process.stderr.write(`pocbot failed: ${err.message}\n`);
    } else {
      // A JSON line like every other, with the stack; tokens redacted.
      createLogger('error').error('pocbot failed:', err instanceof Error ? err : new Error(String(err)));
    }
    process.exit(1);
  },
);
