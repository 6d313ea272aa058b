// The readout as a Markdown document, for forwarding to the economic buyer and procurement.
// It carries every fact in full: the Slack messages may cut long evidence, this never does.
import { quoteForDocument } from './quoted-text.js';
import type { ReadoutModel } from './readout-model.js';
import {
  awaitingLines,
  calendarLines,
  callLines,
  signoffLine,
  scopeLines,
  countsLine,
  criterionHeadline,
  criterionMeta,
  localStamp,
  engagementLines,
  metricLine,
  outcomeLabels,
  verdictLabel,
  verdictCaveat,
  verdictSentence,
} from './readout-text.js';

/** Slack user id → display name; ids without a name are shown as @id. */
export type Names = ReadonlyMap<string, string>;

export function nameOf(names: Names, userId: string): string {
  const name = names.get(userId);
  return name ? `${name} (@${userId})` : `@${userId}`;
}

/** Multi-line user text as an indented block that keeps its line breaks. */
function quoted(text: string, indent = '  '): string {
  return text
    .split('\n')
    .map((l) => `${indent}> ${l}`)
    .join('\n');
}

export function readoutMarkdown(r: ReadoutModel, names: Names = new Map()): string {
  const who = (id: string) => nameOf(names, id);
  // What people wrote: plain text, mentions as names, links showing where they go (quoted-text.ts).
  const q = (text: string) => quoteForDocument(text, who);
  const tz = r.timeZone;
  const out: string[] = [];
  out.push(`# ${r.kindLabel} readout: ${r.name}`, '');
  out.push(`Generated ${localStamp(r.generatedAt, tz)} (${tz}).`, '');
  if (r.outcome)
    out.push(
      `**Outcome:** ${outcomeLabels[r.outcome.stage] ?? r.outcome.stage}${r.outcome.reason ? ` — ${q(r.outcome.reason)}` : ''}`,
      '',
    );
  out.push(signoffLine(r.signoff, { person: who }).replace(/\*([^*]+)\*/g, '**$1**'), '');
  if (r.hypothesis) out.push('## Hypothesis', '', q(r.hypothesis), '');

  const caveat = verdictCaveat(r);
  out.push('## Verdict', '', `**${verdictLabel(r.verdict)}** — ${verdictSentence(r.verdict)}`, '');
  if (caveat) out.push(`> ⚠️ ${caveat}`, '');
  out.push(countsLine(r), '');
  if (r.awaitingConfirmation.length > 0) {
    out.push('Awaiting customer confirmation (vendor calls, not counted):', '');
    out.push(...awaitingLines(r, { person: who, text: (t) => t }).map((l) => `- ${l}`), '');
  }

  out.push('## Business outcome', '');
  out.push(r.metric ? `- ${metricLine(r.metric)}` : '- No business metric was set for this POC.');
  if (r.metric?.note) out.push(`- Note on the measurement: ${q(r.metric.note)}`);
  out.push('');

  out.push('## Success criteria', '');
  for (const c of r.criteria) {
    out.push(`### ${q(criterionHeadline(c))}`, '', `- ${q(criterionMeta(c))}`);
    out.push(...callLines(c, tz, { person: who }).map((l) => `- ${l}`));
    if (c.evidence.length === 0) out.push('- Evidence: none recorded.');
    else {
      out.push('- Evidence:');
      for (const e of c.evidence) {
        const link = e.permalink ? `[${localStamp(e.postedAt, tz)}](${e.permalink})` : localStamp(e.postedAt, tz);
        out.push(`  - ${link}, ${who(e.userId)}:`, quoted(q(e.text), '    '));
      }
    }
    out.push('');
  }
  if (r.dropped.length > 0) {
    out.push('### Dropped during the POC', '');
    for (const d of r.dropped) out.push(`- #${d.position} ${q(d.statement)}${d.reason ? ` — ${q(d.reason)}` : ''}`);
    out.push('');
  }

  out.push('## Calendar: planned vs actual', '');
  out.push(...calendarLines(r.calendar, { person: who, text: q }).map((l) => `- ${l}`), '');

  out.push('## Engagement', '');
  for (const l of engagementLines(r.engagement, tz, { person: who, text: q }))
    out.push(`${l.sub ? '  ' : ''}- ${l.text}`);
  out.push('');

  out.push('## Open issues', '');
  if (r.openIssues.length === 0) out.push('None open.');
  for (const g of r.openIssues) {
    out.push(
      `### ${g.severity === 'unrated' ? 'Severity not set' : g.severity[0]?.toUpperCase() + g.severity.slice(1)} (${g.issues.length})`,
      '',
    );
    for (const i of g.issues)
      out.push(`- #${i.number} ${q(i.text)}${i.workaround ? ` — workaround: ${q(i.workaround)}` : ''}`);
    out.push('');
  }
  if (r.resolvedIssues > 0) out.push(`${r.resolvedIssues} issue(s) resolved during the POC.`, '');

  out.push('## Scope', '');
  out.push(...scopeLines(r, { person: who, text: q }).map((l) => `- ${l}`), '');

  out.push('## Stakeholders', '');
  for (const s of r.stakeholders) out.push(`- ${s.role}: ${who(s.userId)}`);
  out.push('');

  out.push('## Agreed next step on a pass', '', r.nextStep ? q(r.nextStep) : 'None was agreed before kickoff.', '');
  return out.join('\n');
}
