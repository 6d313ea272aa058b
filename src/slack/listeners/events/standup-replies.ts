// Replies in a standup's thread are that day's standup answers.
import type { ListenerDeps } from '../deps.js';
import type { ListenerSurfaces } from '../surfaces.js';
import { teamOf } from './criterion-reactions.js';
import { parseThreadReply } from './thread-reply.js';

export function register(app: ListenerSurfaces, deps: ListenerDeps): void {
  app.event('message', async ({ event, body, context, logger }) => {
    const e = parseThreadReply(event);
    const teamId = teamOf(body, context.teamId);
    if (!e || !teamId) return;
    const recorded = await deps.services.scheduleAnswers.recordStandupReply({
      teamId,
      channelId: e.channel,
      threadTs: e.thread_ts,
      userId: e.user,
      text: e.text,
      ts: e.ts,
    });
    if (recorded) logger.debug(`standup answer ${e.ts} by ${e.user} in ${e.channel}`);
  });
}
