// Activity in POC channels: messages, thread replies and reactions, by the Slack ts of the
// activity. Bot posts and edits/deletions/joins (message subtypes) are not activity.
import { z } from 'zod';
import type { ListenerDeps } from '../deps.js';
import type { ListenerSurfaces } from '../surfaces.js';
import { channelPoc } from '../channel-poc.js';
import { teamOf } from './criterion-reactions.js';

const userMessage = z.object({
  // A reply also sent to the channel, or a message with a file, is still a person talking.
  subtype: z.enum(['thread_broadcast', 'file_share']).optional(),
  user: z.string().min(1),
  text: z.string().optional().default(''),
  ts: z.string().min(1),
  channel: z.string().min(1),
  channel_type: z.string().optional(),
  bot_id: z.undefined().optional(),
});

const reaction = z.object({
  user: z.string().min(1),
  event_ts: z.string().min(1),
  item: z.object({ type: z.literal('message'), channel: z.string().min(1) }),
});

export function register(app: ListenerSurfaces, deps: ListenerDeps): void {
  app.event('message', async ({ event, body, context, logger }) => {
    const parsed = userMessage.safeParse(event);
    if (!parsed.success || parsed.data.channel_type === 'im') return;
    const teamId = teamOf(body, context.teamId);
    if (!teamId) return;
    const e = parsed.data;
    if (e.user === context.botUserId) return;
    const out = await deps.services.activity.onMessage({
      teamId,
      channelId: e.channel,
      userId: e.user,
      ts: e.ts,
      text: e.text,
    });
    if (out.pushback.length > 0) logger.debug(`pushback from ${e.user} in ${e.channel}: ${out.pushback.join(', ')}`);
  });

  app.event('reaction_added', async ({ event, body, context }) => {
    const parsed = reaction.safeParse(event);
    if (!parsed.success) return;
    const teamId = teamOf(body, context.teamId);
    if (!teamId || parsed.data.user === context.botUserId) return;
    await deps.services.activity.onReaction({
      teamId,
      channelId: parsed.data.item.channel,
      userId: parsed.data.user,
      eventTs: parsed.data.event_ts,
      openPoc: channelPoc(deps, context, teamId, parsed.data.item.channel),
    });
  });
}
