import type { Logger } from '@slack/bolt';
import type { Clock } from '../clock.js';
import type { Store } from '../store/index.js';
import { EventDedupe } from './event-dedupe.js';
import type { SlackPort } from './ports.js';

export interface ServiceDeps {
  store: Store;
  slack: SlackPort;
  clock: Clock;
  logger: Logger;
}

/** Every use case, built once by the composition root. */
export interface Services {
  eventDedupe: EventDedupe;
}

export function createServices(deps: ServiceDeps): Services {
  return {
    eventDedupe: new EventDedupe(deps.store, deps.clock),
  };
}
