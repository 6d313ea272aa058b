// reaction_added / reaction_removed on a criterion message: a customer evaluator's decision, a vendor call (SE, AE) or an
// opinion (anyone else). Reactions on other messages are left to other listeners.
import { z } from 'zod';
import { channelPoc } from '../channel-poc.js';
import type { ListenerDeps } from '../deps.js';
import type { ListenerSurfaces } from '../surfaces.js';

const reactionSchema = z.object({
  type: z.enum(['reaction_added', 'reaction_removed']),
  user: z.string().min(1),
  reaction: z.string().min(1),
  event_ts: z.string().optional(),
  item: z.object({ type: z.literal('message'), channel: z.string().min(1), ts: z.string().min(1) }),
});

export function teamOf(body: unknown, contextTeamId: string | undefined): string | undefined {
  if (contextTeamId) return contextTeamId;
  const team = (body as { team_id?: unknown }).team_id;
  return typeof team === 'string' ? team : undefined;
}

export function register(app: ListenerSurfaces, deps: ListenerDeps): void {
  for (const type of ['reaction_added', 'reaction_removed'] as const) {
    app.event(type, async ({ event, body, context, logger }) => {
      const parsed = reactionSchema.safeParse(event);
      const teamId = teamOf(body, context.teamId);
      if (!parsed.success || !teamId) return; // a file reaction or a shape we do not act on
      const e = parsed.data;
      const outcome = await deps.services.decideCriterion.onReaction({
        teamId,
        channelId: e.item.channel,
        messageTs: e.item.ts,
        userId: e.user,
        reaction: e.reaction,
        eventTs: e.event_ts,
        added: e.type === 'reaction_added',
        openPoc: channelPoc(deps, context, teamId, e.item.channel),
      });
      if (outcome !== 'ignored') logger.debug(`${e.type} ${e.reaction} by ${e.user} on ${e.item.ts}: ${outcome}`);
    });
  }
}
