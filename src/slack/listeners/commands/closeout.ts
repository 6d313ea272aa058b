import { requirePoc } from './require-poc.js';
import { quoteForSlack } from '../../../domain/quoted-text.js';
import type { Subcommand } from './context.js';

export const closeCommand: Subcommand = {
  name: 'close',
  usage: 'close won|lost|no-decision|abandoned [reason]',
  summary: 'end the POC with its outcome; nothing more is scheduled for it',
  handler: async (ctx) => {
    const poc = await requirePoc(ctx);
    if (!poc) return;
    const outcome = ctx.args[0] ?? '';
    const reason = ctx.rest.slice(outcome.length).trim();
    const res = await ctx.deps.services.closeout.close(poc, { userId: ctx.command.user_id, outcome, reason });
    if (!res.ok) return ctx.ack(res.message);
    const next = res.poc.stage === 'won' ? ' Run `/poc handoff` to send Customer Success the hand-off.' : '';
    // Ephemeral on purpose: the channel is shared with the customer, and "lost" is an internal call.
    await ctx.ack(
      `Closed *${res.poc.name}* as *${outcome.toLowerCase()}*${res.poc.outcomeReason ? ` — ${res.poc.outcomeReason}` : ''}. No more standups, checkpoints or nudges${res.skipped > 0 ? ` (${res.skipped} scheduled post(s) cancelled)` : ''}.${next}`,
    );
    const closed = res.poc;
    ctx.later(async () => {
      await ctx.deps.services.nudges.retireDms(closed);
    });
  },
};

export const decisionCommand: Subcommand = {
  name: 'decision',
  usage: 'decision <text>',
  summary: 'record a decision taken during the POC (it goes into the hand-off)',
  handler: async (ctx) => {
    if (!ctx.rest)
      return ctx.ack(
        'Usage: `/poc decision <what was decided>`, e.g. `/poc decision Use the EU region for production`.',
      );
    const poc = await requirePoc(ctx);
    if (!poc) return;
    const res = await ctx.deps.services.closeout.recordDecision(poc, { userId: ctx.command.user_id, text: ctx.rest });
    if (!res.ok) return ctx.ack(res.message);
    await ctx.ack(`Decision recorded: ${quoteForSlack(res.decision.text)}`);
  },
};

export const handoffCommand: Subcommand = {
  name: 'handoff',
  usage: 'handoff [weekly|monthly|quarterly]',
  summary:
    'after a win: send the SE the Customer Success hand-off by DM (metrics, decisions, issues, promises, people)',
  answersLater: true,
  handler: async (ctx) => {
    await ctx.ack();
    const res = await ctx.deps.services.closeout.sendHandoff({
      teamId: ctx.command.team_id,
      channelId: ctx.command.channel_id,
      userId: ctx.command.user_id,
      cadence: ctx.args[0],
    });
    if (!res.ok) return ctx.respond(res.message);
    await ctx.respond(
      `${res.note ? `${res.note}\n` : ''}Sent the Customer Success hand-off to <@${res.seId}> by DM${res.file ? ', with the Markdown file' : ' (the Markdown file could not be uploaded)'}. A reminder to check the metrics goes out 30 days after the close.`,
    );
  },
};
