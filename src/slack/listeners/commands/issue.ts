import { parseIssueCommand } from '../../../services/issues.js';
import { quoteForSlack } from '../../../domain/quoted-text.js';
import { issueSeverityPrompt } from '../../views/evaluation-prompts.js';
import { droppedNote } from '../../views/text.js';
import type { Subcommand } from './context.js';

export const issueCommand: Subcommand = {
  name: 'issue',
  usage: 'issue [blocker|limitation|cosmetic] <text> | issue workaround <n> <text> | issue resolve <n>',
  summary: 'log an issue found in the POC, record its workaround, or resolve it',
  handler: async (ctx) => {
    const { command, deps } = ctx;
    const parsed = parseIssueCommand(ctx.rest);
    if (parsed.kind === 'invalid') return ctx.ack(parsed.message);
    const where = { teamId: command.team_id, channelId: command.channel_id, userId: command.user_id };
    if (parsed.kind === 'resolve')
      return ctx.ack((await deps.services.issues.resolve({ ...where, number: parsed.number })).message);
    if (parsed.kind === 'workaround')
      return ctx.ack(
        (await deps.services.issues.setWorkaround({ ...where, number: parsed.number, text: parsed.text })).message,
      );
    const logged = await deps.services.issues.log({ ...where, text: parsed.text, severity: parsed.severity });
    if (!logged.ok) return ctx.ack(logged.message);
    const note = droppedNote(logged.dropped, logged.issue.text);
    if (parsed.severity)
      return ctx.ack(
        `Issue #${logged.issue.number} logged as *${parsed.severity}*: ${quoteForSlack(logged.issue.text)}${note}`,
      );
    return ctx.ack({ response_type: 'ephemeral', ...issueSeverityPrompt(logged.issue, note) });
  },
};
