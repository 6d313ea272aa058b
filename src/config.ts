import { z } from 'zod';

const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevelName = (typeof logLevels)[number];

const envSchema = z.object({
  SLACK_BOT_TOKEN: z
    .string({ error: 'is missing' })
    .min(1, 'is missing')
    .regex(/^xoxb-[A-Za-z0-9-]+$/, 'is malformed (expected a bot token starting with xoxb-)'),
  SLACK_SIGNING_SECRET: z
    .string({ error: 'is missing' })
    .min(1, 'is missing')
    .regex(/^[A-Za-z0-9]{8,}$/, 'is malformed (expected the app\'s signing secret: letters and digits)'),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-[A-Za-z0-9-]+$/, 'is malformed (expected an app-level token starting with xapp-)')
    .optional(),
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(3000),
  DATABASE_PATH: z.string().min(1).default('./data/pocbot.db'),
  SLACK_API_URL: z.url({ error: 'must be a URL such as https://slack.com/api/' }).optional(),
  SCHEDULER: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  LOG_LEVEL: z.enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` }).default('info'),
});

export interface Config {
  botToken: string;
  signingSecret: string;
  appToken: string | undefined;
  port: number;
  databasePath: string;
  slackApiUrl: string | undefined;
  scheduler: 'on' | 'off';
  logLevel: LogLevelName;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the environment. Throws ConfigError with one line naming the variable and what is wrong
 * with it; the message never carries the value, since the value may be a secret.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings in a .env copied from .env.example mean "not set".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`Configuration error: ${name} ${issue?.message ?? 'is invalid'}`);
  }
  const e = parsed.data;
  return {
    botToken: e.SLACK_BOT_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET,
    appToken: e.SLACK_APP_TOKEN,
    port: e.PORT,
    databasePath: e.DATABASE_PATH,
    slackApiUrl: e.SLACK_API_URL === undefined ? undefined : e.SLACK_API_URL.replace(/\/?$/, '/'),
    scheduler: e.SCHEDULER,
    logLevel: e.LOG_LEVEL,
  };
}
