import { extendUsage } from '../../../services/extend.js';
import type { Subcommand } from './context.js';

export const extendCommand: Subcommand = {
  name: 'extend',
  usage: 'extend <YYYY-MM-DD> <reason naming undecided criteria>',
  summary:
    'move the end date, only for named undecided criteria, at most 8 weeks from the start; a second move needs the AE',
  handler: async (ctx) => {
    const [date, ...reasonWords] = ctx.args;
    if (!date || reasonWords.length === 0) return ctx.ack(extendUsage);
    const { command, deps } = ctx;
    // Ack first: the announcement and the scoreboard update are Slack calls.
    await ctx.ack();
    const result = await deps.services.extend.extend({
      teamId: command.team_id,
      channelId: command.channel_id,
      userId: command.user_id,
      newEndDate: date,
      reason: ctx.rest.slice(ctx.rest.indexOf(date) + date.length).trim(),
    });
    await ctx.respond(
      result.pending
        ? `Not extended yet. ${result.message}`
        : result.ok
          ? `Done. ${result.message}`
          : `Not extended. ${result.message}`,
    );
  },
};
