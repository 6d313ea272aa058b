// Confirm under a vendor call in a criterion's thread: ack, record the customer's confirmation,
// and tell the clicker privately when it was refused.
import type { BlockAction } from '@slack/bolt';
import { z } from 'zod';
import { payloadContainer, payloadTeam, payloadUser } from '../payload-fields.js';
import { confirmCallAction } from '../../ids.js';
import type { ListenerDeps } from '../deps.js';
import { loggedRespond } from '../logged-respond.js';
import type { ListenerSurfaces } from '../surfaces.js';

const click = z.object({
  team: payloadTeam,
  user: payloadUser,
  container: payloadContainer,
  actions: z
    .array(z.object({ action_id: z.string(), value: z.string().min(1).max(100), action_ts: z.string().optional() }))
    .min(1),
});

export function register(app: ListenerSurfaces, deps: ListenerDeps): void {
  app.action<BlockAction>(confirmCallAction, async ({ ack, body, respond, logger, context }) => {
    await ack();
    const parsed = click.safeParse(body);
    const action = parsed.success ? parsed.data.actions[0] : undefined;
    const teamId = context.teamId ?? (parsed.success ? parsed.data.team?.id : undefined);
    if (!parsed.success || !action || !teamId) {
      logger.warn('Confirm clicked without a call or a workspace');
      return;
    }
    const b = parsed.data;
    const channel = b.container?.channel_id;
    const ts = b.container?.message_ts;
    const result = await deps.services.decideCriterion.confirm({
      teamId,
      userId: b.user.id,
      value: action.value,
      actionTs: action.action_ts,
      ...(channel && ts ? { message: { channel, ts } } : {}),
    });
    // The thread says it when it worked; a refusal is for the clicker alone.
    if (!result.ok)
      await loggedRespond(
        respond,
        logger,
        'Confirm',
      )({ response_type: 'ephemeral', replace_original: false, text: result.message });
  });
}
