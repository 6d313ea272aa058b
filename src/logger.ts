// Structured logs: one JSON object per line (pino), with `level`, `time`, `msg`, and where known
// the team, channel, user, POC and event or request id (log-context.ts, or a child logger's
// bindings). Unexpected errors carry `err` with the stack. The same logger is Bolt's and the Web
// API client's, so their lines are JSON too. Tokens and secrets never reach a line: every line is
// redacted as written, whatever field or message they hide in.
import { type Logger, LogLevel } from '@slack/bolt';
import pino from 'pino';
import type { LogLevelName } from './config.js';
import { currentBindings, type LogBindings } from './log-context.js';

// Slack tokens (bot, user, app, config, refresh) must never reach a log line.
const tokenPattern = /\bxox[abposre]-[A-Za-z0-9-]+|\bxapp-[A-Za-z0-9-]+/g;

export function redact(text: string): string {
  return text.replace(tokenPattern, '[redacted-token]');
}

/** Where the lines go: one JSON object per call, without the newline. */
export interface LogSink {
  write(line: string): void;
}

const stderrSink: LogSink = { write: (line) => process.stderr.write(`${line}\n`) };

/** pino's Logger plus child loggers; what the app passes around (Bolt's `Logger` is the part Slack's SDKs use). */
export interface AppLogger extends Logger {
  /** A logger whose every line carries `bindings` (e.g. `{ poc: 12 }`). */
  child(bindings: LogBindings): AppLogger;
}

export interface LoggerOptions {
  /** Values that must never appear in a line (the signing secret, the tokens): replaced wherever they occur. */
  secrets?: Array<string | undefined>;
  /** The `name` field of every line (default `pocbot`). */
  name?: string;
}

const levelNames: Record<string, LogLevelName> = { debug: 'debug', info: 'info', warn: 'warn', error: 'error' };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Error) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function render(arg: unknown): string {
  // The message reads as before ("x failed: database is locked"); the type and stack are in `err`.
  if (arg instanceof Error) return arg.message;
  if (typeof arg === 'string') return arg;
  try {
    return JSON.stringify(arg);
  } catch {
    return String(arg);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The function every written line goes through: tokens by their shape, secrets by their value. */
function redactor(secrets: Array<string | undefined>): (line: string) => string {
  // Short values would blank out ordinary words; the config's secrets are 8 characters at least.
  const known = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8))];
  if (known.length === 0) return redact;
  const pattern = new RegExp(known.map(escapeRegExp).join('|'), 'g');
  return (line) => redact(line).replace(pattern, '[redacted-secret]');
}

/**
 * Bolt's Logger over a pino logger. Calls take Bolt's shape (`info('text', value…)`) or pino's
 * (`info({ poc: 3 }, 'text')`); an Error among the arguments goes to `err`, with its stack, and
 * its message into `msg` too.
 */
function adapt(base: pino.Logger, level: LogLevelName): AppLogger {
  const emit = (at: LogLevelName, args: unknown[]): void => {
    if (!base.isLevelEnabled(at)) return;
    let fields: Record<string, unknown> | undefined;
    let rest = args;
    if (args.length >= 2 && isPlainObject(args[0]) && typeof args[1] === 'string') {
      fields = args[0];
      rest = args.slice(1);
    }
    const err = rest.find((a): a is Error => a instanceof Error);
    const msg = rest.map(render).join(' ');
    if (err) base[at]({ ...fields, err }, msg);
    else if (fields) base[at](fields, msg);
    else base[at](msg);
  };
  return {
    debug: (...args: unknown[]) => emit('debug', args),
    info: (...args: unknown[]) => emit('info', args),
    warn: (...args: unknown[]) => emit('warn', args),
    error: (...args: unknown[]) => emit('error', args),
    // LOG_LEVEL is the one level. Slack's SDKs call setLevel(INFO) and setName(…) on the logger
    // they are given each time they build a client (every WebClient does), which would undo it.
    setLevel: (_level: LogLevel) => undefined,
    getLevel: () => level as LogLevel,
    setName: (_name: string) => undefined,
    child: (bindings: LogBindings) => adapt(base.child(bindings), level),
  };
}

/** One JSON line per entry, tokens and `secrets` redacted; implements Bolt's Logger so Bolt logs through it too. */
export function createLogger(level: LogLevelName, sink: LogSink = stderrSink, options: LoggerOptions = {}): AppLogger {
  const clean = redactor(options.secrets ?? []);
  const destination = {
    write: (chunk: string) => {
      sink.write(clean(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk));
    },
  };
  const base = pino(
    {
      level,
      base: { name: options.name ?? 'pocbot' },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      formatters: { level: (label) => ({ level: levelNames[label] ?? label }) },
      serializers: { err: pino.stdSerializers.err },
      // The request or outbox row the line was written for (log-context.ts); a copy, as pino
      // merges the line's own fields into what this returns.
      mixin: () => ({ ...currentBindings() }),
    },
    destination,
  );
  return adapt(base, level);
}

export { LogLevel };
