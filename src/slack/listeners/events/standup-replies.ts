// Replies in a standup's thread are that day's standup answers.
import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { ListenerDeps } from '../deps.js';

const threadReply = z.object({
  subtype: z.enum(['thread_broadcast', 'file_share']).optional(),
  user: z.string().min(1),
  text: z.string().optional().default(''),
  ts: z.string().min(1),
  thread_ts: z.string().min(1),
  channel: z.string().min(1),
  bot_id: z.undefined().optional(),
});

export function register(app: App, deps: ListenerDeps): void {
  app.event('message', async ({ event, logger }) => {
    const parsed = threadReply.safeParse(event);
    if (!parsed.success || parsed.data.ts === parsed.data.thread_ts) return;
    const e = parsed.data;
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
