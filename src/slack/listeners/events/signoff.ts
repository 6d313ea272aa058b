// Reactions on the criteria document: the lead technical evaluator's ✅ signs it off (and again after a material change), and taking it off
// later is said in the thread. Reactions on criterion messages are handled in criterion-reactions.ts.
import { z } from 'zod';
import { channelPoc } from '../channel-poc.js';
import type { ListenerDeps } from '../deps.js';
import type { ListenerSurfaces } from '../surfaces.js';
import { teamOf } from './criterion-reactions.js';

const documentReaction = z.object({
  user: z.string().min(1),
  reaction: z.string().min(1),
  event_ts: z.string().optional(),
  item: z.object({ type: z.literal('message'), channel: z.string().min(1), ts: z.string().min(1) }),
});

export function register(app: ListenerSurfaces, deps: ListenerDeps): void {
  for (const type of ['reaction_added', 'reaction_removed'] as const) {
    app.event(type, async ({ event, body, context, logger }) => {
      const parsed = documentReaction.safeParse(event);
      const teamId = teamOf(body, context.teamId);
      if (!parsed.success || !teamId) return;
      const e = parsed.data;
      const reaction = {
        teamId,
        channelId: e.item.channel,
        messageTs: e.item.ts,
        userId: e.user,
        reaction: e.reaction,
        eventTs: e.event_ts,
        openPoc: channelPoc(deps, context, teamId, e.item.channel),
      };
      if (type === 'reaction_added') {
        const outcome = await deps.services.signOff.onReactionAdded(reaction);
        if (outcome)
          logger.debug(`reaction ${e.reaction} by ${e.user} on the criteria document: ${JSON.stringify(outcome)}`);
      } else if (await deps.services.signOff.onReactionRemoved(reaction)) {
        logger.info(
          `the evaluator ${e.user} removed their ${e.reaction} from the signed criteria document in ${e.item.channel}`,
        );
      }
    });
  }
}
