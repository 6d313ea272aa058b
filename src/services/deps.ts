// What every use case is built with: the store, the Slack port, the clock and a logger. Apart
// from context.ts because SlackDelivery, which context.ts names, is built with these too.
import type { Logger } from '@slack/bolt';
import type { Clock } from '../clock.js';
import type { Store } from '../store/index.js';
import type { InstallsPort, SlackPort } from './ports.js';

export interface ServiceDeps {
  store: Store;
  slack: SlackPort;
  clock: Clock;
  logger: Logger;
  /** OAuth mode: the stored tokens the lifecycle deletes (absent with the one SLACK_BOT_TOKEN). */
  installs?: InstallsPort | undefined;
}
