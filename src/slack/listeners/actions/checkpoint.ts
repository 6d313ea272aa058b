// "Are we on track?" on a weekly checkpoint: store the click, show the answers on the message.
import type { BlockAction } from '@slack/bolt';
import { z } from 'zod';
import { payloadTeam, payloadUser } from '../payload-fields.js';
import { checkpointActionChoices } from '../../views/checkpoint.js';
import { checkpointAtRiskAction, checkpointOnTrackAction } from '../../ids.js';
import type { ListenerDeps } from '../deps.js';
import type { ListenerSurfaces } from '../surfaces.js';

const click = z.object({
  team: payloadTeam,
  user: payloadUser,
  container: z.object({ channel_id: z.string().min(1), message_ts: z.string().min(1) }),
  actions: z.array(z.object({ action_id: z.string(), action_ts: z.string().optional() })).min(1),
});

export function register(app: ListenerSurfaces, deps: ListenerDeps): void {
  for (const actionId of [checkpointOnTrackAction, checkpointAtRiskAction]) {
    app.action<BlockAction>(actionId, async ({ ack, body, context, logger }) => {
      await ack();
      const parsed = click.safeParse(body);
      const choice = checkpointActionChoices[actionId];
      const teamId = context.teamId ?? (parsed.success ? parsed.data.team?.id : undefined);
      if (!parsed.success || !choice || !teamId) {
        logger.warn(`checkpoint click without a message container or a workspace (${actionId})`);
        return;
      }
      const b = parsed.data;
      const ok = await deps.services.scheduleAnswers.answerCheckpoint({
        teamId,
        channelId: b.container.channel_id,
        messageTs: b.container.message_ts,
        userId: b.user.id,
        actionTs: b.actions[0]?.action_ts,
        choice,
      });
      if (!ok)
        logger.warn(
          `checkpoint click on ${b.container.channel_id}/${b.container.message_ts}: not a checkpoint pocbot sent`,
        );
    });
  }
}
