// pocbot in a process of its own, for tests that kill it (SIGKILL: no shutdown, no draining) and
// start it again on the same database. The parent gives the database, the Slack API URL and the
// simulated time in the environment; the child answers on IPC with its port once it listens, and
// writes its log lines to stderr.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createPocbot } from '../src/app.js';
import { ManualClock } from '../src/clock.js';
import { createLogger } from '../src/logger.js';
import { testBotToken, testSigningSecret } from './harness.js';

export interface AppProcessOptions {
  dbPath: string;
  slackApiUrl: string;
  /** The app's clock (ISO); it stands still, as the harness clock does. */
  now: string;
}

export class AppProcess {
  /** Every line the child wrote to stderr (its log). */
  readonly logs: string[] = [];

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(options: AppProcessOptions): Promise<AppProcess> {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const child = spawn(process.execPath, ['--import', tsx, fileURLToPath(import.meta.url)], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: {
        ...process.env,
        POCBOT_CHILD: '1',
        DATABASE_PATH: options.dbPath,
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
      child.once('message', (m: { port?: number }) =>
        m.port ? resolve(m.port) : reject(new Error('the app process did not say its port')),
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
  const bot = createPocbot({
    config: {
      botToken: testBotToken,
      signingSecret: testSigningSecret,
      appToken: undefined,
      port: 0,
      databasePath: process.env.DATABASE_PATH ?? '',
      slackApiUrl: process.env.SLACK_API_URL,
      scheduler: 'off',
      logLevel: 'info',
    },
    clock: new ManualClock(new Date(process.env.POCBOT_NOW ?? '')),
    logger,
  });
  const { port } = await bot.start();
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
