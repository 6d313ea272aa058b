// member_joined_channel for the bot itself: one short greeting saying how to start, once per
// channel (services/onboarding.ts). Other people joining are not the bot's business.
import { z } from 'zod';
import type { ListenerDeps } from '../deps.js';
import type { ListenerSurfaces } from '../surfaces.js';
import { teamOf } from './criterion-reactions.js';

const joined = z.object({ user: z.string().min(1), channel: z.string().min(1) });

export function register(app: ListenerSurfaces, deps: ListenerDeps): void {
  app.event('member_joined_channel', async ({ event, body, context, logger }) => {
    const parsed = joined.safeParse(event);
    const teamId = teamOf(body, context.teamId);
    if (!parsed.success || !teamId || !context.botUserId || parsed.data.user !== context.botUserId) return;
    const outcome = await deps.services.onboarding.greetChannel(teamId, parsed.data.channel);
    logger.debug(`joined ${parsed.data.channel}: ${outcome}`);
  });
}
