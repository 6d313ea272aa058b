import type { Logger } from '@slack/bolt';
import type { Clock } from '../../clock.js';
import type { Services } from '../../services/index.js';
import type { WorkQueue } from '../work-queue.js';

/** What listeners get: services to call, and nothing that reaches SQL directly. */
export interface ListenerDeps {
  services: Services;
  clock: Clock;
  logger: Logger;
  /** Where work goes that must not hold up the acks of the requests behind it. */
  work: WorkQueue;
}
