// What pocbot tells the SE when Slack refuses one of its posts, with the next step. Pure text.
import type { OutgoingMessage } from '../../services/ports.js';

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
export function deliveryNotice(args: { what: string; channelId: string; problem: string; saved: boolean }): OutgoingMessage {
  const kept = args.saved ? ' What it says is recorded in pocbot; nothing was lost.' : '';
  return { text: `:warning: I could not post ${args.what} in <#${args.channelId}>. ${args.problem}${kept}` };
}

export function busyText(code: string): string {
  return `Slack did not answer (${code}) after a few tries.`;
}
