import { type Logger, LogLevel } from '@slack/bolt';
import type { LogLevelName } from './config.js';

const order: Record<LogLevelName, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Slack tokens (bot, user, app, config, refresh) must never reach a log line.
const tokenPattern = /\bxox[abposre]-[A-Za-z0-9-]+|\bxapp-[A-Za-z0-9-]+/g;

export function redact(text: string): string {
  return text.replace(tokenPattern, '[redacted-token]');
}

function render(arg: unknown): string {
  if (arg instanceof Error) return `${arg.name}: ${arg.message}`;
  if (typeof arg === 'string') return arg;
  try {
    return JSON.stringify(arg);
  } catch {
    return String(arg);
  }
}

export interface LogSink {
  write(line: string): void;
}

const stderrSink: LogSink = { write: (line) => process.stderr.write(`${line}\n`) };

/** One line per entry, tokens redacted; implements Bolt's Logger so Bolt logs through it too. */
export function createLogger(level: LogLevelName, sink: LogSink = stderrSink, name = 'pocbot'): Logger {
  let current = level;
  let label = name;
  const emit = (at: LogLevelName, args: unknown[]): void => {
    if (order[at] < order[current]) return;
    sink.write(redact(`${new Date().toISOString()} ${at.toUpperCase()} [${label}] ${args.map(render).join(' ')}`));
  };
  return {
    debug: (...args: unknown[]) => emit('debug', args),
    info: (...args: unknown[]) => emit('info', args),
    warn: (...args: unknown[]) => emit('warn', args),
    error: (...args: unknown[]) => emit('error', args),
    setLevel: (l: LogLevel) => {
      current = l as LogLevelName;
    },
    getLevel: () => current as LogLevel,
    setName: (n: string) => {
      label = n;
    },
  };
}
