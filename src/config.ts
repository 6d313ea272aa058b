import { z } from 'zod';
import { parseTokenKey } from './store/token-cipher.js';

const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevelName = (typeof logLevels)[number];

const envSchema = z.object({
  // Required unless the app is installed through OAuth (checked below): each workspace's token is then stored.
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-[A-Za-z0-9-]+$/, 'is malformed (expected a bot token starting with xoxb-)')
    .optional(),
  // Required over HTTP; Socket Mode (SLACK_APP_TOKEN) has no requests to verify (checked below).
  SLACK_SIGNING_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9]{8,}$/, "is malformed (expected the app's signing secret: letters and digits)")
    .optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-[A-Za-z0-9-]+$/, 'is malformed (expected an app-level token starting with xapp-)')
    .optional(),
  // OAuth: many workspaces, each installing through /slack/install (docs/deploy.md). All four or none.
  SLACK_CLIENT_ID: z
    .string()
    .regex(/^[0-9]+\.[0-9]+$/, "is malformed (expected the app's client ID, digits.digits)")
    .optional(),
  SLACK_CLIENT_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9]{8,}$/, "is malformed (expected the app's client secret: letters and digits)")
    .optional(),
  SLACK_STATE_SECRET: z.string().min(16, 'is too short (at least 16 characters of random text)').optional(),
  TOKEN_ENCRYPTION_KEY: z
    .string()
    .refine(
      (v) => parseTokenKey(v) !== undefined,
      'is malformed (expected 32 random bytes as 64 hex digits or base64, e.g. `openssl rand -base64 32`)',
    )
    .optional(),
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(3000),
  DATABASE_PATH: z.string().min(1).default('./data/pocbot.db'),
  // PostgreSQL instead of the SQLite file (docs/postgresql.md); checked here, connected to later.
  DATABASE_URL: z
    .string()
    .superRefine((value, ctx) => {
      const problem = databaseUrlProblem(value);
      if (problem)
        ctx.addIssue({
          code: 'custom',
          message: problem.startsWith('must be')
            ? `${problem}; without it, pocbot uses SQLite at DATABASE_PATH`
            : problem,
        });
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
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    return `must be a PostgreSQL URL (${databaseUrlShape})`;
  // A Unix socket is named by ?host=/path, with no host before the path.
  if (url.hostname === '' && !url.searchParams.get('host')) return `names no host (expected ${databaseUrlShape})`;
  if (url.pathname.replace(/^\//, '') === '') return `names no database (expected ${databaseUrlShape})`;
  return undefined;
}

/** Installing through OAuth (many workspaces), instead of the one SLACK_BOT_TOKEN. */
export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  /** The 32-byte AES-256-GCM key the stored tokens are encrypted under. */
  tokenKey: Buffer;
}

export interface Config {
  /** The one workspace's token; undefined in OAuth mode (each workspace's token is stored). */
  botToken: string | undefined;
  /** Set when the app is installed through OAuth: SLACK_CLIENT_ID, _SECRET, SLACK_STATE_SECRET, TOKEN_ENCRYPTION_KEY. */
  oauth?: OAuthConfig | undefined;
  /** Always set over HTTP; undefined only in Socket Mode. */
  signingSecret: string | undefined;
  appToken: string | undefined;
  port: number;
  /** The SQLite file, used when there is no databaseUrl. */
  databasePath: string;
  /** A PostgreSQL URL (DATABASE_URL), or undefined: SQLite at databasePath (docs/postgresql.md). */
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
    problems.set(
      'SLACK_SIGNING_SECRET',
      'is missing (needed over HTTP; Socket Mode with SLACK_APP_TOKEN does without it)',
    );
  }
  const oauthVars = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;
  const oauthMode = oauthVars.some((name) => cleaned[name] !== undefined);
  if (oauthMode) {
    for (const name of [...oauthVars, 'TOKEN_ENCRYPTION_KEY'] as const) {
      if (cleaned[name] === undefined)
        problems.set(
          name,
          `is missing (needed to install through OAuth, as ${oauthVars.filter((v) => cleaned[v] !== undefined).join(' and ')} ${oauthVars.filter((v) => cleaned[v] !== undefined).length > 1 ? 'are' : 'is'} set)`,
        );
    }
    if (cleaned.SLACK_APP_TOKEN !== undefined)
      problems.set(
        'SLACK_APP_TOKEN',
        'cannot be used with OAuth installs (Socket Mode apps are not distributed); unset one of them',
      );
  } else if (cleaned.SLACK_BOT_TOKEN === undefined) {
    problems.set(
      'SLACK_BOT_TOKEN',
      'is missing (or set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET and TOKEN_ENCRYPTION_KEY to install through OAuth)',
    );
  }
  if (!parsed.success || problems.size > 0) {
    const order = Object.keys(envSchema.shape);
    const names = [...problems.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    throw new ConfigError(names.map((name) => `Configuration error: ${name} ${problems.get(name)}`).join('\n'));
  }
  const e = parsed.data;
  const oauth =
    oauthMode && e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET && e.TOKEN_ENCRYPTION_KEY
      ? {
          clientId: e.SLACK_CLIENT_ID,
          clientSecret: e.SLACK_CLIENT_SECRET,
          stateSecret: e.SLACK_STATE_SECRET,
          tokenKey: parseTokenKey(e.TOKEN_ENCRYPTION_KEY) as Buffer,
        }
      : undefined;
  return {
    // In OAuth mode a SLACK_BOT_TOKEN left in the environment is ignored: every workspace's own token is used.
    botToken: oauth ? undefined : e.SLACK_BOT_TOKEN,
    oauth,
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
