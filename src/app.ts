// The composition root: config → database → store → services → Slack app → jobs, each passed
// in explicitly. Nothing here runs at import time; createPocbot builds, start() listens.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type Logger, type Receiver, SocketModeReceiver } from '@slack/bolt';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import type { DispatcherOptions } from './jobs/dispatcher.js';
import { createJobs, type Jobs } from './jobs/index.js';
import { createLogger } from './logger.js';
import { runWithBindings } from './log-context.js';
import { Metrics } from './ops/metrics.js';
import { Readiness, schedulerCheck, socketModeCheck } from './ops/readiness.js';
import { opsRoutes } from './ops/routes.js';
import { describeRequest, instrumentBolt, instrumentHttpReceiver } from './ops/slack-requests.js';
import { createServices, type Services } from './services/index.js';
import type { SlackPort } from './services/ports.js';
import { SlackGateway, webClientOptions } from './slack/gateway.js';
import { PocbotInstallationStore } from './slack/installation-store.js';
import { botScopes } from './slack/scopes.js';
import { scopedPort, WorkspaceSlackPorts } from './slack/slack-ports.js';
import { InstallationsStore } from './store/installations.js';
import { TokenCipher } from './store/token-cipher.js';
import { inWorkspace } from './workspace-scope.js';
import { answerUnacknowledged, createHttpReceiver } from './slack/http-receiver.js';
import { answersLater } from './slack/listeners/commands/router.js';
import { registerListeners } from './slack/listeners/index.js';
import { WorkQueue } from './slack/work-queue.js';
import { SlackInbox } from './slack/inbox.js';
import { InboxService } from './services/inbox.js';
import { InboxStore } from './store/inbox.js';
import { createStoreOn, type Store } from './store/index.js';
import { type AppDatabase, sqliteAppDatabase } from './store/app-database.js';

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
  /**
   * The database, opened already: PostgreSQL (DATABASE_URL) is opened and migrated before the app
   * is built (main.ts: its driver is asynchronous). None: SQLite at DATABASE_PATH, opened here.
   */
  database?: AppDatabase;
}

/** A server's connection waits at most this for a lock: work running when a lock is taken stalls the loop this long, once. */
export const serverBusyTimeoutMs = 50;

export interface Pocbot {
  config: Config;
  bolt: App;
  database: AppDatabase;
  store: Store;
  services: Services;
  jobs: Jobs;
  /** The port the services hold: each call with the token of the workspace the work is for. */
  slack: SlackPort;
  /** Each workspace's port (one for all with SLACK_BOT_TOKEN). */
  ports: WorkspaceSlackPorts;
  /** OAuth mode: the stored installations (tokens encrypted); undefined with SLACK_BOT_TOKEN. */
  installations: InstallationsStore | undefined;
  /** What /metrics and /readyz report; another part may add its own readiness check. */
  metrics: Metrics;
  readiness: Readiness;
  /** Every request stored before its ack, done from there (and, with replicas, watched: slack/inbox.ts). */
  inbox: SlackInbox;
  /** Listens (HTTP, or Socket Mode with SLACK_APP_TOKEN) and starts the scheduler if on. */
  start(): Promise<{ port: number | undefined }>;
  stop(): Promise<void>;
}

export function createPocbot(options: PocbotOptions): Pocbot {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const logger =
    options.logger ??
    createLogger(config.logLevel, undefined, {
      secrets: [
        config.botToken,
        config.signingSecret,
        config.appToken,
        config.oauth?.clientSecret,
        config.oauth?.stateSecret,
      ],
    });

  const database =
    options.database ??
    sqliteAppDatabase(config.databasePath, { busyTimeoutMs: options.busyTimeoutMs ?? serverBusyTimeoutMs });
  const store = createStoreOn(database.handle);
  const metrics = new Metrics({ outboxDepth: async () => store.outbox.pendingCounts(clock.now()) });
  const gatewayOptions = {
    slackApiUrl: config.slackApiUrl,
    logger,
    onCallFailed: (failure: { method: string; code: string }) =>
      metrics.slackCallFailures.inc({ method: failure.method, error: failure.code }),
  };
  // OAuth: each workspace's token from its stored install; otherwise the one SLACK_BOT_TOKEN for all.
  const installations = config.oauth
    ? new InstallationsStore(database.handle, new TokenCipher(config.oauth.tokenKey))
    : undefined;
  const ports = new WorkspaceSlackPorts({
    single: installations
      ? undefined
      : (options.slack ?? new SlackGateway({ ...gatewayOptions, token: config.botToken as string })),
    tokenFor: async (ws) => (await installations?.find(ws))?.botToken,
    gateway: gatewayOptions,
  });
  const slack = scopedPort(ports, logger);
  const installs = installations
    ? {
        forget: async (ws: { teamId: string; enterpriseId?: string | undefined; isEnterpriseInstall?: boolean }) => {
          await installations.delete(ws);
          ports.forget(ws);
        },
      }
    : undefined;
  const services = createServices({ store, slack, clock, logger, installs });

  // The request path writes through a connection of its own that never waits for a lock
  // (store/write-gate.ts, on SQLite): storing a request is retried off the event loop, within a bound.
  const gate = database.inboxGate;
  // On PostgreSQL other replicas may be answering requests on the same inbox: at start this one
  // does only what was left unfinished for over two minutes (a replica that died or stopped).
  const inboxService = new InboxService(new InboxStore(database.inboxHandle), gate, clock, logger, {
    othersWorkingMs: database.dialect === 'postgres' ? 2 * 60_000 : 0,
    writesAtOnce: database.inboxWritesAtOnce,
  });

  // Readiness: the database with every migration, the Socket Mode connection, the scheduler's last tick.
  const readiness = new Readiness();
  readiness.add({
    name: 'database',
    check: async () => {
      const status = await database.status();
      return status.ok ? { ok: true, detail: `${status.migrations} migrations applied` } : status;
    },
  });
  let startedAt: Date | undefined;
  let lastTick: Date | undefined;
  if (config.scheduler === 'on')
    readiness.add(
      schedulerCheck(
        () => clock.now(),
        () => lastTick,
        () => startedAt,
      ),
    );
  // Not locked by another connection, and the last write not refused (a full or failing disk).
  readiness.add({
    name: 'database_writable',
    check: () => {
      const w = gate.check();
      return w.writable
        ? { ok: true, detail: 'writable' }
        : { ok: false, reason: `not writable: ${w.problem ?? 'unknown'}` };
    },
  });
  const routes = opsRoutes({ database, readiness, metrics });

  const socketMode = Boolean(config.appToken);
  let receiver: Receiver;
  if (socketMode) {
    const socket = new SocketModeReceiver({
      appToken: config.appToken as string,
      logger,
      customRoutes: routes,
      // The socket's own Web API client (apps.connections.open) must use SLACK_API_URL too (GovSlack).
      installerOptions: {
        port: config.port,
        clientOptions: config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {},
      },
    });
    let connected = false;
    socket.client.on('connected', () => {
      connected = true;
    });
    for (const state of ['disconnecting', 'disconnected', 'reconnecting']) {
      socket.client.on(state, () => {
        connected = false;
      });
    }
    // Slack's hello seen, and the WebSocket still open (a dropped one closes before the client says it reconnects).
    readiness.add(socketModeCheck(() => connected && socket.client.websocket?.isActive() === true));
    receiver = socket;
  } else {
    // Bolt's HTTPReceiver with clean answers to bad input and the future-timestamp bound.
    const oauth =
      config.oauth && installations
        ? {
            clientId: config.oauth.clientId,
            clientSecret: config.oauth.clientSecret,
            stateSecret: config.oauth.stateSecret,
            scopes: [...botScopes],
            installationStore: new PocbotInstallationStore(installations, clock, {
              installed: async (ws) => {
                ports.forget(ws);
                // Installed again after an uninstall: the workspace's POCs' jobs resume.
                if (ws.teamId && !ws.isEnterpriseInstall)
                  await services.lifecycle.onAuthorized({ teamId: ws.teamId, enterpriseId: ws.enterpriseId });
                else if (ws.isEnterpriseInstall && ws.enterpriseId)
                  await services.lifecycle.onOrgAuthorized(ws.enterpriseId);
              },
              deleted: (ws) => ports.forget(ws),
            }),
            // The authorize page of the same Slack as the Web API (GovSlack, a local Slack-compatible API).
            authorizationUrl: new URL(
              '../oauth/v2/authorize',
              config.slackApiUrl ?? 'https://slack.com/api/',
            ).toString(),
            clientOptions: webClientOptions(config.slackApiUrl, logger),
          }
        : undefined;
    const http = createHttpReceiver({
      signingSecret: config.signingSecret as string,
      logger,
      endpoint: '/slack/events',
      customRoutes: routes,
      oauth,
    });
    instrumentHttpReceiver(http, '/slack/events', metrics);
    receiver = http;
  }
  const bolt = new App({
    // Without a token Bolt authorizes each request through the receiver's InstallationStore.
    ...(config.oauth ? {} : { token: config.botToken }),
    receiver,
    logger,
    // Without it Bolt resets the given logger to INFO, ignoring LOG_LEVEL.
    logLevel: logger.getLevel(),
    clientOptions: webClientOptions(config.slackApiUrl, logger),
    // auth.test runs in start(), awaited, instead of as a floating promise in the constructor.
    deferInitialization: true,
    // No listener uses context.conversation; Bolt's default in-memory store would look every
    // request's conversation up (and build an Error for each miss) on the way to the ack.
    convoStore: false,
  });
  const work = new WorkQueue(logger, {
    ready: () => gate.ready(),
    yieldTo: () => inboxService.storing,
    receiving: () => inboxService.receiving,
  });
  answerUnacknowledged(bolt, logger);
  // After it, so it runs first: a request is stored before anything answers it. An event, or a
  // command that answers through response_url, is acknowledged once stored and goes through Bolt
  // from the work queue.
  const inbox = new SlackInbox(bolt, {
    inbox: inboxService,
    clock,
    logger,
    answeredAtTheDoor: (body, kind) => kind === 'event' || (kind === 'command' && answersLater(body)),
    queue: (label, run) => work.enqueue(label, run),
    inRequestContext: (body, run) => runWithBindings(describeRequest(body), run),
  });
  // Around the inbox: it only names and times each request, from its arrival to its ack.
  instrumentBolt(bolt, metrics);
  bolt.error(async (err) => {
    logger.error('unhandled error in a listener:', err);
  });

  // Every listener runs as work for its request's workspace: the services' Slack calls (and the
  // work queued past the ack) use that workspace's token (workspace-scope.ts).
  bolt.use(async ({ context, next }) => {
    await inWorkspace({ teamId: context.teamId ?? '', enterpriseId: context.enterpriseId }, next);
  });
  registerListeners(bolt, { services, clock, logger, work });
  const jobs = createJobs({
    store,
    services,
    slack: ports,
    clock,
    logger,
    dispatcher: options.dispatcher,
    whenWritable: () => gate.ready(),
    onTick: (report, results) => {
      lastTick = clock.now();
      metrics.ticks.inc({ outcome: report.summary.jobsFailed > 0 ? 'failed' : 'ok' });
      metrics.tickSeconds.observe({ phase: 'plan' }, report.planMs / 1000);
      metrics.tickSeconds.observe({ phase: 'send' }, report.sendMs / 1000);
      for (const r of results) metrics.posts.inc({ outcome: r.outcome });
    },
  });

  let started = false;
  return {
    config,
    bolt,
    database,
    store,
    services,
    jobs,
    slack,
    ports,
    installations,
    metrics,
    readiness,
    inbox,
    async start() {
      let team: { teamId: string; enterpriseId: string | undefined } | undefined;
      // OAuth: the stored tokens must be readable under this key, or no workspace could be served.
      const installCount = await installations?.checkKey();
      try {
        await bolt.init();
        // OAuth: no one token to verify; each workspace's is checked as it installs (Bolt's auth.test).
        const auth = config.oauth ? undefined : await bolt.client.auth.test();
        if (auth?.team_id) team = { teamId: auth.team_id, enterpriseId: auth.enterprise_id || undefined };
      } catch (err) {
        // Bolt verifies the token with auth.test here: say so, rather than a bare "fetch failed".
        const reason = err instanceof Error ? err.message : String(err);
        throw new Error(
          `could not verify SLACK_BOT_TOKEN with Slack (auth.test at ${config.slackApiUrl ?? 'https://slack.com/api/'}): ${reason}`,
        );
      }
      // The token works for this workspace: it is installed (again, if it had been uninstalled).
      if (team) await services.lifecycle.onAuthorized(team);
      database.startBackground((message) => logger.error(`database checkpoints: ${message}`));
      await inbox.takeLeftover();
      const server = (await bolt.start(config.port)) as unknown;
      started = true;
      startedAt = clock.now();
      // What the last process acknowledged and never finished, after the port is open: new
      // requests are answered meanwhile.
      void inbox.resume().catch((err: unknown) => {
        logger.error('could not do the requests left unfinished:', err);
      });
      // With replicas: what one that dies leaves is taken up by the others, not at a restart.
      inbox.watch();
      if (config.scheduler === 'on') jobs.startCron();
      const address = (server as Server | undefined)?.address?.();
      const port = socketMode
        ? config.port
        : address && typeof address === 'object'
          ? (address as AddressInfo).port
          : undefined;
      logger.info(
        {
          mode: socketMode ? 'socket' : 'http',
          port: port ?? config.port,
          scheduler: config.scheduler,
          team: team?.teamId,
          ...(installCount === undefined ? {} : { oauth: true, installations: installCount }),
        },
        `pocbot listening (${socketMode ? `Socket Mode; health routes on port ${config.port}` : `HTTP on port ${port ?? config.port}`})`,
      );
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
      await database.close();
    },
  };
}
