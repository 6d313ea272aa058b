import { statusMessage } from '../../views/poc-status.js';
import { requirePoc } from './require-poc.js';
import type { Subcommand } from './context.js';

export const statusCommand: Subcommand = {
  name: 'status',
  usage: 'status',
  summary: 'where this POC stands: calendar, criteria, evidence, blockers, evaluator activity, nudges',
  answersLater: true,
  handler: async (ctx) => {
    // Acked empty before anything is read (by the door, as it answersLater); the status follows
    // through response_url from the work queue, which starts its tasks after each turn's network
    // I/O. Rendered inside the ack, every status (eight reads, the blocks) held up the acks of the
    // requests behind it: under a burst the acks then cost twice what a bare Bolt ack does
    // (`npm run bench`, which also times how long the status takes to arrive).
    await ctx.ack();
    ctx.later(async () => {
      const poc = await requirePoc(ctx);
      if (!poc) return;
      const { pocStatus, nudges } = ctx.deps.services;
      // Putting up the scoreboard is a Slack call of its own: only while the POC has none.
      if (!poc.scoreboardTs) ctx.later(() => pocStatus.ensureScoreboard(poc));
      const { summary, holidays } = await pocStatus.status(poc);
      await ctx.respond({
        response_type: 'ephemeral',
        ...statusMessage(summary, await nudges.listForPoc(poc.id), holidays),
      });
    });
  },
};
