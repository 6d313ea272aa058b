// The short thread reply that acknowledges a change in a criterion's standing. A vendor call (the
// SE's or the AE's) is said to await the customer's confirmation, with a Confirm button the
// customer's evaluators can click instead of reacting.
import type { KnownBlock } from '@slack/types';
import type { Result } from '../../domain/poc.js';
import { type CriterionStanding, type Decision, resultLabels } from '../../domain/results.js';
import type { OutgoingMessage } from '../message.js';
import { confirmCallAction, confirmCallBlock } from '../ids.js';

const same = (a: Decision | undefined, b: Decision | undefined): boolean =>
  a?.result === b?.result && a?.decidedBy === b?.decidedBy;

const whose = (d: Decision): string =>
  d.role === 'lead' ? 'the lead evaluator’s' : d.role === 'evaluator' ? 'the customer’s' : 'the vendor’s';

/** The reply text, or undefined when the reaction changed neither the standing call, the vendor call awaiting confirmation, nor who was overruled. */
export function decisionAck(input: {
  before: CriterionStanding;
  after: CriterionStanding;
  actor: string;
  added: boolean;
  result: Result;
}): string | undefined {
  const { before, after, actor, added, result } = input;
  if (
    same(before.decision, after.decision) &&
    same(before.overruled, after.overruled) &&
    same(before.awaiting, after.awaiting)
  )
    return undefined;
  const n = after.criterion.position;
  const d = after.decision;
  const waiting = after.awaiting;
  if (!d && waiting) {
    if (!added)
      return `<@${actor}> removed their ${resultLabels[result]} on criterion ${n}; the vendor call ${resultLabels[waiting.result]} by <@${waiting.decidedBy}> still awaits the customer’s confirmation.`;
    return `Vendor call on criterion ${n}: ${resultLabels[waiting.result]} by <@${waiting.decidedBy}>, *awaiting customer confirmation*. It counts once one of the customer’s evaluators confirms it (the same reaction on the criterion, or the button below).`;
  }
  if (!d) return `Criterion ${n} is undecided again: <@${actor}> removed their ${resultLabels[result]}.`;
  if (!added)
    return `<@${actor}> removed their ${resultLabels[result]} on criterion ${n}; it stands at ${resultLabels[d.result]} by <@${d.decidedBy}>.`;
  if (d.decidedBy !== actor) {
    return `Noted <@${actor}>’s ${resultLabels[result]} on criterion ${n}; ${whose(d)} ${resultLabels[d.result]} by <@${d.decidedBy}> stands.`;
  }
  const confirmed =
    before.awaiting && !before.decision && before.awaiting.result === d.result
      ? `, confirming <@${before.awaiting.decidedBy}>’s call`
      : '';
  const by = d.role === 'lead' ? ' (lead evaluator)' : ' (customer evaluator)';
  if (after.overruled) {
    return `Criterion ${n} marked ${resultLabels[d.result]} by <@${actor}>${by}, overruling <@${after.overruled.decidedBy}>’s ${resultLabels[after.overruled.result]}.`;
  }
  return `Criterion ${n} marked ${resultLabels[d.result]} by <@${actor}>${by}${confirmed}.`;
}

/** The Confirm button's value: which call on which revision of which criterion it confirms. */
export function confirmValue(criterionId: number, revision: number, result: Result): string {
  return `${criterionId}:${revision}:${result}`;
}

/** The reply as a message: with the Confirm button while a vendor call awaits the customer. */
export function decisionAckMessage(text: string, after: CriterionStanding): OutgoingMessage {
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text } }];
  const waiting = after.awaiting;
  if (waiting && !after.decision) {
    blocks.push({
      type: 'actions',
      block_id: confirmCallBlock,
      elements: [
        {
          type: 'button',
          action_id: confirmCallAction,
          style: 'primary',
          text: { type: 'plain_text', text: `Confirm ${resultLabels[waiting.result]}` },
          value: confirmValue(after.criterion.id, after.criterion.revision, waiting.result),
        },
      ],
    });
  }
  return { text, blocks };
}

/** The reply once the call is confirmed: the button goes, the confirmation stays. */
export function confirmedAckMessage(text: string, confirmedBy: string, result: Result): OutgoingMessage {
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: `:white_check_mark: Confirmed ${resultLabels[result]} by <@${confirmedBy}>.` },
        ],
      },
    ],
  };
}
