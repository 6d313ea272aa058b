// What pocbot tells the SE when Slack refuses one of its posts, with the next step. Pure text.
import type { OutgoingMessage } from '../message.js';

/** The sentence for a Slack error code about the POC channel, or undefined when the code is not about the channel. */
export function channelProblemText(code: string, channelId: string): string | undefined {
  const ch = `<#${channelId}>`;
  switch (code) {
    case 'not_in_channel':
      return `I am not a member of ${ch}, so I cannot post there. Invite me: type \`/invite @pocbot\` in ${ch}.`;
    case 'channel_not_found':
      return `I cannot find ${ch}: it was deleted, or it is private or shared and I was removed or it was unshared. If it still exists, invite me back with \`/invite @pocbot\`; if not, close the POC with \`/poc close abandoned\`.`;
    case 'is_archived':
      return `${ch} is archived, so I stopped this POC's scheduled posts (standups, checkpoints, reminders, nudges). Unarchive the channel and they resume; or record the outcome with \`/poc close\`.`;
    default:
      return undefined;
  }
}

export function dmProblemText(code: string, userId: string): string | undefined {
  if (code === 'account_inactive') return `<@${userId}>'s Slack account is deactivated, so I could not send them a DM.`;
  if (code === 'cannot_dm_bot') return `<@${userId}> is a bot, so I could not send them a DM.`;
  if (code === 'user_not_found' || code === 'user_disabled') return `I could not find <@${userId}> to DM them.`;
  return undefined;
}

/** The notice about a failed post: what could not be posted, why, the next step, and that nothing was lost. */
export function deliveryNotice(args: {
  what: string;
  channelId: string;
  problem: string;
  saved: boolean;
}): OutgoingMessage {
  const kept = args.saved ? ' What it says is recorded in pocbot; nothing was lost.' : '';
  return { text: `:warning: I could not post ${args.what} in <#${args.channelId}>. ${args.problem}${kept}` };
}

export function busyText(code: string): string {
  return `Slack did not answer (${code}) after a few tries.`;
}

/**
 * The notice about a scheduled post that will not go out however long pocbot waits: what, why
 * (`reason`: Slack's refusal or an outage that outlasted the post), and the next step.
 */
export function undeliveredNotice(args: {
  what: string;
  target: string;
  code: string;
  reason: string | undefined;
  channelId: string;
}): OutgoingMessage {
  const where = /^[UW]/.test(args.target) ? ` to <@${args.target}>` : ` in <#${args.target}>`;
  const why =
    args.code === 'expired'
      ? `It was still waiting its turn when ${args.reason ?? 'its day ended'}`
      : args.code === 'not_built'
        ? `It could not be built (${args.reason ?? 'unknown reason'})`
        : args.reason
          ? `Slack kept failing (\`${args.code}\`) until ${args.reason}`
          : `Slack refused it (\`${args.code}\`)`;
  return {
    text: `:warning: I could not post ${args.what}${where}. ${why}, so it was not sent. If it mattered, say it yourself in <#${args.channelId}>; the next scheduled posts go out as usual.`,
  };
}

/**
 * Said on a DM or an escalation about a POC whose own channel takes no posts any more (the
 * dispatcher halted its posts there): the rest still goes, with why the channel is silent.
 */
export function channelGoneText(channelId: string, haltedReason: string): string {
  const gone = /\bis archived\b|^channel archived$/.test(haltedReason)
    ? 'is archived'
    : 'can no longer be found (deleted, or unshared and I was removed)';
  return `:warning: The POC's channel <#${channelId}> ${gone}, so my posts there have stopped. If it still exists, invite me back with \`/invite @pocbot\` (or unarchive it); if not, record the outcome with \`/poc close\`.`;
}

/** `message` with `note` at its end: in the text, and as a context block after its blocks. */
export function withNote(message: OutgoingMessage, note: string): OutgoingMessage {
  const blocks = message.blocks;
  return {
    ...message,
    text: `${message.text}\n${note}`,
    ...(blocks && blocks.length < 50
      ? { blocks: [...blocks, { type: 'context', elements: [{ type: 'mrkdwn', text: note }] }] }
      : {}),
  };
}
