// Writes that never stall the event loop. better-sqlite3 is synchronous: a connection waiting out
// a lock (busy_timeout) sleeps inside the event loop, and every request behind it waits too, the
// acks and /healthz included. So the inbox's connection never waits (busy_timeout 0): a write
// that meets a lock is tried again after a setTimeout, the loop serving requests meanwhile, for a
// bounded time; and while the database is known to be locked, queued work waits here, off the
// loop, until a probe finds the write lock free. The app's own connection waits only briefly
// (db.ts), so work already running when a lock is taken stalls the loop for that much, once.
import type Database from 'better-sqlite3';

/** The database cannot take writes now: locked by another connection, full, read-only or failing. */
export class DatabaseUnavailableError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}

const unavailable = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|READONLY|CANTOPEN|PROTOCOL)/;

/** The SQLite code when `err` says the database cannot be written now (as opposed to a bug or a constraint). */
export function databaseProblem(err: unknown): string | undefined {
  if (err instanceof DatabaseUnavailableError) return err.code;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && unavailable.test(code) ? code : undefined;
}

/** A lock held by another connection: it ends by itself, so it is worth waiting for. */
export function isLockCode(code: string): boolean {
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

export interface WriteGateOptions {
  /** How often a closed gate asks whether the lock is free (default 100 ms). */
  probeEveryMs?: number;
}

export interface Writability {
  writable: boolean;
  /** Why not, when not. */
  problem?: string;
}

/** A failure other than a lock (a full disk) is remembered this long for readiness, unless a write succeeds first. */
const rememberFailureMs = 60_000;

export class WriteGate {
  private locked = false;
  private waiters: Array<() => void> = [];
  private timer: NodeJS.Timeout | undefined;
  private lastFailure: { code: string; at: number } | undefined;
  private readonly probeEveryMs: number;

  /** `connection`: one whose busy_timeout is 0, so asking never blocks. */
  constructor(
    private readonly connection: Database.Database,
    options: WriteGateOptions = {},
  ) {
    this.probeEveryMs = options.probeEveryMs ?? 100;
  }

  /** False while the database is known to be locked by another connection. */
  get open(): boolean {
    return !this.locked;
  }

  /**
   * Runs a write on the never-waiting connection. While another connection holds the lock, tries
   * again every few milliseconds (yielding to the event loop) for up to `budgetMs`; then, or at
   * once for a full or failing disk, throws DatabaseUnavailableError.
   */
  async write<T>(fn: () => T | Promise<T>, budgetMs: number): Promise<T> {
    const started = performance.now();
    let delay = 2;
    for (;;) {
      try {
        const value = await fn();
        this.lastFailure = undefined;
        return value;
      } catch (err) {
        const code = databaseProblem(err);
        if (!code) throw err;
        this.report(err);
        if (!isLockCode(code) || performance.now() - started + delay > budgetMs) {
          throw new DatabaseUnavailableError(
            code,
            `the database cannot be written (${code}${isLockCode(code) ? `: locked for over ${budgetMs} ms` : ''})`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 50);
      }
    }
  }

  /** Work that failed says why here: a lock closes the gate until a probe finds the database writable again. */
  report(err: unknown): void {
    const code = databaseProblem(err);
    if (!code) return;
    this.lastFailure = { code, at: Date.now() };
    if (isLockCode(code) && !this.locked) {
      this.locked = true;
      this.schedule();
    }
  }

  /** Resolves once the database is not known to be locked; undefined when it is not (no promise, no tick). */
  ready(): Promise<void> | undefined {
    if (!this.locked) return undefined;
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Whether a write can go through now, without waiting: for readiness checks. */
  check(): Writability {
    const lock = this.tryLock();
    if (lock) return { writable: false, problem: `locked by another connection (${lock})` };
    const failed = this.lastFailure;
    if (failed && !isLockCode(failed.code) && Date.now() - failed.at < rememberFailureMs) {
      return { writable: false, problem: `the last write failed (${failed.code})` };
    }
    return { writable: true };
  }

  /** Lets every waiter go (at shutdown: their work then fails or finishes, and nothing hangs). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.locked = false;
    this.release();
  }

  /** Takes and gives back the write lock: the SQLite code when another connection holds it. */
  private tryLock(): string | undefined {
    try {
      this.connection.exec('BEGIN IMMEDIATE');
      this.connection.exec('ROLLBACK');
      return undefined;
    } catch (err) {
      const code = databaseProblem(err);
      if (code && isLockCode(code)) return code;
      return undefined;
    }
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.tryLock()) {
        this.schedule();
        return;
      }
      this.locked = false;
      this.release();
    }, this.probeEveryMs);
    this.timer.unref();
  }

  private release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
