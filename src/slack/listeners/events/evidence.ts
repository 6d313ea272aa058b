// Thread replies on a criterion message are its evidence; edits and deletions follow the reply.
import { z } from 'zod';
import type { ListenerDeps } from '../deps.js';
import type { ListenerSurfaces } from '../surfaces.js';
import { teamOf } from './criterion-reactions.js';
import { parseThreadReply } from './thread-reply.js';

const inner = z.object({
  ts: z.string().min(1),
  thread_ts: z.string().min(1).optional(),
  text: z.string().optional().default(''),
});

const changed = z.object({ subtype: z.literal('message_changed'), channel: z.string().min(1), message: inner });
const deleted = z.object({
  subtype: z.literal('message_deleted'),
  channel: z.string().min(1),
  deleted_ts: z.string().min(1),
  previous_message: inner.optional(),
});

export function register(app: ListenerSurfaces, deps: ListenerDeps): void {
  app.event('message', async ({ event, body, context, logger }) => {
    const teamId = teamOf(body, context.teamId);
    if (!teamId) return;
    const evidence = deps.services.evidence;
    const e = parseThreadReply(event);
    if (e) {
      const outcome = await evidence.onReply({
        teamId,
        channelId: e.channel,
        threadTs: e.thread_ts,
        ts: e.ts,
        userId: e.user,
        text: e.text,
      });
      if (outcome !== 'ignored') logger.debug(`evidence ${e.ts} on ${e.thread_ts}: ${outcome}`);
      return;
    }
    const edit = changed.safeParse(event);
    if (edit.success && edit.data.message.thread_ts) {
      const m = edit.data.message;
      await evidence.onEdited({
        teamId,
        channelId: edit.data.channel,
        threadTs: m.thread_ts ?? '',
        ts: m.ts,
        text: m.text,
      });
      return;
    }
    const gone = deleted.safeParse(event);
    if (gone.success && gone.data.previous_message?.thread_ts) {
      await evidence.onDeleted({
        teamId,
        channelId: gone.data.channel,
        threadTs: gone.data.previous_message.thread_ts,
        ts: gone.data.deleted_ts,
      });
    }
  });
}
