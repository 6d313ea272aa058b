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
    // The status itself goes in the ack: a handful of prepared reads, about 0.1 ms for a
    // five-criterion POC, and cheaper than a second request through response_url. Putting up the
    // scoreboard is a Slack call: after the ack, in the work queue.
    await ctx.ack({ response_type: 'ephemeral', ...statusMessage(status.summary(poc)) });
    // Only while the POC has none: once it is up, the queued task would find that and stop.
    if (!poc.scoreboardTs) ctx.later(() => status.ensureScoreboard(poc));
  },
};
