// The one-page success-criteria document, the per-criterion messages, and the posts that go
// with them (sign-off, changes after sign-off, the creator's confirmation). Pure builders.
//
// Size: every typed field has a max length in the modal (domain/poc-draft.ts textLimits), and
// the document lists each criterion in its own section, so even 15 criteria at full length stay
// within 50 blocks, 3000 chars per text and the ~12k total Slack tolerates (see the unit test).
import type { KnownBlock } from '@slack/types';
import { businessDaysInRange, type Holidays, weekdayNames, zonedInstant } from '../../domain/calendar.js';
import { placeLabel } from '../../domain/public-holidays.js';
import { placeOf, sideHolidays } from '../../domain/sides.js';
import { slackTime } from './slack-date.js';
import {
  criterionText,
  type EditableField,
  type FieldValue,
  fieldLabels,
  type PocEdit,
} from '../../domain/poc-changes.js';
import { type Criterion, categoryLabels, type Poc } from '../../domain/poc.js';
import { awaitingResignoffLabel } from '../../domain/signoff.js';
import { isInternalEvaluation } from '../../domain/team.js';
import type { OutgoingMessage } from '../message.js';
import { quantity } from '../../domain/quantity.js';
import { clip, escapeText } from './text.js';

const maxText = 2900;

function section(text: string, blockId?: string): KnownBlock {
  return {
    type: 'section',
    ...(blockId ? { block_id: blockId } : {}),
    text: { type: 'mrkdwn', text: clip(text, maxText) },
  };
}

const person = (id: string | null) => (id ? `<@${id}>` : '—');
const kindLabel = (poc: Pick<Poc, 'kind'>) => (poc.kind === 'pov' ? 'PoV' : 'POC');

function metricLine(poc: Poc): string {
  if (!poc.metricName) return '_No business metric: this POC proves it works, not what it is worth._';
  const amount = (n: number | null) => (n === null ? '?' : escapeText(quantity(n, poc.metricUnit)));
  return `*${escapeText(poc.metricName)}*: from ${amount(poc.metricBaseline)} today to ${amount(poc.metricTarget)}`;
}

function criterionSummary(c: Criterion): string {
  const threshold = c.threshold ? ` — threshold: ${escapeText(clip(c.threshold, 150))}` : '';
  return `*${c.position}.* ${escapeText(clip(c.statement, 300))}${threshold} · _${categoryLabels[c.category]}_`;
}

function signoffLine(poc: Poc): string {
  if (poc.signedOffBy && poc.changedSinceSignoffAt) {
    return `:warning: *Changed since sign-off, awaiting re-sign-off* (changed ${poc.changedSinceSignoffAt.slice(0, 10)}; first signed off by <@${poc.signedOffBy}> on ${poc.signedOffAt?.slice(0, 10) ?? '?'}). <@${poc.evaluatorId}>, please read the changes in this message's thread and *sign again by reacting ✅ here* (if your ✅ is already on it, take it off and add it again). The POC runs on meanwhile.`;
  }
  if (poc.signedOffBy) {
    const again = poc.resignedOffAt ? `, signed again on ${poc.resignedOffAt.slice(0, 10)} after changes` : '';
    return `✅ Signed off by <@${poc.signedOffBy}>${poc.signedOffAt ? ` on ${poc.signedOffAt.slice(0, 10)}` : ''}${again}.`;
  }
  return `<@${poc.evaluatorId}>, please read these criteria and *sign them off by reacting ✅ to this message*. The POC starts once they are signed.`;
}

function teamLine(poc: Poc, evaluatorIds: readonly string[]): string {
  const others = evaluatorIds.filter((id) => id !== poc.evaluatorId);
  const team = `Lead technical evaluator ${person(poc.evaluatorId)}${others.length > 0 ? ` · Evaluators ${others.map((id) => `<@${id}>`).join(', ')}` : ''}`;
  return isInternalEvaluation(poc)
    ? `${team} · _internal evaluation: this channel is not shared with another organization_`
    : team;
}

/** The standup time as each reader's local time, with the POC's own in words. */
function standupAt(poc: Poc): string {
  const at = zonedInstant(poc.startDate, poc.standupTime, poc.timeZone);
  return `${slackTime(at, `${poc.standupTime} ${poc.timeZone}`)} (${poc.standupTime} in ${poc.timeZone})`;
}

/** "Public holidays skipped: United States (vendor), Germany (customer)". */
function holidaysLine(poc: Poc): string {
  const vendor = placeOf(poc, 'vendor');
  const customer = placeOf(poc, 'customer');
  const parts = [
    vendor ? `${placeLabel(vendor)} (vendor)` : undefined,
    customer ? `${placeLabel(customer)} (customer)` : undefined,
  ].filter(Boolean);
  return parts.length > 0
    ? `Public holidays skipped: ${parts.join(', ')}`
    : 'No public holidays set: `/poc edit` picks each side’s country';
}

/**
 * The criteria document (posted in the channel, updated in place by `/poc edit`). `daysOff`
 * (`/poc holiday`) count out of its business days with the customer side's public holidays.
 */
export function criteriaDocument(
  poc: Poc,
  criteria: Criterion[],
  evaluatorIds: readonly string[] = [],
  daysOff: Holidays = new Set(),
): OutgoingMessage {
  const days = businessDaysInRange(poc.startDate, poc.endDate, sideHolidays(poc, 'customer', daysOff)).length;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(`Success criteria: ${poc.name}`, 150), emoji: true } },
    section(`*${kindLabel(poc)}* · *Hypothesis:* ${escapeText(poc.hypothesis)}`),
    section(`*1 · Business outcome*\n${metricLine(poc)}`),
    section(`*2 · Success criteria* (${criteria.length}; each is pass or fail)`),
    ...criteria.map((c) => section(criterionSummary(c))),
    section(`*3 · Out of scope*\n${poc.outOfScope ? escapeText(poc.outOfScope) : '_Nothing excluded in writing._'}`),
    section(
      [
        '*4 · Calendar*',
        `${poc.startDate} → ${poc.endDate} (${days} business days, fixed end date) · readout ${poc.readoutDate}`,
        `Checkpoint every ${weekdayNames[poc.checkpointWeekday] ?? '?'} · daily standup at ${standupAt(poc)}`,
        holidaysLine(poc),
      ].join('\n'),
    ),
    section(
      [
        '*5 · Decision path*',
        teamLine(poc, evaluatorIds),
        `Economic buyer ${person(poc.economicBuyerId)} · Champion ${person(poc.championId)} · Procurement ${person(poc.procurementId)}`,
        `AE ${person(poc.aeId)} · SE ${person(poc.seId)} · Escalation ${poc.escalationChannelId ? `<#${poc.escalationChannelId}>` : '—'}`,
        `*Next step on a pass:* ${escapeText(poc.nextStep)}`,
      ].join('\n'),
    ),
    { type: 'divider' },
    section(signoffLine(poc)),
  ];
  return {
    text: `Success criteria for ${poc.name}: ${criteria.length} criteria, ${poc.startDate} to ${poc.endDate}. ${poc.signedOffBy ? (poc.changedSinceSignoffAt ? `Signed off, then ${awaitingResignoffLabel}.` : 'Signed off.') : 'Waiting for the lead technical evaluator to sign off with ✅.'}`,
    blocks,
  };
}

/** One channel message per criterion: reactions on it decide it, thread replies are its evidence. */
export function criterionMessage(c: Criterion): OutgoingMessage {
  const lines = [`*Criterion ${c.position}* · _${categoryLabels[c.category]}_`, escapeText(c.statement)];
  if (c.threshold) lines.push(`*Threshold:* ${escapeText(c.threshold)}`);
  return {
    text: `Criterion ${c.position}: ${clip(c.statement, 200)}`,
    blocks: [
      section(lines.join('\n')),
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: 'React to decide it: ✅ pass · ❌ fail · 🟡 partial. The customer’s evaluators decide (the lead’s call wins a conflict); the SE’s or AE’s call waits for their confirmation. Reply in the thread with evidence.',
          },
        ],
      },
    ],
  };
}

/** A criterion removed by `/poc edit`: its message stays, struck through. */
export function droppedCriterionMessage(c: Criterion): OutgoingMessage {
  return {
    text: `Criterion ${c.position} was removed from the POC.`,
    blocks: [
      section(
        `~Criterion ${c.position}: ${escapeText(clip(c.statement, 300))}~\n_Removed from the POC; reactions here no longer count._`,
      ),
    ],
  };
}

export function signoffConfirmation(poc: Poc, again = false): OutgoingMessage {
  if (again) {
    const text = `✅ <@${poc.signedOffBy ?? poc.evaluatorId}> signed the changed success criteria again: the document is signed off as it now stands.`;
    return { text, blocks: [section(text)] };
  }
  const when =
    poc.stage === 'signed_off'
      ? `The POC starts on ${poc.startDate}; standups begin then.`
      : `The POC is active: daily standups at ${standupAt(poc)} until ${poc.endDate}.`;
  const text = `✅ <@${poc.signedOffBy ?? poc.evaluatorId}> signed off the success criteria. ${when}`;
  return { text, blocks: [section(text)] };
}

/** In the document's thread when the evaluator removes their ✅ after signing. */
export function signoffWithdrawnNotice(poc: Poc, signedOn: string): OutgoingMessage {
  const text =
    `<@${poc.evaluatorId}> removed their ✅ from the criteria document. The sign-off of ${signedOn} stands: this POC is judged against these criteria. ` +
    `<@${poc.seId}>, if <@${poc.evaluatorId}> means to change them, agree the change here and make it with \`/poc edit\` (every change after sign-off is announced in this channel).`;
  return { text, blocks: [section(text)] };
}

function showValue(field: EditableField, value: FieldValue): string {
  if (value === null || value === '') return '(none)';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (field.endsWith('Id') && field !== 'escalationChannelId') return `<@${String(value)}>`;
  if (field === 'escalationChannelId') return `<#${String(value)}>`;
  if (field === 'checkpointWeekday') return weekdayNames[Number(value)] ?? String(value);
  if (field === 'kind') return value === 'pov' ? 'PoV' : 'POC';
  return `“${escapeText(clip(String(value), 300))}”`;
}

/** One line per change, as announced in the channel and logged. */
export function changeLines(edit: PocEdit, afterSignoff: boolean): string[] {
  const suffix = afterSignoff ? ' after sign-off' : '';
  const lines: string[] = [];
  for (const c of edit.criteria) {
    if (c.kind === 'changed') {
      lines.push(
        `Criterion ${c.criterion.position} changed${suffix}: “${escapeText(clip(criterionText(c.criterion), 400))}” → “${escapeText(clip(criterionText(c.after), 400))}”`,
      );
    } else if (c.kind === 'added') {
      lines.push(`Criterion ${c.position} added${suffix}: “${escapeText(clip(criterionText(c.after), 400))}”`);
    } else {
      lines.push(
        `Criterion ${c.criterion.position} removed${suffix}: “${escapeText(clip(criterionText(c.criterion), 400))}”`,
      );
    }
  }
  for (const f of edit.fields) {
    lines.push(
      `${fieldLabels[f.field]} changed${suffix}: ${showValue(f.field, f.before)} → ${showValue(f.field, f.after)}`,
    );
  }
  const { added, removed } = edit.evaluators;
  if (added.length > 0)
    lines.push(`Evaluator${added.length === 1 ? '' : 's'} added${suffix}: ${added.map((id) => `<@${id}>`).join(', ')}`);
  if (removed.length > 0)
    lines.push(
      `Evaluator${removed.length === 1 ? '' : 's'} removed${suffix}: ${removed.map((id) => `<@${id}>`).join(', ')}`,
    );
  return lines;
}

/**
 * Posted in the criteria document's thread when the signed document changes, mentioning the lead:
 * moving the goalposts is on the record. `material`: what the signature no longer covers (then the
 * lead is asked to sign again).
 */
export function changeAnnouncement(
  poc: Poc,
  edit: PocEdit,
  userId: string,
  material: readonly string[] = [],
): OutgoingMessage {
  const lines = changeLines(edit, true);
  const ask =
    material.length > 0
      ? ` This changes what was signed (${material.join(', ')}): the document is *${awaitingResignoffLabel}*. <@${poc.evaluatorId}>, please check and sign again with ✅ on the criteria document.${edit.criteria.some((c) => c.kind === 'changed') ? ' A reworded criterion is undecided again; its earlier call stays in its history.' : ''}`
      : ` <@${poc.evaluatorId}>, please check:`;
  const blocks: KnownBlock[] = [
    section(`✏️ <@${userId}> changed the signed success criteria of *${escapeText(poc.name)}*.${ask}`),
    ...lines.slice(0, 45).map((l) => section(`• ${l}`)),
  ];
  if (lines.length > 45) blocks.push(section(`…and ${lines.length - 45} more changes.`));
  const head =
    material.length > 0
      ? `Changed since sign-off, awaiting re-sign-off by the lead evaluator: ${material.join(', ')}.`
      : (lines[0] ?? 'The criteria document changed after sign-off.');
  return { text: clip(head, 3000), blocks };
}

/** `failure`: why the document could not be posted (undefined when it was). */
export function createdConfirmation(poc: Poc, warnings: string[], failure: string | undefined): OutgoingMessage {
  const head =
    failure === undefined
      ? `Saved *${escapeText(poc.name)}* and posted the criteria document here. <@${poc.evaluatorId}>, the lead evaluator, signs it off by reacting ✅ on it.`
      : `Saved *${escapeText(poc.name)}*, but I could not post the criteria document in <#${poc.channelId}>.\n${failure}\nWhen that is sorted, run \`/poc edit\` and save to post it.`;
  const lines = [head, ...warnings.map((w) => `⚠️ ${escapeText(w)}`)];
  return { text: lines.join('\n'), blocks: [section(lines.join('\n'))] };
}
