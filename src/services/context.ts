// What the services get when index.ts builds them. Its own module so that a service can name it
// without importing index.ts, which imports every service.
import type { ServiceDeps } from './deps.js';
import type { SlackDelivery } from './slack-delivery.js';

/** What the services get: the deps, and the one shared way to post on a user's behalf. */
export type ServiceContext = ServiceDeps & { delivery: SlackDelivery };
