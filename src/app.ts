// The composition root: config → database → store → services → Slack app → jobs, each passed
// in explicitly. Nothing here runs at import time; createPocbot builds, start() listens.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type Logger } from '@slack/bolt';
import type Database from 'better-sqlite3';
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
import { healthRoutes } from './slack/health-routes.js';
import { SlackInbox } from './slack/inbox.js';
import { InboxService } from './services/inbox.js';
import { migrationsFolder, type OpenDatabase, openDatabase, openSideConnection } from './store/db.js';
import { InboxStore } from './store/inbox.js';
import { WriteGate } from './store/write-gate.js';
import { createStore, type Store } from './store/index.js';

export interface PocbotOptions {
  config: Config;
  clock?: Clock;
  logger?: Logger;
  /** Replaces the Web API gateway (the bench's bare comparison; never in production). */
  slack?: SlackPort;
  /** Outbox dispatcher settings, e.g. a pacer that does not sleep (the demo, tests). */
  dispatcher?: DispatcherOptions;
  /**
   * How long the app's database connection waits for another's lock, inside the event loop. A
   * server waits briefly (serverBusyTimeoutMs: the write gate waits the rest off the loop);
   * `npm run tick`, which answers no requests, can wait longer.
   */
  busyTimeoutMs?: number;
}

/** A server's connection waits at most this for a lock: work running when a lock is taken stalls the loop this long, once. */
export const serverBusyTimeoutMs = 50;

export interface Pocbot {
  config: Config;
  bolt: App;
  database: OpenDatabase;
  store: Store;
  services: Services;
  jobs: Jobs;
  slack: SlackPort;
  /** Every SQLite connection the app holds (its own and the inbox's): a test fills the disk on all of them. */
  connections: Database.Database[];
  /** Listens (HTTP, or Socket Mode with SLACK_APP_TOKEN) and starts the scheduler if on. */
  start(): Promise<{ port: number | undefined }>;
  stop(): Promise<void>;
}

export function createPocbot(options: PocbotOptions): Pocbot {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.logLevel);

  const database = openDatabase(config.databasePath, migrationsFolder, { busyTimeoutMs: options.busyTimeoutMs ?? serverBusyTimeoutMs });
  const store = createStore(database.db);
  const slack =
    options.slack ?? new SlackGateway({ token: config.botToken, slackApiUrl: config.slackApiUrl, logger });
  const services = createServices({ store, slack, clock, logger });

  // The request path writes through a connection of its own that never waits for a lock
  // (store/write-gate.ts): storing a request is retried off the event loop, within a bound.
  const side = config.databasePath === ':memory:' ? { db: database.db, sqlite: database.sqlite } : openSideConnection(config.databasePath, { busyTimeoutMs: 0 });
  const gate = new WriteGate(side.sqlite);
  const inboxService = new InboxService(new InboxStore(side.db), gate, clock, logger);
  const routes = healthRoutes({ sqlite: database.sqlite, gate });

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
      ? { socketMode: true, appToken: config.appToken, customRoutes: routes, installerOptions: { port: config.port } }
      : {
          // Bolt's HTTPReceiver with clean answers to bad input and the future-timestamp bound.
          receiver: createHttpReceiver({
            signingSecret: config.signingSecret,
            logger,
            endpoint: '/slack/events',
            customRoutes: routes,
          }),
        }),
  });
  answerUnacknowledged(bolt, logger);
  // Last, so it runs first: a request is stored before anything answers it.
  const inbox = new SlackInbox(bolt, { inbox: inboxService, clock, logger });
  bolt.error(async (err) => {
    logger.error(`unhandled error in a listener: ${err.message}`);
  });

  const work = new WorkQueue(logger, { ready: () => gate.ready(), yieldTo: () => inboxService.storing });
  registerListeners(bolt, { services, clock, logger, work });
  const jobs = createJobs({ store, services, slack, clock, logger, dispatcher: options.dispatcher, whenWritable: () => gate.ready() });

  let started = false;
  return {
    config,
    bolt,
    database,
    store,
    services,
    jobs,
    slack,
    connections: side.sqlite === database.sqlite ? [database.sqlite] : [database.sqlite, side.sqlite],
    async start() {
      try {
        await bolt.init();
      } catch (err) {
        // Bolt verifies the token with auth.test here: say so, rather than a bare "fetch failed".
        const reason = err instanceof Error ? err.message : String(err);
        throw new Error(`could not verify SLACK_BOT_TOKEN with Slack (auth.test at ${config.slackApiUrl ?? 'https://slack.com/api/'}): ${reason}`);
      }
      inbox.takeLeftover();
      const server = (await bolt.start(config.port)) as unknown;
      started = true;
      // What the last process acknowledged and never finished, after the port is open: new
      // requests are answered meanwhile.
      void inbox.resume().catch((err: unknown) => {
        logger.error(`could not do the requests left unfinished: ${err instanceof Error ? err.message : String(err)}`);
      });
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
      // Requests already acked are finished, not dropped (Slack will not send them again); what
      // cannot finish (the database locked) stays in the inbox for the next start.
      inbox.stop();
      gate.stop();
      await work.drain();
      await inbox.settled();
      if (side.sqlite !== database.sqlite) side.sqlite.close();
      database.close();
    },
  };
}
