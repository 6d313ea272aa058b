// "Post to channel" on the readout preview. The click is checked again (who, which workspace,
// which channel) because a preview can be old and buttons can be forged.
import { z } from 'zod';
import { payloadTeam, payloadUser } from '../payload-fields.js';
import { readoutPostAction } from '../../ids.js';
import type { ListenerDeps } from '../deps.js';
import type { ListenerSurfaces } from '../surfaces.js';

const postClick = z.object({
  user: payloadUser,
  team: payloadTeam,
  channel: z.object({ id: z.string().min(1) }).optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().regex(/^\d+$/) })).min(1),
});

export function register(app: ListenerSurfaces, deps: ListenerDeps): void {
  app.action(readoutPostAction, async ({ ack, body, respond, logger }) => {
    await ack();
    const parsed = postClick.safeParse(body);
    const teamId = parsed.success
      ? (parsed.data.team?.id ?? (body as { user?: { team_id?: string } }).user?.team_id)
      : undefined;
    if (!parsed.success || !teamId || !parsed.data.channel) {
      logger.warn(`${readoutPostAction}: unexpected payload`);
      return;
    }
    const { user, channel, actions } = parsed.data;
    await respond({ response_type: 'ephemeral', replace_original: true, text: 'Posting the readout…' });
    const res = await deps.services.readout.post({
      teamId,
      channelId: channel.id,
      userId: user.id,
      pocId: Number(actions[0]?.value),
    });
    if (!res.ok) {
      await respond({ response_type: 'ephemeral', replace_original: true, text: res.message });
      return;
    }
    const where = res.firstLink ? `<${res.firstLink}|in the channel>` : 'in the channel';
    const parts =
      res.queued > 0
        ? ` (${res.posted.length} of ${res.posted.length + res.queued} messages now; Slack is busy, the other ${res.queued} follow within a few minutes)`
        : res.posted.length === 1
          ? ''
          : ` (${res.posted.length} messages)`;
    const file = res.file
      ? ' with the Markdown file'
      : '; the Markdown file could not be uploaded, try `/poc readout` again later';
    const stage = res.stageMoved ? ' The POC is now in readout.' : '';
    await respond({
      response_type: 'ephemeral',
      replace_original: true,
      text: `Readout posted ${where}${parts}${file}.${stage} Record the outcome with \`/poc close won|lost|no-decision|abandoned\`.`,
    });
  });
}
