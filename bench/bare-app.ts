// The comparison for the ack benchmark: a Bolt app that only acks, on the same HTTPReceiver
// settings as pocbot (endpoint, signing secret, default body limit, response after the ack
// rather than after processing, logger and level), with no database, no middleware of ours and
// no listeners doing work. It runs in a process of its own, as the app does (ack-servers.ts).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type Logger } from '@slack/bolt';

export interface BareApp {
  url: string;
  stop(): Promise<void>;
}

export async function startBareApp(options: {
  signingSecret: string;
  botToken: string;
  slackApiUrl: string;
  logger: Logger;
}): Promise<BareApp> {
  const { logger } = options;
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: '/slack/events',
    logger,
    processBeforeResponse: false,
  });
  const app = new App({
    token: options.botToken,
    receiver,
    logger,
    logLevel: logger.getLevel(),
    clientOptions: { slackApiUrl: options.slackApiUrl, retryConfig: { retries: 0 } },
    deferInitialization: true,
  });
  app.command('/poc', async ({ ack }) => {
    await ack();
  });
  // Events are acked by Bolt before listeners run; the listener exists so dispatch is the same.
  app.event('reaction_added', async () => {});
  await app.init();
  const server = (await app.start(0)) as Server;
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, stop: () => app.stop() as Promise<void> };
}
