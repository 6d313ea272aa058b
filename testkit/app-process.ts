// pocbot in a process of its own, for tests that kill it (SIGKILL: no shutdown, no draining) and
// start it again on the same database. The parent gives the database (a SQLite file, or a
// PostgreSQL URL), the Slack API URL and the simulated time in the environment; the child answers
// on IPC with its port once it listens, and writes its log lines to stderr. A test can also have
// the child run a scheduler tick at an instant it names (tick()): a replica killed mid-dispatch.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createPocbot } from '../src/app.js';
import { ManualClock } from '../src/clock.js';
import type { TickSummary } from '../src/jobs/index.js';
import { createLogger } from '../src/logger.js';
import { postgresAppDatabase } from '../src/store/app-database.js';
import { openPostgres } from '../src/store/pg/db.js';
import { testConfig } from './harness.js';
import { virtualPacer } from './pacer.js';

export interface AppProcessOptions {
  /** The SQLite file; ignored when `databaseUrl` is given. */
  dbPath?: string;
  /** A PostgreSQL database (migrated at start, as DATABASE_URL is): the app runs on it instead of SQLite. */
  databaseUrl?: string;
  slackApiUrl: string;
  /** The app's clock (ISO); it stands still, as the harness clock does, until a tick() sets it. */
  now: string;
  /**
   * The dispatcher's per-channel pacing on a virtual clock (testkit/pacer.ts), so a tick posting
   * twice to one channel does not sleep a real second between.
   */
  virtualPacer?: boolean;
}

/** What a tick in the child reported. */
export interface ChildTick {
  summary: TickSummary;
  lines: string[];
}

type ChildMessage =
  | { port: number }
  | { type: 'tick'; id: number; summary: TickSummary; lines: string[] }
  | { type: 'tick'; id: number; error: string };

export class AppProcess {
  /** Every line the child wrote to stderr (its log). */
  readonly logs: string[] = [];

  private nextTickId = 1;
  private readonly ticks = new Map<number, { resolve: (t: ChildTick) => void; reject: (e: Error) => void }>();

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.on('message', (m: ChildMessage) => {
      if (!('type' in m) || m.type !== 'tick') return;
      const waiting = this.ticks.get(m.id);
      this.ticks.delete(m.id);
      if ('error' in m) waiting?.reject(new Error(`the tick in the app process failed: ${m.error}`));
      else waiting?.resolve({ summary: m.summary, lines: m.lines });
    });
    // A tick in flight when the process dies (killed mid-dispatch) never answers: it fails.
    child.once('exit', (code, signal) => {
      for (const waiting of this.ticks.values())
        waiting.reject(new Error(`the app process exited (${signal ?? code}) during a tick`));
      this.ticks.clear();
    });
  }

  /** Runs the scheduler's tick in the child at `now` (its clock set there first), as the cron would. */
  tick(now: Date): Promise<ChildTick> {
    const id = this.nextTickId++;
    return new Promise<ChildTick>((resolve, reject) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        reject(new Error('the app process is not running'));
        return;
      }
      this.ticks.set(id, { resolve, reject });
      this.child.send({ type: 'tick', id, now: now.toISOString() });
    });
  }

  static async start(options: AppProcessOptions): Promise<AppProcess> {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const child = spawn(process.execPath, ['--import', tsx, fileURLToPath(import.meta.url)], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: {
        ...process.env,
        POCBOT_CHILD: '1',
        DATABASE_PATH: options.dbPath ?? '',
        POCBOT_DATABASE_URL: options.databaseUrl ?? '',
        POCBOT_VIRTUAL_PACER: options.virtualPacer ? '1' : '',
        SLACK_API_URL: options.slackApiUrl,
        POCBOT_NOW: options.now,
      },
    });
    const logs: string[] = [];
    let partial = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      logs.push(...lines);
    });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (m: ChildMessage) =>
        'port' in m ? resolve(m.port) : reject(new Error('the app process did not say its port')),
      );
      child.once('exit', (code) =>
        reject(new Error(`the app process exited (${code}) before it listened: ${logs.join('\n')}`)),
      );
    });
    const app = new AppProcess(child, `http://127.0.0.1:${port}`);
    app.logs.push(...logs);
    child.stderr?.removeAllListeners('data');
    child.stderr?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      app.logs.push(...lines);
    });
    return app;
  }

  /** Kills it with SIGKILL (nothing runs after) and resolves once it is gone. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGKILL');
    await gone;
  }

  /** Stops it as `npm start` is stopped (SIGTERM: work in hand is finished first). */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    await gone;
  }
}

async function child(): Promise<void> {
  const logger = createLogger('info', { write: (line) => process.stderr.write(`${line}\n`) });
  const databaseUrl = process.env.POCBOT_DATABASE_URL || undefined;
  const clock = new ManualClock(new Date(process.env.POCBOT_NOW ?? ''));
  const bot = createPocbot({
    config: testConfig({
      slackApiUrl: process.env.SLACK_API_URL,
      databasePath: process.env.DATABASE_PATH,
      databaseUrl,
    }),
    clock,
    logger,
    ...(process.env.POCBOT_VIRTUAL_PACER === '1' ? { dispatcher: { pacer: virtualPacer() } } : {}),
    // PostgreSQL is opened and migrated before the app is built, as main.ts does with DATABASE_URL.
    ...(databaseUrl ? { database: postgresAppDatabase(await openPostgres(databaseUrl, { maxConnections: 4 })) } : {}),
  });
  const { port } = await bot.start();
  process.on('message', (m: { type?: string; id?: number; now?: string }) => {
    if (m.type !== 'tick' || m.now === undefined) return;
    const now = new Date(m.now);
    clock.set(now);
    bot.jobs.tick(now).then(
      (report) => process.send?.({ type: 'tick', id: m.id, summary: report.summary, lines: report.lines }),
      (err: unknown) =>
        process.send?.({ type: 'tick', id: m.id, error: err instanceof Error ? err.message : String(err) }),
    );
  });
  process.once('SIGTERM', () => {
    void bot.stop().finally(() => process.exit(0));
  });
  process.send?.({ port });
}

if (process.env.POCBOT_CHILD === '1' && process.argv[1] === fileURLToPath(import.meta.url)) {
  child().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
