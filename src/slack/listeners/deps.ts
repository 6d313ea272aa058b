import type { Logger } from '@slack/bolt';
import type { Clock } from '../../clock.js';
import type { Services } from '../../services/index.js';

/** What listeners get: services to call, and nothing that reaches SQL directly. */
export interface ListenerDeps {
  services: Services;
  clock: Clock;
  logger: Logger;
}
