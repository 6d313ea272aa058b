import { portfolioMessage } from '../../views/portfolio.js';
import type { Subcommand } from './context.js';

export const listCommand: Subcommand = {
  name: 'list',
  usage: 'list',
  summary: 'every POC you run as SE or AE, against the sustainable load (works in any channel)',
  handler: async (ctx) => {
    const p = await ctx.deps.services.pocStatus.portfolio(ctx.command.team_id, ctx.command.user_id);
    await ctx.ack({ response_type: 'ephemeral', ...portfolioMessage(p.open, p.closed, p.load) });
  },
};
