import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';

function eventIdOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { type?: unknown; event_id?: unknown };
  return b.type === 'event_callback' && typeof b.event_id === 'string' ? b.event_id : undefined;
}

/**
 * Runs before every listener: an event_id seen before stops here. A listener that throws
 * releases the id, so Slack's next retry gets a second chance instead of the event being lost.
 */
export function registerDedupe(app: App, deps: ListenerDeps): void {
  app.use(async ({ body, next, logger }) => {
    const eventId = eventIdOf(body);
    if (!eventId) return next();
    if (!deps.services.eventDedupe.claim(eventId)) {
      logger.debug(`event ${eventId} already handled; ignoring the retry`);
      return;
    }
    try {
      await next();
    } catch (err) {
      deps.services.eventDedupe.release(eventId);
      throw err;
    }
  });
}
