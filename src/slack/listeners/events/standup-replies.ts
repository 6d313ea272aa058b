// Replies in a standup's thread are that day's standup answers.
import type { ListenerDeps } from '../deps.js';
import type { ListenerSurfaces } from '../surfaces.js';
import { parseThreadReply } from './thread-reply.js';

export function register(app: ListenerSurfaces, deps: ListenerDeps): void {
  app.event('message', async ({ event, logger }) => {
    const e = parseThreadReply(event);
    if (!e) return;
    const recorded = deps.services.scheduleAnswers.recordStandupReply({
      channelId: e.channel,
      threadTs: e.thread_ts,
      userId: e.user,
      text: e.text,
      ts: e.ts,
    });
    if (recorded) logger.debug(`standup answer ${e.ts} by ${e.user} in ${e.channel}`);
  });
}
