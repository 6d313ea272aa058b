// `/poc new [name]` and `/poc edit`: open the criteria-document modal. The trigger_id lives 3 s,
// so the ack goes first and views.open right after, before anything slow.
import type { Subcommand } from './context.js';
import { requirePoc } from './require-poc.js';

function triggerFailed(err: unknown): string {
  const code = err instanceof Error ? err.message : String(err);
  return `I could not open the form (${code}). Please run the command again.`;
}

export const newPoc: Subcommand = {
  name: 'new',
  usage: 'new [name]',
  summary: 'start a POC here: the one-page success-criteria document, signed off by the evaluator',
  handler: async (ctx) => {
    const { command, deps } = ctx;
    const refusal = await deps.services.createPoc.refusal(command.team_id, command.channel_id);
    if (refusal) return ctx.ack(refusal);
    await ctx.ack();
    try {
      await deps.services.createPoc.openNewModal({
        triggerId: command.trigger_id,
        channelId: command.channel_id,
        userId: command.user_id,
        name: ctx.rest.slice(0, 80),
      });
    } catch (err) {
      deps.logger.warn(`/poc new: views.open failed: ${err instanceof Error ? err.message : String(err)}`);
      await ctx.respond(triggerFailed(err));
    }
  },
};

export const editPoc: Subcommand = {
  name: 'edit',
  usage: 'edit',
  summary: 'change the criteria document (SE or AE); changes after sign-off are announced',
  handler: async (ctx) => {
    const poc = await requirePoc(ctx);
    if (!poc) return;
    const refusal = ctx.deps.services.editPoc.refusal(poc, ctx.command.user_id);
    if (refusal) return ctx.ack(refusal);
    await ctx.ack();
    try {
      await ctx.deps.services.editPoc.openEditModal(poc, ctx.command.trigger_id);
    } catch (err) {
      ctx.deps.logger.warn(`/poc edit: views.open failed: ${err instanceof Error ? err.message : String(err)}`);
      await ctx.respond(triggerFailed(err));
    }
  },
};
