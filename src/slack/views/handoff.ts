// The Customer Success hand-off as DM messages, and the reminder 30 days after the close.
import type { KnownBlock } from '@slack/types';
import type { HandoffModel } from '../../domain/handoff.js';
import type { MetricOutcome } from '../../domain/readout-model.js';
import { alsoActiveText, localStamp, metricLine } from '../../domain/readout-text.js';
import { resultEmoji, resultLabels } from '../../domain/results.js';
import type { OutgoingMessage } from '../message.js';
import { packMessages, sections } from './long-message.js';
import { quoteForSlack } from '../../domain/quoted-text.js';
import { escapeText as esc } from './text.js';

function heading(text: string): KnownBlock[] {
  if (text.length <= 150) return [{ type: 'header', text: { type: 'plain_text', text } }];
  return sections(`*${esc(text)}*`);
}

export function handoffBlocks(h: HandoffModel): KnownBlock[] {
  const blocks: KnownBlock[] = [...heading(`Hand-off: ${h.name}`)];
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `${h.kindLabel} won, closed ${localStamp(h.closedAt, h.timeZone)} (${h.timeZone})${h.outcomeReason ? ` — ${esc(h.outcomeReason)}` : ''}. For Customer Success; the Markdown file below has the same.`,
      },
    ],
  });
  const metrics = [`*Success metrics to keep tracking* (${h.cadence}; I will remind you on ${h.reminderDay})`];
  metrics.push(h.metric ? `• ${esc(metricLine(h.metric))}` : '• No business metric was set.');
  if (h.metric?.note) metrics.push(`   ◦ _Note:_ ${esc(h.metric.note)}`);
  for (const c of h.criteria) {
    metrics.push(
      `• ${resultEmoji[c.result]} #${c.position} ${esc(c.statement)}${c.threshold ? ` _(threshold: ${esc(c.threshold)})_` : ''}: ${resultLabels[c.result]}`,
    );
  }
  blocks.push(...sections(metrics.join('\n')));

  const decisions = ['*Decisions recorded during the POC*'];
  if (h.decisions.length === 0) decisions.push('None recorded.');
  for (const d of h.decisions)
    decisions.push(`• ${localStamp(d.decidedAt, h.timeZone)}, <@${d.decidedBy}>: ${quoteForSlack(d.text)}`);
  blocks.push(...sections(decisions.join('\n')));

  const issues = ['*Open issues and workarounds*'];
  if (h.openIssues.length === 0) issues.push('None open.');
  for (const i of h.openIssues)
    issues.push(
      `• #${i.number} [${i.severity ?? 'severity not set'}] ${quoteForSlack(i.text)} — workaround: ${quoteForSlack(i.workaround ?? 'none recorded')}`,
    );
  blocks.push(...sections(issues.join('\n')));

  const later = ['*Promised for later (out of scope in the POC)*'];
  if (h.promisedLater.length === 0) later.push('• No requests were deferred to a later phase.');
  for (const s of h.promisedLater) later.push(`• ${quoteForSlack(s.text)} (asked by <@${s.requestedBy}>)`);
  if (h.declaredOutOfScope) later.push(`• Excluded before kickoff: ${esc(h.declaredOutOfScope)}`);
  blocks.push(...sections(later.join('\n')));

  const people = ['*Stakeholder map*', ...h.stakeholders.map((s) => `• ${s.role}: <@${s.userId}>`)];
  if (h.alsoActive.length > 0)
    people.push(`• Also active in the POC channel: ${alsoActiveText(h.alsoActive, { person: (id) => `<@${id}>` })}`);
  blocks.push(...sections(people.join('\n')));
  blocks.push(...sections(`*Agreed next step*\n${h.nextStep ? esc(h.nextStep) : 'None was agreed before kickoff.'}`));
  return blocks;
}

export function handoffMessages(h: HandoffModel): OutgoingMessage[] {
  const packed = packMessages(handoffBlocks(h));
  return packed.map((blocks, i) => ({
    text: `Customer Success hand-off: ${h.name}${packed.length > 1 ? ` (part ${i + 1} of ${packed.length})` : ''}`,
    blocks,
  }));
}

/** 30 days after a won close: are the success metrics still tracking? */
export function handoffReminderMessage(
  poc: { name: string; channelId: string },
  metric: MetricOutcome | undefined,
): OutgoingMessage {
  const lines = [
    `:calendar: It is 30 days since *${esc(poc.name)}* (<#${poc.channelId}>) closed as won. Please check with the customer and Customer Success that the success metrics are still tracking.`,
  ];
  if (metric) lines.push(`• ${esc(metricLine(metric))}`);
  lines.push('If something slipped, raise it with the account team now, before the renewal conversation.');
  return {
    text: `30 days since ${poc.name} was won: are the success metrics still tracking?`,
    blocks: sections(lines.join('\n')),
  };
}
