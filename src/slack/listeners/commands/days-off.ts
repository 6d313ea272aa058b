// `/poc holiday <date>…`, `/poc pause <until> <reason>`, `/poc resume`: the SE or AE only.
import type { DaysOffResult } from '../../../services/days-off.js';
import type { CommandContext, Subcommand } from './context.js';

function who(ctx: CommandContext) {
  return { teamId: ctx.command.team_id, channelId: ctx.command.channel_id, userId: ctx.command.user_id };
}

/** Refusals and confirmations are ephemeral; a pause or a resume is also announced in the channel. */
async function reply(ctx: CommandContext, result: DaysOffResult): Promise<void> {
  if (result.ok && result.announce) return ctx.ack({ response_type: 'in_channel', text: result.announce });
  return ctx.ack(result.message);
}

export const holidayCommand: Subcommand = {
  name: 'holiday',
  usage: 'holiday <YYYY-MM-DD> [<YYYY-MM-DD>…]',
  summary: 'mark non-working days for either company: no standups or checkpoints, not counted as business days',
  handler: async (ctx) => reply(ctx, await ctx.deps.services.daysOff.addHolidays({ ...who(ctx), dates: ctx.args })),
};

export const pauseCommand: Subcommand = {
  name: 'pause',
  usage: 'pause <until YYYY-MM-DD> <reason>',
  summary: 'no standups, checkpoints or escalations through that date (the end date does not move)',
  handler: async (ctx) => {
    const [until, ...reason] = ctx.args;
    return reply(ctx, await ctx.deps.services.daysOff.pause({ ...who(ctx), until, reason: reason.join(' ') }));
  },
};

export const resumeCommand: Subcommand = {
  name: 'resume',
  usage: 'resume',
  summary: 'end a pause now',
  handler: async (ctx) => reply(ctx, await ctx.deps.services.daysOff.resume(who(ctx))),
};
