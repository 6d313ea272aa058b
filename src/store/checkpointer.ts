// WAL checkpoints off the event loop. In WAL mode with synchronous=NORMAL a commit never waits
// for the disk; a checkpoint does (it syncs the WAL, copies its pages into the database file and
// syncs that), and SQLite runs one inside whichever commit crosses wal_autocheckpoint: on the
// event loop, between acks. Measured on the ack bench: one every ~60 requests, 2 fsyncs of up to
// 9 ms each, with every request in flight waiting (the p99 ratios moved within the machine's
// spread, so this is about those stalls, not the averages). While the app serves, a worker thread
// with a connection of its own checkpoints instead (PASSIVE: it never blocks a reader or a
// writer), so the app's own connections only checkpoint as a backstop (db.ts walBackstopPages),
// should the worker fall behind or be gone.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface CheckpointerOptions {
  /** How often the worker checkpoints what the WAL holds (a checkpoint of nothing costs microseconds). */
  intervalMs?: number;
  /** Told when the worker cannot checkpoint (the backstop then does it on the app's connections). */
  onError?: (message: string) => void;
}

export interface Checkpointer {
  stop(): Promise<void>;
}

// Plain JavaScript, run with `eval`: the same in the compiled app and under the test runner
// (which compiles TypeScript only for the main thread). It requires better-sqlite3 by the path
// the app resolved.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.path, { timeout: 5000, fileMustExist: true });
} catch (err) {
  parentPort.postMessage({ error: 'cannot open ' + workerData.path + ': ' + (err && err.message) });
  process.exit(0);
}
let failing = false;
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    failing = false;
  } catch (err) {
    // Once per spell of failures (a full disk fails every attempt).
    if (!failing) parentPort.postMessage({ error: String(err && err.message) });
    failing = true;
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
  db.close();
  parentPort.close();
});
`;

/** Starts checkpointing the SQLite database at `path` (in WAL mode) from a worker thread. */
export function startCheckpointer(path: string, options: CheckpointerOptions = {}): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { path, driver, intervalMs: options.intervalMs ?? 500 },
  });
  worker.on('message', (m: { error?: string }) => {
    if (m.error) options.onError?.(m.error);
  });
  worker.on('error', (err) => options.onError?.(err.message));
  // It never keeps the process alive: a process that is done exits, and closing the database
  // then checkpoints what is left.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      await exited;
    },
  };
}
