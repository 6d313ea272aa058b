import { z } from 'zod';

const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevelName = (typeof logLevels)[number];

const envSchema = z.object({
  SLACK_BOT_TOKEN: z
    .string({ error: 'is missing' })
    .min(1, 'is missing')
    .regex(/^xoxb-[A-Za-z0-9-]+$/, 'is malformed (expected a bot token starting with xoxb-)'),
  // Required over HTTP; Socket Mode (SLACK_APP_TOKEN) has no requests to verify (checked below).
  SLACK_SIGNING_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9]{8,}$/, 'is malformed (expected the app\'s signing secret: letters and digits)')
    .optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-[A-Za-z0-9-]+$/, 'is malformed (expected an app-level token starting with xapp-)')
    .optional(),
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(3000),
  DATABASE_PATH: z.string().min(1).default('./data/pocbot.db'),
  // PostgreSQL instead of the SQLite file (docs/postgresql.md); checked here, connected to later.
  DATABASE_URL: z
    .string()
    .superRefine((value, ctx) => {
      const problem = databaseUrlProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem.startsWith('must be') ? `${problem}; without it, pocbot uses SQLite at DATABASE_PATH` : problem });
    })
    .optional(),
  SLACK_API_URL: z.url({ error: 'must be a URL such as https://slack.com/api/' }).optional(),
  SCHEDULER: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  LOG_LEVEL: z.enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` }).default('info'),
});

const databaseUrlShape = 'postgres://user:password@host:5432/database';

/** What is wrong with a DATABASE_URL, in words that never repeat it (it holds a password). */
export function databaseUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `is malformed (expected ${databaseUrlShape})`;
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') return `must be a PostgreSQL URL (${databaseUrlShape})`;
  // A Unix socket is named by ?host=/path, with no host before the path.
  if (url.hostname === '' && !url.searchParams.get('host')) return `names no host (expected ${databaseUrlShape})`;
  if (url.pathname.replace(/^\//, '') === '') return `names no database (expected ${databaseUrlShape})`;
  return undefined;
}

export interface Config {
  botToken: string;
  /** Always set over HTTP; undefined only in Socket Mode. */
  signingSecret: string | undefined;
  appToken: string | undefined;
  port: number;
  /** The SQLite file, used when there is no databaseUrl. */
  databasePath: string;
  /** A PostgreSQL URL (DATABASE_URL), or undefined: SQLite at databasePath. Not yet used by `npm start` (docs/postgresql.md). */
  databaseUrl?: string | undefined;
  slackApiUrl: string | undefined;
  scheduler: 'on' | 'off';
  logLevel: LogLevelName;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the environment. Throws ConfigError listing every problem at once, one line each naming
 * the variable and what is wrong with it; never the value, since the value may be a secret.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings in a .env copied from .env.example mean "not set".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  const problems = new Map<string, string>();
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? 'environment');
      // The first problem of each variable: "is missing" says enough without "is malformed" after it.
      if (!problems.has(name)) problems.set(name, issue.message || 'is invalid');
    }
  }
  if (cleaned.SLACK_SIGNING_SECRET === undefined && cleaned.SLACK_APP_TOKEN === undefined) {
    problems.set('SLACK_SIGNING_SECRET', 'is missing (needed over HTTP; Socket Mode with SLACK_APP_TOKEN does without it)');
  }
  if (!parsed.success || problems.size > 0) {
    const order = Object.keys(envSchema.shape);
    const names = [...problems.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    throw new ConfigError(names.map((name) => `Configuration error: ${name} ${problems.get(name)}`).join('\n'));
  }
  const e = parsed.data;
  return {
    botToken: e.SLACK_BOT_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET,
    appToken: e.SLACK_APP_TOKEN,
    port: e.PORT,
    databasePath: e.DATABASE_PATH,
    databaseUrl: e.DATABASE_URL,
    slackApiUrl: e.SLACK_API_URL === undefined ? undefined : e.SLACK_API_URL.replace(/\/?$/, '/'),
    scheduler: e.SCHEDULER,
    logLevel: e.LOG_LEVEL,
  };
}
