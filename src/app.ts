// The composition root: config → database → store → services → Slack app → jobs, each passed
// in explicitly. Nothing here runs at import time; createPocbot builds, start() listens.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type Logger } from '@slack/bolt';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import type { DispatcherOptions } from './jobs/dispatcher.js';
import { createJobs, type Jobs } from './jobs/index.js';
import { createLogger } from './logger.js';
import { createServices, type Services } from './services/index.js';
import type { SlackPort } from './services/ports.js';
import { SlackGateway, webClientOptions } from './slack/gateway.js';
import { answerUnacknowledged, createHttpReceiver } from './slack/http-receiver.js';
import { registerListeners } from './slack/listeners/index.js';
import { WorkQueue } from './slack/work-queue.js';
import { type OpenDatabase, openDatabase } from './store/db.js';
import { createStore, type Store } from './store/index.js';

export interface PocbotOptions {
  config: Config;
  clock?: Clock;
  logger?: Logger;
  /** Replaces the Web API gateway (the bench's bare comparison; never in production). */
  slack?: SlackPort;
  /** Outbox dispatcher settings, e.g. a pacer that does not sleep (the demo, tests). */
  dispatcher?: DispatcherOptions;
}

export interface Pocbot {
  config: Config;
  bolt: App;
  database: OpenDatabase;
  store: Store;
  services: Services;
  jobs: Jobs;
  slack: SlackPort;
  /** Listens (HTTP, or Socket Mode with SLACK_APP_TOKEN) and starts the scheduler if on. */
  start(): Promise<{ port: number | undefined }>;
  stop(): Promise<void>;
}

export function createPocbot(options: PocbotOptions): Pocbot {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.logLevel);

  const database = openDatabase(config.databasePath);
  const store = createStore(database.db);
  const slack =
    options.slack ?? new SlackGateway({ token: config.botToken, slackApiUrl: config.slackApiUrl, logger });
  const services = createServices({ store, slack, clock, logger });

  const healthz = {
    path: '/healthz',
    method: ['GET'],
    handler: (_req: unknown, res: import('node:http').ServerResponse) => {
      let ok = true;
      try {
        database.sqlite.prepare('select 1').get();
      } catch {
        ok = false;
      }
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok, database: ok ? 'open' : 'unavailable' }));
    },
  };

  const socketMode = Boolean(config.appToken);
  const bolt = new App({
    token: config.botToken,
    signingSecret: config.signingSecret,
    logger,
    // Without it Bolt resets the given logger to INFO, ignoring LOG_LEVEL.
    logLevel: logger.getLevel(),
    clientOptions: webClientOptions(config.slackApiUrl, logger),
    // auth.test runs in start(), awaited, instead of as a floating promise in the constructor.
    deferInitialization: true,
    // No listener uses context.conversation; Bolt's default in-memory store would look every
    // request's conversation up (and build an Error for each miss) on the way to the ack.
    convoStore: false,
    ...(socketMode
      ? { socketMode: true, appToken: config.appToken, customRoutes: [healthz], installerOptions: { port: config.port } }
      : {
          // Bolt's HTTPReceiver with clean answers to bad input and the future-timestamp bound.
          receiver: createHttpReceiver({
            signingSecret: config.signingSecret,
            logger,
            endpoint: '/slack/events',
            customRoutes: [healthz],
          }),
        }),
  });
  answerUnacknowledged(bolt, logger);
  bolt.error(async (err) => {
    logger.error(`unhandled error in a listener: ${err.message}`);
  });

  const work = new WorkQueue(logger);
  registerListeners(bolt, { services, clock, logger, work });
  const jobs = createJobs({ store, services, slack, clock, logger, dispatcher: options.dispatcher });

  let started = false;
  return {
    config,
    bolt,
    database,
    store,
    services,
    jobs,
    slack,
    async start() {
      try {
        await bolt.init();
      } catch (err) {
        // Bolt verifies the token with auth.test here: say so, rather than a bare "fetch failed".
        const reason = err instanceof Error ? err.message : String(err);
        throw new Error(`could not verify SLACK_BOT_TOKEN with Slack (auth.test at ${config.slackApiUrl ?? 'https://slack.com/api/'}): ${reason}`);
      }
      const server = (await bolt.start(config.port)) as unknown;
      started = true;
      if (config.scheduler === 'on') jobs.startCron();
      const address = (server as Server | undefined)?.address?.();
      const port = address && typeof address === 'object' ? (address as AddressInfo).port : undefined;
      logger.info(`pocbot listening (${socketMode ? 'Socket Mode' : `HTTP on port ${port ?? config.port}`})`);
      return { port };
    },
    async stop() {
      jobs.stop();
      if (started) await bolt.stop();
      started = false;
      // Events already acked are finished, not dropped: Slack will not send them again.
      await work.drain();
      database.close();
    },
  };
}
