// Wording shared by the Slack and Markdown renderings of a readout, so both say the same facts.
import { localParts } from './calendar.js';
import { checkpointAnswerLabel } from './checkpoint.js';
import { categoryLabels } from './poc.js';
import type {
  CalendarFacts,
  CriterionLine,
  Engagement,
  MetricOutcome,
  ReadoutModel,
  SignoffFacts,
  Verdict,
} from './readout-model.js';
import { type Decision, resultLabels } from './results.js';
import { awaitingResignoffLabel } from './signoff.js';
import { formatNumber, quantity } from './quantity.js';

/** An ISO instant as 'YYYY-MM-DD HH:MM' on the wall clock of the POC's zone. */
export function localStamp(iso: string, timeZone: string): string {
  const p = localParts(new Date(iso), timeZone);
  return `${p.date} ${p.time}`;
}

export { formatNumber };

function withUnit(n: number | null, unit: string): string {
  return n === null ? 'not set' : quantity(n, unit);
}

export const metricStatusLabels: Record<MetricOutcome['status'], string> = {
  met: 'target met',
  not_met: 'target not met',
  not_measured: 'not measured yet',
  no_target: 'no target set',
};

export function days(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}

/** "Month-end close time: 5 days → target 1 days → measured 1.5 days (target not met, 70% below baseline)" */
export function metricLine(m: MetricOutcome): string {
  const measured = m.measured === null ? 'not measured yet' : withUnit(m.measured, m.unit);
  // "Below"/"above", not a signed percentage: for a lower-is-better metric "-70%" reads like a loss.
  const change =
    m.changePercent === undefined
      ? ''
      : m.changePercent === 0
        ? ', same as baseline'
        : `, ${formatNumber(Math.abs(m.changePercent))}% ${m.changePercent < 0 ? 'below' : 'above'} baseline`;
  const status = m.measured === null ? '' : ` (${metricStatusLabels[m.status]}${change})`;
  return `${m.name}: baseline ${withUnit(m.baseline, m.unit)} → target ${withUnit(m.target, m.unit)} → measured ${measured}${status}`;
}

export function verdictLabel(v: Verdict): string {
  if (v.kind === 'pass') return 'PASS';
  if (v.kind === 'fail') return 'FAIL';
  return 'CALL NEEDED';
}

export function verdictSentence(v: Verdict): string {
  if (v.kind === 'pass') return 'Every agreed criterion passed.';
  if (v.kind === 'fail') return `Failed: ${v.failed.map((p) => `#${p}`).join(', ')}.`;
  if (v.open.length === 0) return 'No criteria were agreed, so nothing is proven: a call is needed.';
  const list = v.open
    .map(
      (o) =>
        `#${o.position} (${o.result === 'awaiting' ? 'vendor call, awaiting customer confirmation' : resultLabels[o.result]})`,
    )
    .join(', ');
  return `A call is needed on: ${list}. Only the customer's calls count.`;
}

/** "lead evaluator", "customer evaluator" or "vendor" for who made a call. */
export function callerLabel(d: Pick<Decision, 'role'>): string {
  return d.role === 'lead' ? 'lead evaluator' : d.role === 'evaluator' ? 'customer evaluator' : 'vendor';
}

/** Lines about one criterion's calls beyond the standing one: a vendor call awaiting confirmation, an overruled call, an earlier call. */
export function callLines(c: CriterionLine, timeZone: string, style: Pick<TextStyle, 'person'>): string[] {
  const lines: string[] = [];
  if (c.decision)
    lines.push(
      `Called by ${style.person(c.decision.decidedBy)} (${callerLabel(c.decision)}), ${localStamp(c.decision.decidedAt, timeZone)}`,
    );
  else if (c.awaiting) {
    lines.push(
      `Vendor call ${resultLabels[c.awaiting.result]} by ${style.person(c.awaiting.decidedBy)}, ${localStamp(c.awaiting.decidedAt, timeZone)}: awaiting customer confirmation, not counted.`,
    );
  } else lines.push('Not tested: nobody on the customer side called it.');
  if (c.overruled)
    lines.push(
      `${style.person(c.overruled.decidedBy)} (${callerLabel(c.overruled)}) had called it ${resultLabels[c.overruled.result]}; the customer's call stands.`,
    );
  if (c.earlier) {
    const e = c.earlier.decision;
    lines.push(
      `Before its statement or threshold changed: ${resultLabels[e.result]} by ${style.person(e.decidedBy)} (${c.earlier.confirmed ? callerLabel(e) : 'vendor call, never confirmed'}), ${localStamp(e.decidedAt, timeZone)}. Kept as history; the criterion was judged again.`,
    );
  }
  return lines;
}

/** The criteria list the customer has not confirmed yet: what the readout asks them to confirm. */
export function awaitingLines(r: Pick<ReadoutModel, 'awaitingConfirmation'>, style: TextStyle): string[] {
  return r.awaitingConfirmation.map(
    (a) =>
      `#${a.position} ${style.text(a.statement)}: vendor call ${resultLabels[a.call.result]} by ${style.person(a.call.decidedBy)}`,
  );
}

/** Whether what the readout walks is what the customer signed. */
export function signoffLine(f: SignoffFacts, style: Pick<TextStyle, 'person'>): string {
  const internal = f.internal ? ' Internal evaluation: the channel is not shared with another organization.' : '';
  if (f.state === 'unsigned')
    return `The criteria were never signed off by the lead evaluator ${style.person(f.leadId)}.${internal}`;
  const first = `Signed off by ${style.person(f.signedOffBy ?? f.leadId)} on ${(f.signedOffAt ?? '').slice(0, 10)}`;
  if (f.state === 'changed') {
    return `${first}, then *${awaitingResignoffLabel}* (changed ${(f.changedSinceSignoffAt ?? '').slice(0, 10)}): the lead evaluator ${style.person(f.leadId)} has not signed the criteria as they now stand.${internal}`;
  }
  return `${first}${f.resignedOffAt ? `; signed again on ${f.resignedOffAt.slice(0, 10)} after changes` : ''}.${internal}`;
}

/**
 * What the verdict alone would hide: every criterion passed while the business outcome the POC
 * was meant to prove missed its target. The economic buyer will see both, so say it first.
 */
export function verdictCaveat(r: Pick<ReadoutModel, 'verdict' | 'metric'>): string | undefined {
  if (r.verdict.kind !== 'pass' || r.metric?.status !== 'not_met') return undefined;
  return `Every criterion passed, but the business metric (${r.metric.name}) missed its target.`;
}

/** The engagement section, one fact per line (the renderer adds bullets and indents sub-lines). */
export function engagementLines(
  e: Engagement,
  timeZone: string,
  style: TextStyle,
): Array<{ text: string; sub?: boolean }> {
  const lines: Array<{ text: string; sub?: boolean }> = [
    {
      text: `${e.evaluators.length > 0 ? 'Lead evaluator' : 'Evaluator'} ${style.person(e.evaluatorId)} active on ${e.evaluatorActiveDays} of ${e.businessDaysSoFar} business days${e.evaluatorLastActiveDay ? ` (last active ${e.evaluatorLastActiveDay})` : ''}`,
    },
    ...e.evaluators.map((x) => ({
      text: `Evaluator ${style.person(x.userId)} active on ${x.activeDays} of ${e.businessDaysSoFar} business days${x.lastActiveDay ? ` (last active ${x.lastActiveDay})` : ''}`,
    })),
    { text: `Standups answered by the customer’s team: ${e.standupsAnswered} of ${e.standupsPosted} posted` },
    { text: `Checkpoints answered: ${e.checkpointsAnswered} of ${e.checkpointsPosted} posted` },
  ];
  for (const a of e.checkpointAnswers)
    lines.push({
      text: `${localStamp(a.answeredAt, timeZone)}, ${style.person(a.userId)}: ${style.text(checkpointAnswerLabel(a.value))}`,
      sub: true,
    });
  if (e.others.length > 0) lines.push({ text: `Also active: ${alsoActiveText(e.others, style)}` });
  return lines;
}

export function alsoActiveText(
  others: Array<{ userId: string; activeDays: number }>,
  style: Pick<TextStyle, 'person'>,
): string {
  return others.map((o) => `${style.person(o.userId)} (${days(o.activeDays)})`).join(', ');
}

export function criterionHeadline(c: CriterionLine): string {
  return `#${c.position} ${resultLabels[c.result]} — ${c.statement}`;
}

export function criterionMeta(c: CriterionLine): string {
  const parts = [categoryLabels[c.category]];
  if (c.threshold) parts.push(`threshold: ${c.threshold}`);
  return parts.join(' · ');
}

export function countsLine(r: ReadoutModel): string {
  const c = r.counts;
  const awaiting = c.awaiting > 0 ? ` · ${c.awaiting} awaiting customer confirmation` : '';
  return `${c.pass} pass · ${c.fail} fail · ${c.partial} partial${awaiting} · ${c.untested} not tested (of ${r.criteria.length})`;
}

export function slipText(days: number): string {
  if (days === 0) return 'on plan';
  return days > 0
    ? `${days} day${days === 1 ? '' : 's'} later than planned`
    : `${-days} day${days === -1 ? '' : 's'} earlier than planned`;
}

/** How a renderer shows a person and free text (Slack: a mention and escaped mrkdwn; Markdown: a name and plain text). */
export interface TextStyle {
  person: (userId: string) => string;
  text: (raw: string) => string;
}

/** The calendar section, planned vs actual, one fact per line (the renderer adds bullets). */
export function calendarLines(c: CalendarFacts, style: TextStyle): string[] {
  const lines = [
    `Start: planned ${c.plannedStart}, actual ${c.actualStart ?? 'not started (never signed off)'}`,
    `End: planned ${c.plannedEnd}, actual ${c.actualEnd} (${slipText(c.endSlipDays)})`,
    `Readout: planned ${c.plannedReadout}, actual ${c.actualReadout} (${slipText(c.readoutSlipDays)})`,
    `Business days: ${c.plannedBusinessDays} planned, ${c.actualBusinessDays} run so far`,
  ];
  if (c.moves.length === 0) lines.push('Date moves after sign-off: none');
  for (const m of c.moves) {
    const crit = m.criterionPositions.length > 0 ? ` for ${m.criterionPositions.map((p) => `#${p}`).join(', ')}` : '';
    const who = `moved by ${style.person(m.by)}${m.approvedBy ? `, approved by ${style.person(m.approvedBy)}` : ''}`;
    const why = m.reason
      ? `: ${style.text(m.reason)}`
      : m.through === 'edit'
        ? ' with /poc edit (no reason recorded)'
        : '';
    lines.push(
      `${m.what === 'end' ? 'End date' : 'Readout date'} ${m.from} → ${m.to} on ${m.at.slice(0, 10)}${crit}, ${who}${why}`,
    );
  }
  for (const x of c.notGranted) {
    const state =
      x.status === 'declined' ? `declined by ${style.person(x.decidedBy ?? '')}` : 'awaiting the AE’s approval';
    lines.push(
      `Extension asked to ${x.newEndDate} by ${style.person(x.requestedBy)} (${state}; the dates did not move): ${style.text(x.reason)}`,
    );
  }
  if (c.pauses.length === 0) lines.push('Pauses: none');
  for (const p of c.pauses)
    lines.push(`Pause: ${p.fromDate} to ${p.untilDate} (${p.businessDays} business days): ${style.text(p.reason)}`);
  return lines;
}

/** The scope section: what was excluded up front, taken in (and at what cost), deferred, undecided. */
export function scopeLines(
  r: Pick<ReadoutModel, 'declaredOutOfScope' | 'acceptedScope' | 'deferredScope' | 'pendingScope'>,
  style: TextStyle,
): string[] {
  const lines: string[] = [];
  if (r.declaredOutOfScope) lines.push(`Excluded before kickoff: ${style.text(r.declaredOutOfScope)}`);
  for (const s of r.acceptedScope) {
    const cost = [
      s.newEndDate ? `the end date moved to ${s.newEndDate}` : undefined,
      s.droppedPosition !== null ? `criterion ${s.droppedPosition} dropped` : undefined,
    ].filter((t) => t !== undefined);
    lines.push(
      `Taken in during the evaluation: ${style.text(s.text)} (asked by ${style.person(s.requestedBy)})${cost.length > 0 ? `, in exchange for ${cost.join(' and ')}` : ''}`,
    );
  }
  if (r.deferredScope.length === 0) lines.push('Requests deferred to a later phase: none');
  for (const s of r.deferredScope)
    lines.push(`Deferred to a later phase: ${style.text(s.text)} (asked by ${style.person(s.requestedBy)})`);
  for (const s of r.pendingScope)
    lines.push(`Still undecided: ${style.text(s.text)} (asked by ${style.person(s.requestedBy)})`);
  return lines;
}

export const outcomeLabels: Record<string, string> = {
  won: 'Won',
  lost: 'Lost',
  no_decision: 'No decision',
  abandoned: 'Abandoned',
};
