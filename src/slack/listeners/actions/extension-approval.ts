// Approve or Decline on the AE's DM for a second extension: ack, decide, show it on the DM.
import type { BlockAction } from '@slack/bolt';
import { z } from 'zod';
import { payloadContainer, payloadTeam, payloadUser } from '../payload-fields.js';
import { extensionApproveAction, extensionDeclineAction } from '../../ids.js';
import type { ListenerDeps } from '../deps.js';
import { loggedRespond } from '../logged-respond.js';
import type { ListenerSurfaces } from '../surfaces.js';

const click = z.object({
  team: payloadTeam,
  user: payloadUser,
  container: payloadContainer,
  actions: z.array(z.object({ action_id: z.string(), value: z.string().regex(/^\d{1,12}$/) })).min(1),
});

export function register(app: ListenerSurfaces, deps: ListenerDeps): void {
  for (const actionId of [extensionApproveAction, extensionDeclineAction]) {
    app.action<BlockAction>(actionId, async ({ ack, body, respond, logger, context }) => {
      await ack();
      const parsed = click.safeParse(body);
      const action = parsed.success ? parsed.data.actions[0] : undefined;
      const teamId = context.teamId ?? (parsed.success ? parsed.data.team?.id : undefined);
      if (!parsed.success || !action || !teamId) {
        logger.warn(`${actionId} without an extension id or a workspace`);
        return;
      }
      const b = parsed.data;
      const channel = b.container?.channel_id;
      const ts = b.container?.message_ts;
      const result = await deps.services.extend.decide({
        teamId,
        userId: b.user.id,
        extensionId: Number(action.value),
        approve: actionId === extensionApproveAction,
        ...(channel && ts ? { dm: { channel, ts } } : {}),
      });
      await loggedRespond(
        respond,
        logger,
        'extension approval',
      )({ response_type: 'ephemeral', replace_original: false, text: result.message });
    });
  }
}
