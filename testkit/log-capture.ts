// Keeps what the app logs, for tests, the demo and the bench: each JSON line as written, parsed,
// and as a short readable line (`<time> ERROR [pocbot] <msg>`) that tests match with a pattern.
import type { LogSink } from '../src/logger.js';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  time: string;
  name: string;
  msg: string;
  err?: { type?: string; message?: string; stack?: string };
  [field: string]: unknown;
}

/** `<time> <LEVEL> [<name>] <msg>`, the one-line form tests and the demo read. */
export function readableLine(entry: LogEntry): string {
  return `${entry.time} ${String(entry.level).toUpperCase()} [${entry.name}] ${entry.msg}`;
}

export class LogCapture implements LogSink {
  /** Every line exactly as the logger wrote it (JSON). */
  readonly raw: string[] = [];
  readonly entries: LogEntry[] = [];
  /** The same entries as readable lines (see readableLine). */
  readonly lines: string[] = [];

  write(line: string): void {
    this.raw.push(line);
    // A line that is not one JSON object is a defect of the logger: keep it visible as it is.
    let entry: LogEntry;
    try {
      entry = JSON.parse(line) as LogEntry;
    } catch {
      this.lines.push(`NOT JSON: ${line}`);
      return;
    }
    this.entries.push(entry);
    this.lines.push(readableLine(entry));
  }
}
