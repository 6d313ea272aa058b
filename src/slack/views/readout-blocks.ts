// The readout as Block Kit: the full readout posted to the channel (split across messages when
// long), and the preview only the SE or AE sees, with the button that posts it.
import type { ContextBlock, KnownBlock } from '@slack/types';
import type { CriterionLine, ReadoutModel } from '../../domain/readout-model.js';
import {
  awaitingLines,
  calendarLines,
  callLines,
  countsLine,
  criterionMeta,
  engagementLines,
  localStamp,
  metricLine,
  outcomeLabels,
  scopeLines,
  signoffLine,
  verdictCaveat,
  verdictLabel,
  verdictSentence,
} from '../../domain/readout-text.js';
import { resultEmoji, resultLabels } from '../../domain/results.js';
import { quoteForSlack } from '../../domain/quoted-text.js';
import type { OutgoingMessage } from '../message.js';
import { readoutPostAction, readoutPreviewActionsBlock } from '../ids.js';
import { excerpt, packMessages, sections } from './long-message.js';
import { clip, escapeText as esc } from './text.js';

/** Evidence longer than this is cut in Slack, with a marker; the Markdown file has it whole. */
export const evidenceExcerptChars = 500;

const verdictEmoji = { pass: ':white_check_mark:', fail: ':x:', call_needed: ':large_yellow_circle:' } as const;
const slackStyle = { person: (id: string) => `<@${id}>`, text: esc };

function title(r: ReadoutModel): string {
  return `${r.kindLabel} readout: ${r.name}`;
}

/** A header holds 150 plain-text chars; a longer name goes in a bold section instead of being cut. */
function heading(text: string): KnownBlock[] {
  if (text.length <= 150) return [{ type: 'header', text: { type: 'plain_text', text } }];
  return sections(`*${esc(text)}*`);
}

function criterionText(c: CriterionLine, tz: string): string {
  const lines = [
    `${resultEmoji[c.result]} *#${c.position} ${resultLabels[c.result]}* — ${esc(c.statement)}`,
    `_${esc(criterionMeta(c))}_`,
    ...callLines(c, tz, slackStyle),
  ];
  if (c.evidence.length === 0) lines.push('Evidence: none recorded.');
  c.evidence.forEach((e, i) => {
    const label = `evidence ${i + 1}`;
    const link = e.permalink ? `<${e.permalink}|${label}>` : label;
    // Evidence is Slack message text: its escapes kept, its mentions made plain, its links showing where they go.
    lines.push(
      `• ${link} <@${e.userId}>, ${localStamp(e.postedAt, tz)}: ${excerpt(quoteForSlack(e.text), evidenceExcerptChars)}`,
    );
  });
  return lines.join('\n');
}

function calendarText(r: ReadoutModel): string {
  const lines = calendarLines(r.calendar, { person: (id) => `<@${id}>`, text: quoteForSlack });
  return ['*Calendar: planned vs actual*', ...lines.map((l) => `• ${l}`)].join('\n');
}

function engagementText(r: ReadoutModel): string {
  const lines = engagementLines(r.engagement, r.timeZone, { person: (id) => `<@${id}>`, text: quoteForSlack });
  return ['*Engagement*', ...lines.map((l) => (l.sub ? `   ◦ ${l.text}` : `• ${l.text}`))].join('\n');
}

function verdictText(r: ReadoutModel): string {
  const caveat = verdictCaveat(r);
  const awaiting =
    r.awaitingConfirmation.length > 0
      ? `\n*Awaiting customer confirmation* (not counted):\n${awaitingLines(r, slackStyle)
          .map((l) => `• ${l}`)
          .join('\n')}`
      : '';
  return `${verdictEmoji[r.verdict.kind]} *Verdict: ${verdictLabel(r.verdict)}* — ${verdictSentence(r.verdict)}${caveat ? `\n:warning: ${caveat}` : ''}\n${countsLine(r)}${awaiting}`;
}

function issuesText(r: ReadoutModel): string {
  const lines = ['*Open issues*'];
  if (r.openIssues.length === 0) lines.push('None open.');
  for (const g of r.openIssues) {
    lines.push(`_${g.severity === 'unrated' ? 'Severity not set' : g.severity} (${g.issues.length})_`);
    for (const i of g.issues)
      lines.push(
        `• #${i.number} ${quoteForSlack(i.text)}${i.workaround ? ` — workaround: ${quoteForSlack(i.workaround)}` : ''}`,
      );
  }
  if (r.resolvedIssues > 0) lines.push(`${r.resolvedIssues} issue(s) resolved during the POC.`);
  return lines.join('\n');
}

function scopeText(r: ReadoutModel): string {
  return ['*Scope*', ...scopeLines(r, { person: (id) => `<@${id}>`, text: quoteForSlack }).map((l) => `• ${l}`)].join(
    '\n',
  );
}

/** Every block of the readout, in reading order, before it is split into messages. */
export function readoutBlocks(r: ReadoutModel): KnownBlock[] {
  const blocks: KnownBlock[] = [...heading(title(r))];
  const context = [
    `${r.kindLabel} in <#${r.channelId}>`,
    `generated ${localStamp(r.generatedAt, r.timeZone)} (${r.timeZone})`,
  ];
  if (r.outcome) context.push(`outcome: ${outcomeLabels[r.outcome.stage] ?? r.outcome.stage}`);
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: context.join(' · ') }] });
  blocks.push(...sections(`${r.signoff.state === 'changed' ? ':warning: ' : ''}${signoffLine(r.signoff, slackStyle)}`));
  if (r.hypothesis) blocks.push(...sections(`*Hypothesis*\n${esc(r.hypothesis)}`));
  blocks.push(...sections(verdictText(r)));
  const metric = r.metric
    ? `${esc(metricLine(r.metric))}${r.metric.note ? `\n_Note:_ ${quoteForSlack(r.metric.note)}` : ''}`
    : 'No business metric was set.';
  blocks.push(...sections(`*Business outcome*\n${metric}`));
  blocks.push({ type: 'divider' });
  blocks.push(...sections('*Success criteria*'));
  for (const c of r.criteria) blocks.push(...sections(criterionText(c, r.timeZone)));
  if (r.dropped.length > 0) {
    blocks.push(
      ...sections(
        [
          '*Dropped during the POC*',
          ...r.dropped.map(
            (d) => `• #${d.position} ${esc(d.statement)}${d.reason ? ` — ${quoteForSlack(d.reason)}` : ''}`,
          ),
        ].join('\n'),
      ),
    );
  }
  blocks.push({ type: 'divider' });
  blocks.push(...sections(calendarText(r)));
  blocks.push(...sections(engagementText(r)));
  blocks.push(...sections(issuesText(r)));
  blocks.push(...sections(scopeText(r)));
  blocks.push(...sections(['*Stakeholders*', ...r.stakeholders.map((s) => `• ${s.role}: <@${s.userId}>`)].join('\n')));
  const next = r.nextStep ? esc(r.nextStep) : 'None was agreed before kickoff.';
  blocks.push(...sections(`*Agreed next step on a pass*\n${next}`));
  return blocks;
}

/** The readout as channel messages, each within Slack's limits, labelled "part n of m" when split. */
export function readoutMessages(r: ReadoutModel): OutgoingMessage[] {
  const packed = packMessages(readoutBlocks(r), 1);
  const total = packed.length;
  return packed.map((blocks, i) => {
    if (total === 1) return { text: `${title(r)} — verdict ${verdictLabel(r.verdict)}`, blocks };
    const part: ContextBlock = {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `${esc(title(r))} — part ${i + 1} of ${total}` }],
    };
    const withPart = i === 0 ? [...blocks, part] : [part, ...blocks];
    return { text: `${title(r)} — verdict ${verdictLabel(r.verdict)} (part ${i + 1} of ${total})`, blocks: withPart };
  });
}

const previewStatementChars = 120;

/** What only the SE/AE sees after `/poc readout`: the gist, and the button that posts it all. */
export function readoutPreview(r: ReadoutModel, messageCount: number): OutgoingMessage {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Readout preview' } },
    ...sections(`*${esc(r.name)}* (${r.kindLabel})\n${verdictText(r)}`),
    ...sections(r.metric ? esc(metricLine(r.metric)) : 'No business metric was set.'),
  ];
  const list = r.criteria.map(
    (c) => `${resultEmoji[c.result]} #${c.position} ${esc(clip(c.statement, previewStatementChars + 1))}`,
  );
  if (list.length > 0) blocks.push(...sections(list.join('\n')));
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `Only you see this. Posting puts the full readout in <#${r.channelId}> (${messageCount} message${messageCount === 1 ? '' : 's'}, statements and evidence in full) and uploads it as a Markdown file.`,
      },
    ],
  });
  blocks.push({
    type: 'actions',
    block_id: readoutPreviewActionsBlock,
    elements: [
      {
        type: 'button',
        action_id: readoutPostAction,
        value: String(r.pocId),
        style: 'primary',
        text: { type: 'plain_text', text: 'Post to channel' },
      },
    ],
  });
  // A preview of a huge POC could overflow one message; the criteria list is the part to give up.
  if (blocks.length > 50) blocks.splice(3, blocks.length - 5);
  return { text: `Readout preview: ${r.name} — verdict ${verdictLabel(r.verdict)}`, blocks };
}
