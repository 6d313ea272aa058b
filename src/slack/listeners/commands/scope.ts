import { scopeDecisionPrompt } from '../../views/evaluation-prompts.js';
import { droppedNote } from '../../views/text.js';
import type { Subcommand } from './context.js';

export const scopeCommand: Subcommand = {
  name: 'scope',
  usage: 'scope <request>',
  summary:
    'log an out-of-scope request (or use “Log as scope request” on the customer’s message): defer it, or accept it for a new end date or a dropped criterion',
  handler: async (ctx) => {
    const { command, deps } = ctx;
    const logged = await deps.services.scope.log({
      teamId: command.team_id,
      channelId: command.channel_id,
      userId: command.user_id,
      text: ctx.rest,
    });
    if (!logged.ok) return ctx.ack(logged.message);
    const { request, poc } = logged;
    const intro = `Scope request #${request.id} logged.${droppedNote(logged.dropped, request.text)}`;
    if (logged.canDecide) {
      return ctx.ack({ response_type: 'ephemeral', ...scopeDecisionPrompt(request, intro) });
    }
    await ctx.ack(`${intro} The SE <@${poc.seId}> decides whether it is deferred or accepted.`);
    await deps.services.scope.askDecider(poc, request);
  },
};
