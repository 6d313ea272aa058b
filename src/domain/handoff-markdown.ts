// The hand-off as a Markdown document for Customer Success.
import type { HandoffModel } from './handoff.js';
import { quoteForDocument } from './quoted-text.js';
import { type Names, nameOf } from './readout-markdown.js';
import { alsoActiveText, localStamp, metricLine } from './readout-text.js';
import { resultLabels } from './results.js';

export function handoffMarkdown(h: HandoffModel, names: Names = new Map()): string {
  const who = (id: string) => nameOf(names, id);
  // What people wrote: plain text, mentions as names, links showing where they go (quoted-text.ts).
  const q = (text: string) => quoteForDocument(text, who);
  const out: string[] = [];
  out.push(`# Customer Success hand-off: ${h.name}`, '');
  out.push(
    `${h.kindLabel} won, closed ${localStamp(h.closedAt, h.timeZone)} (${h.timeZone})${h.outcomeReason ? ` — ${q(h.outcomeReason)}` : ''}.`,
    '',
  );

  out.push(
    '## Success metrics to keep tracking',
    '',
    `Track ${h.cadence}. A reminder to check them goes to the SE on ${h.reminderDay}.`,
    '',
  );
  out.push(h.metric ? `- ${metricLine(h.metric)}` : '- No business metric was set for this POC.');
  if (h.metric?.note) out.push(`  - Note on the measurement: ${q(h.metric.note)}`);
  for (const c of h.criteria) {
    out.push(
      `- #${c.position} ${q(c.statement)}${c.threshold ? ` (threshold: ${q(c.threshold)})` : ''}: ${resultLabels[c.result]} in the POC`,
    );
  }
  out.push('');

  out.push('## Decisions recorded during the POC', '');
  if (h.decisions.length === 0) out.push('None recorded.');
  for (const d of h.decisions) out.push(`- ${localStamp(d.decidedAt, h.timeZone)}, ${who(d.decidedBy)}: ${q(d.text)}`);
  out.push('');

  out.push('## Open issues and workarounds', '');
  if (h.openIssues.length === 0) out.push('None open.');
  for (const i of h.openIssues) {
    out.push(
      `- #${i.number} [${i.severity ?? 'severity not set'}] ${q(i.text)} — workaround: ${i.workaround ? q(i.workaround) : 'none recorded'}`,
    );
  }
  out.push('');

  out.push('## Promised for later (out of scope in the POC)', '');
  if (h.promisedLater.length === 0) out.push('- No requests were deferred to a later phase.');
  for (const s of h.promisedLater) out.push(`- ${q(s.text)} (asked by ${who(s.requestedBy)})`);
  if (h.declaredOutOfScope) out.push(`- Excluded before kickoff: ${q(h.declaredOutOfScope)}`);
  out.push('');

  out.push('## Stakeholder map', '');
  for (const s of h.stakeholders) out.push(`- ${s.role}: ${who(s.userId)}`);
  if (h.alsoActive.length > 0)
    out.push(`- Also active in the POC channel: ${alsoActiveText(h.alsoActive, { person: who })}`);
  out.push('');

  out.push('## Agreed next step', '', h.nextStep ? q(h.nextStep) : 'None was agreed before kickoff.', '');
  return out.join('\n');
}
