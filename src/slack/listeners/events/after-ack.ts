import type { App } from '@slack/bolt';
import { receiptOf } from '../../inbox.js';
import type { ListenerDeps } from '../deps.js';

function queued(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { type?: unknown; event_id?: unknown; event?: { type?: unknown } };
  // function_executed is the one event its listener acks itself: it cannot wait in the queue.
  if (b.type !== 'event_callback' || b.event?.type === 'function_executed') return undefined;
  return typeof b.event_id === 'string' ? b.event_id : 'without an id';
}

/**
 * Runs before every listener. Bolt has already acked an event when this runs, so its listeners
 * go to the work queue, behind the acks of the requests that follow. The event is in the inbox
 * already (slack/inbox.ts: a retry of it never gets this far); the queued work holds its receipt,
 * so the inbox marks it done only when the listeners are, and tries it again if one throws.
 */
export function registerAfterAck(app: App, deps: ListenerDeps): void {
  // The last queued event of each channel: the next one of that channel waits for it. A channel's
  // events are then handled in the order Slack delivered them, as they were when every store call
  // ran alone on SQLite: a ✅ removed and then (an older event, delivered late) added must be seen
  // in that order, or the late one signs the POC off. Other channels' events run alongside.
  const tails = new Map<string, Promise<void>>();
  app.use(async ({ body, next, logger, context }) => {
    const eventId = queued(body);
    if (!eventId) return next();
    const release = receiptOf(context)?.hold();
    const channel = channelOf(body);
    deps.work.enqueue(`event ${eventId}`, async () => {
      const before = channel ? tails.get(channel) : undefined;
      let finished!: () => void;
      const mine = new Promise<void>((resolve) => {
        finished = resolve;
      });
      if (channel) tails.set(channel, mine);
      let failure: unknown;
      try {
        await before;
        await next();
      } catch (err) {
        failure = err;
        // Past Bolt's own error handler (the event left its dispatch when it was queued). The
        // inbox logs it and says what it does about it (tries again); one it does not hold is logged here.
        if (!release) logger.error('unhandled error in a listener:', err);
      } finally {
        release?.(failure);
        finished();
        if (channel && tails.get(channel) === mine) tails.delete(channel);
      }
    });
  });
}

/** The channel an event is about (a message's, or a reaction's item's), if any. */
function channelOf(body: unknown): string | undefined {
  const event = (body as { event?: { channel?: unknown; item?: { channel?: unknown } } }).event;
  const channel = event?.channel ?? event?.item?.channel;
  return typeof channel === 'string' ? channel : undefined;
}
