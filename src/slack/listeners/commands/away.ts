// `/poc away @person <from> <to> [note]`, `/poc away`, `/poc away cancel <number>`: time off, for
// anyone on either side (the SE or AE for others, anyone for themselves). Answered ephemerally:
// someone's vacation is not news for the shared channel.
import type { Subcommand } from './context.js';

export const awayCommand: Subcommand = {
  name: 'away',
  usage: 'away [@person <from YYYY-MM-DD> <to YYYY-MM-DD> [note] | cancel <number>]',
  summary:
    'record time off for someone on either side (or yourself), list it, or cancel it: no silence count or DMs while away',
  handler: async (ctx) => {
    const result = await ctx.deps.services.timeOff.away({
      teamId: ctx.command.team_id,
      channelId: ctx.command.channel_id,
      userId: ctx.command.user_id,
      args: ctx.args,
    });
    return ctx.ack(result.message);
  },
};
