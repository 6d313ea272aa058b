import { statusMessage } from '../../views/poc-status.js';
import { requirePoc } from './require-poc.js';
import type { Subcommand } from './router.js';

export const statusCommand: Subcommand = {
  name: 'status',
  usage: 'status',
  summary: 'where this POC stands: calendar, criteria, evidence, blockers, evaluator activity',
  handler: async (ctx) => {
    const poc = await requirePoc(ctx);
    if (!poc) return;
    const status = ctx.deps.services.pocStatus;
    await ctx.ack({ response_type: 'ephemeral', ...statusMessage(status.summary(poc)) });
    await status.ensureScoreboard(poc);
  },
};
