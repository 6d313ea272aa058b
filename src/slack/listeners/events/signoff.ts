// Reactions on the criteria document: the technical evaluator's ✅ signs it off, and taking it off
// later is said in the thread. Reactions on criterion messages are handled in criterion-reactions.ts.
import { z } from 'zod';
import type { ListenerDeps } from '../deps.js';
import type { ListenerSurfaces } from '../surfaces.js';

const documentReaction = z.object({
  user: z.string().min(1),
  reaction: z.string().min(1),
  item: z.object({ type: z.literal('message'), channel: z.string().min(1), ts: z.string().min(1) }),
});

export function register(app: ListenerSurfaces, deps: ListenerDeps): void {
  app.event('reaction_added', async ({ event, body, context, logger }) => {
    const parsed = documentReaction.safeParse(event);
    const teamId = context.teamId ?? (body as { team_id?: string }).team_id;
    if (!parsed.success || !teamId) return;
    const e = parsed.data;
    const outcome = await deps.services.signOff.onReactionAdded({
      teamId,
      channelId: e.item.channel,
      messageTs: e.item.ts,
      userId: e.user,
      reaction: e.reaction,
    });
    if (outcome) logger.debug(`reaction ${e.reaction} by ${e.user} on the criteria document: ${JSON.stringify(outcome)}`);
  });

  app.event('reaction_removed', async ({ event, body, context, logger }) => {
    const parsed = documentReaction.safeParse(event);
    const teamId = context.teamId ?? (body as { team_id?: string }).team_id;
    if (!parsed.success || !teamId) return;
    const e = parsed.data;
    const said = await deps.services.signOff.onReactionRemoved({ teamId, channelId: e.item.channel, messageTs: e.item.ts, userId: e.user, reaction: e.reaction });
    if (said) logger.info(`the evaluator ${e.user} removed their ${e.reaction} from the signed criteria document in ${e.item.channel}`);
  });
}
