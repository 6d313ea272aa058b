// "Log as scope request" on a message: customers ask for more in the channel, and in a Slack
// Connect channel they cannot run the host's `/poc`. Whoever clicks logs it; the request is
// credited to the message's author, which `/poc scope` (always the person typing) cannot do.
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { payloadTeam, payloadUser } from '../payload-fields.js';
import { scopeShortcut } from '../../ids.js';
import { scopeDecisionPrompt } from '../../views/evaluation-prompts.js';
import type { ListenerDeps } from '../deps.js';
import { loggedRespond } from '../logged-respond.js';
import { droppedNote } from '../../views/text.js';

const messageAction = z.object({
  user: payloadUser,
  team: payloadTeam,
  channel: z.object({ id: z.string().min(1) }),
  message: z.object({ user: z.string().min(1).optional(), bot_id: z.string().optional(), text: z.string().optional() }),
});

export function register(app: App, deps: ListenerDeps): void {
  app.shortcut(
    { callback_id: scopeShortcut, type: 'message_action' },
    async ({ ack, shortcut, respond: boltRespond, context, logger }) => {
      await ack();
      const respond = loggedRespond(boltRespond, logger, scopeShortcut);
      const parsed = messageAction.safeParse(shortcut);
      const teamId = context.teamId ?? (parsed.success ? parsed.data.team?.id : undefined);
      if (!parsed.success || !teamId) {
        logger.warn(`ignored a "${scopeShortcut}" shortcut without its user, channel or message`);
        return;
      }
      const { user, channel, message } = parsed.data;
      const tell = async (text: string): Promise<void> => {
        await respond({ response_type: 'ephemeral', text });
      };
      if (!message.user || message.bot_id) return tell('Only a person’s message can be logged as a scope request.');
      if (!message.text?.trim()) return tell('That message has no text to log; use `/poc scope <what was asked for>`.');
      const logged = await deps.services.scope.log({
        teamId,
        channelId: channel.id,
        userId: user.id,
        requestedBy: message.user,
        text: message.text,
      });
      if (!logged.ok) return tell(logged.message);
      const { request, poc } = logged;
      const intro = `Scope request #${request.id} from <@${message.user}> logged${message.user === user.id ? '' : ` by <@${user.id}>`}.${droppedNote(logged.dropped, request.text)}`;
      if (logged.canDecide) {
        await respond({ response_type: 'ephemeral', ...scopeDecisionPrompt(request, intro) });
        return;
      }
      await tell(`${intro} The SE <@${poc.seId}> decides whether it is deferred or accepted.`);
      await deps.services.scope.askDecider(poc, request, intro);
    },
  );
}
