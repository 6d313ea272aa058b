// The AE's DM for a second (or later) extension: what is asked, by whom and why, with Approve and
// Decline; once decided, the same DM without the buttons and with who decided.
import type { KnownBlock } from '@slack/types';
import type { Poc } from '../../domain/poc.js';
import type { OutgoingMessage } from '../message.js';
import type { Extension } from '../../store/extensions.js';
import { extensionApprovalBlock, extensionApproveAction, extensionDeclineAction } from '../ids.js';
import { shortDate } from './evaluation-kit.js';
import { clip, escapeText } from './text.js';

function summary(poc: Pick<Poc, 'name' | 'channelId'>, x: Extension, granted: number | undefined): string {
  const criteria = x.criterionPositions.map((p) => `#${p}`).join(', ');
  const count =
    granted === undefined ? '' : ` (this POC has been extended ${granted} time${granted === 1 ? '' : 's'} already)`;
  return clip(
    `:repeat: *Extension ${granted === undefined ? '' : `${granted + 1} `}asked for ${escapeText(poc.name)}* in <#${poc.channelId}>${count}\n` +
      `<@${x.requestedBy}> asks to move the end date from ${shortDate(x.previousEndDate)} to *${shortDate(x.newEndDate)}*` +
      `${x.newReadoutDate && x.newReadoutDate !== x.previousReadoutDate ? ` (readout to ${shortDate(x.newReadoutDate)})` : ''} for ${criteria}:\n> ${escapeText(x.reason)}`,
    2900,
  );
}

export function extensionApprovalDm(v: {
  poc: Pick<Poc, 'name' | 'channelId'>;
  extension: Extension;
  granted: number;
}): OutgoingMessage {
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: summary(v.poc, v.extension, v.granted) } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'A second extension needs your approval: nothing moves until you approve. A POC that keeps slipping rarely closes.',
        },
      ],
    },
    {
      type: 'actions',
      block_id: extensionApprovalBlock,
      elements: [
        {
          type: 'button',
          action_id: extensionApproveAction,
          style: 'primary',
          text: { type: 'plain_text', text: 'Approve' },
          value: String(v.extension.id),
        },
        {
          type: 'button',
          action_id: extensionDeclineAction,
          style: 'danger',
          text: { type: 'plain_text', text: 'Decline' },
          value: String(v.extension.id),
        },
      ],
    },
  ];
  return {
    text: clip(`Extension asked for ${v.poc.name}: end date to ${v.extension.newEndDate}. Approve or decline.`, 2900),
    blocks,
  };
}

export function extensionDecidedDm(v: { poc: Pick<Poc, 'name' | 'channelId'>; extension: Extension }): OutgoingMessage {
  const x = v.extension;
  const outcome =
    x.status === 'granted'
      ? `:white_check_mark: Approved by <@${x.decidedBy ?? ''}>: the end date is now ${shortDate(x.newEndDate)}.`
      : x.status === 'declined'
        ? `:no_entry_sign: Declined by <@${x.decidedBy ?? ''}>: the end date did not move.`
        : 'Waiting for a decision.';
  return {
    text: clip(
      `Extension of ${v.poc.name} to ${x.newEndDate}: ${x.status === 'granted' ? 'approved' : x.status === 'declined' ? 'declined' : 'waiting'}.`,
      2900,
    ),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: summary(v.poc, x, undefined) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: outcome }] },
    ],
  };
}
