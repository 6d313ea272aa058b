// Most subcommands act on the channel's open POC; this loads it or answers why there is none.
import type { Poc } from '../../../domain/poc.js';
import type { CommandContext } from './context.js';

export const noPocYet = 'There is no POC in this channel yet — start one with `/poc new`.';

/** The channel's open POC, or undefined after telling the user why there is none (ephemeral). */
export async function requirePoc(ctx: CommandContext): Promise<Poc | undefined> {
  const poc = await ctx.deps.services.openPocs.inChannel(ctx.command.team_id, ctx.command.channel_id);
  if (!poc)
    await ctx.reply(await ctx.deps.services.openPocs.whyNone(ctx.command.team_id, ctx.command.channel_id, noPocYet));
  return poc;
}
