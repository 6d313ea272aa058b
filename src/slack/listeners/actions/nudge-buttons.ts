// The four buttons on a nudge or escalation DM: ack, record the choice, show it on the DM.
import type { BlockAction } from '@slack/bolt';
import { z } from 'zod';
import { payloadContainer, payloadTeam, payloadUser } from '../payload-fields.js';
import type { NudgeChoice } from '../../../services/nudge-dms.js';
import { nudgeActions } from '../../ids.js';
import type { ListenerDeps } from '../deps.js';
import type { ListenerSurfaces } from '../surfaces.js';

const click = z.object({
  team: payloadTeam,
  user: payloadUser,
  channel: z.object({ id: z.string().min(1) }).optional(),
  container: payloadContainer,
  actions: z.array(z.object({ action_id: z.string(), value: z.string().min(1).max(2000) })).min(1),
});

const choices: Record<string, NudgeChoice> = {
  [nudgeActions.ping]: 'ping',
  [nudgeActions.handle]: 'handle',
  [nudgeActions.snooze]: 'snooze',
  [nudgeActions.dismiss]: 'dismiss',
};

export function register(app: ListenerSurfaces, deps: ListenerDeps): void {
  for (const actionId of Object.values(nudgeActions)) {
    app.action<BlockAction>(actionId, async ({ ack, body, respond, logger, context }) => {
      await ack();
      const parsed = click.safeParse(body);
      const choice = choices[actionId];
      const action = parsed.success ? parsed.data.actions[0] : undefined;
      const teamId = context.teamId ?? (parsed.success ? parsed.data.team?.id : undefined);
      if (!parsed.success || !choice || !action || !teamId) {
        logger.warn(`nudge button ${actionId} without a nudge key or a workspace`);
        return;
      }
      const b = parsed.data;
      const channel = b.container?.channel_id ?? b.channel?.id;
      const ts = b.container?.message_ts;
      const result = await deps.services.nudges.choose({
        key: action.value,
        choice,
        userId: b.user.id,
        teamId,
        ...(channel && ts ? { dm: { channel, ts } } : {}),
      });
      // The DM itself now shows the choice; only a problem needs saying on top of that.
      if (!result.ok) await respond({ response_type: 'ephemeral', replace_original: false, text: result.message });
    });
  }
}
