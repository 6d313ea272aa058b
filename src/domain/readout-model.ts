// The readout model: the SE's closing argument, built from what the POC recorded. Pure: the
// caller loads the rows and passes `now`; builders (Block Kit, Markdown) only render this.
import { addDays, businessDaysInRange, daysBetween, type LocalDate, localDate } from './calendar.js';
import type { Severity } from './issues.js';
import type { AnswerKind, Criterion, Evidence, Poc, ScopeDecision, Vote } from './poc.js';
import { type CriterionStanding, type Decision, type ShownResult, shownResult, standings } from './results.js';
import { type SignoffState, signoffState } from './signoff.js';
import { customerTeam } from './team.js';

export type IssueSeverity = Severity;
export interface IssueRow {
  number: number;
  text: string;
  severity: IssueSeverity | null;
  workaround: string | null;
  openedBy: string;
  openedAt: string;
  resolvedAt: string | null;
}

export interface ScopeRequestRow {
  text: string;
  decision: ScopeDecision;
  requestedBy: string;
  requestedAt: string;
  /** What an accepted request was traded for: a later end date, a dropped criterion, or both. */
  newEndDate: LocalDate | null;
  droppedCriterionId: number | null;
}

/** A request taken into the POC, with what it cost. */
export interface AcceptedScope {
  text: string;
  requestedBy: string;
  newEndDate: LocalDate | null;
  /** Position of the criterion dropped for it. */
  droppedPosition: number | null;
}

export interface ExtensionRow {
  previousEndDate: LocalDate;
  newEndDate: LocalDate;
  reason: string;
  /** Criterion positions the extra time is for. */
  criterionPositions: number[];
  requestedBy: string;
  requestedAt: string;
  /** granted (the default) moved the dates; awaiting_approval and declined did not. */
  status?: 'granted' | 'awaiting_approval' | 'declined';
  /** Who approved (or declined) it, when it needed the AE. */
  decidedBy?: string | null;
  previousReadoutDate?: LocalDate | null;
  newReadoutDate?: LocalDate | null;
}

/** A row of the document's change log (poc_changes), as the readout reads it. */
export interface ChangeRow {
  field: string;
  before: string | null;
  after: string | null;
  afterSignoff: boolean;
  changedBy: string;
  changedAt: string;
}

/** One move of the end or readout date after sign-off, with who and why. */
export interface DateMove {
  what: 'end' | 'readout';
  from: LocalDate;
  to: LocalDate;
  by: string;
  /** The AE who approved it (a second extension). */
  approvedBy: string | undefined;
  reason: string | undefined;
  criterionPositions: number[];
  at: string;
  /** How it was moved: an extension (or accepted scope), or `/poc edit` (before the dates were locked). */
  through: 'extension' | 'edit';
}

export interface PauseRow {
  fromDate: LocalDate;
  untilDate: LocalDate;
  reason: string;
  pausedBy: string;
  resumedAt: string | null;
}

/** The local days one person did anything in the channel (a message or a reaction). */
export interface ActiveDays {
  userId: string;
  days: LocalDate[];
}

export interface AnswerRow {
  outboxKey: string;
  kind: AnswerKind;
  userId: string;
  value: string;
  answeredAt: string;
}

export interface DecisionRow {
  text: string;
  decidedBy: string;
  decidedAt: string;
}

/** Everything the readout is built from, as the store returns it. */
export interface ReadoutSources {
  poc: Poc;
  /** All criteria, dropped ones included (they are listed apart). */
  criteria: Criterion[];
  votes: Vote[];
  evidence: Evidence[];
  issues: IssueRow[];
  scopeRequests: ScopeRequestRow[];
  extensions: ExtensionRow[];
  pauses: PauseRow[];
  activeDays: ActiveDays[];
  answers: AnswerRow[];
  /** Standup and checkpoint posts actually sent to the channel. */
  posted: { standups: number; checkpoints: number };
  holidays: LocalDate[];
  /** The other customer evaluators (not the lead). */
  evaluatorIds?: string[];
  /** The document's change log, oldest first. */
  changes?: ChangeRow[];
}

/** A criterion's result as the readout shows it: the customer's, a vendor call awaiting confirmation, or not tested. */
export type CriterionResult = ShownResult;

export interface CriterionLine {
  position: number;
  statement: string;
  threshold: string;
  category: Criterion['category'];
  result: CriterionResult;
  /** The customer's call, who made it and when; undefined when the customer has not called it. */
  decision: Decision | undefined;
  /** The vendor's call awaiting the customer's confirmation (not counted). */
  awaiting: Decision | undefined;
  /** A differing call the customer's call overruled. */
  overruled: Decision | undefined;
  /** The call it had before its statement or threshold changed (history, not counted). */
  earlier: CriterionStanding['earlier'];
  evidence: Evidence[];
}

export type Verdict =
  | { kind: 'pass' }
  | { kind: 'fail'; failed: number[] }
  /** Partial, untested or only vendor-called criteria: the customer has to make the call; `open` lists them. */
  | { kind: 'call_needed'; open: Array<{ position: number; result: 'partial' | 'untested' | 'awaiting' }> };

export interface MetricOutcome {
  name: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  measured: number | null;
  note: string | null;
  /** met: measured reached the target in the direction baseline → target. */
  status: 'met' | 'not_met' | 'not_measured' | 'no_target';
  /** Change from baseline to measured, in percent of the baseline (undefined when it cannot be said). */
  changePercent: number | undefined;
}

export interface CalendarFacts {
  timeZone: string;
  plannedStart: LocalDate;
  /** When work could begin: the later of the start date and the sign-off day. */
  actualStart: LocalDate | undefined;
  plannedEnd: LocalDate;
  actualEnd: LocalDate;
  plannedReadout: LocalDate;
  /** The day this readout is given (today in the POC's zone). */
  actualReadout: LocalDate;
  plannedBusinessDays: number;
  actualBusinessDays: number;
  /** Calendar days the end moved (extensions). */
  endSlipDays: number;
  readoutSlipDays: number;
  extensions: ExtensionRow[];
  /** Every move of the end or readout date after sign-off, oldest first, with who and why. */
  moves: DateMove[];
  /** Extensions asked for that did not move anything (waiting for the AE, or declined). */
  notGranted: ExtensionRow[];
  pauses: Array<PauseRow & { businessDays: number }>;
}

export interface Engagement {
  /** The other evaluators, with their active days (the lead's are `evaluatorActiveDays`). */
  evaluators: Array<{ userId: string; activeDays: number; lastActiveDay: LocalDate | undefined }>;
  evaluatorId: string;
  /** Distinct local days the evaluator did anything in the channel. */
  evaluatorActiveDays: number;
  /** Business days from the actual start up to today (or the end date if earlier). */
  businessDaysSoFar: number;
  evaluatorLastActiveDay: LocalDate | undefined;
  standupsPosted: number;
  standupsAnswered: number;
  checkpointsPosted: number;
  checkpointsAnswered: number;
  /** Each checkpoint answer, oldest first. */
  checkpointAnswers: AnswerRow[];
  /** Other people active in the channel, most active first. */
  others: Array<{ userId: string; activeDays: number }>;
}

export interface Stakeholder {
  role:
    | 'Lead technical evaluator'
    | 'Evaluator'
    | 'Economic buyer'
    | 'Champion'
    | 'Procurement'
    | 'Account executive'
    | 'Sales engineer';
  userId: string;
}

/** Whether the criteria the readout walks are the ones the customer signed. */
export interface SignoffFacts {
  state: SignoffState;
  /** The lead evaluator now. */
  leadId: string;
  signedOffBy: string | null;
  signedOffAt: string | null;
  changedSinceSignoffAt: string | null;
  resignedOffAt: string | null;
  /** Internal evaluation: the channel is not shared with another organization. */
  internal: boolean;
}

export const severityOrder: Array<IssueSeverity | 'unrated'> = ['blocker', 'limitation', 'cosmetic', 'unrated'];

export interface ReadoutModel {
  pocId: number;
  name: string;
  kind: Poc['kind'];
  kindLabel: 'POC' | 'PoV';
  hypothesis: string;
  stage: Poc['stage'];
  channelId: string;
  timeZone: string;
  generatedAt: string;
  today: LocalDate;
  metric: MetricOutcome | undefined;
  criteria: CriterionLine[];
  dropped: Array<{ position: number; statement: string; reason: string | null; droppedAt: string | null }>;
  counts: Record<CriterionResult, number>;
  verdict: Verdict;
  /** Criteria with only a vendor call: not counted until the customer confirms them. */
  awaitingConfirmation: Array<{ position: number; statement: string; call: Decision }>;
  signoff: SignoffFacts;
  calendar: CalendarFacts;
  engagement: Engagement;
  openIssues: Array<{ severity: IssueSeverity | 'unrated'; issues: IssueRow[] }>;
  resolvedIssues: number;
  acceptedScope: AcceptedScope[];
  deferredScope: ScopeRequestRow[];
  pendingScope: ScopeRequestRow[];
  declaredOutOfScope: string;
  stakeholders: Stakeholder[];
  nextStep: string;
  outcome: { stage: Poc['stage']; reason: string | null; closedAt: string | null } | undefined;
}

/** The verdict counts only the customer's calls: a vendor call awaiting confirmation is still open. */
export function verdictOf(lines: Array<Pick<CriterionLine, 'position' | 'result'>>): Verdict {
  const failed = lines.filter((l) => l.result === 'fail').map((l) => l.position);
  if (failed.length > 0) return { kind: 'fail', failed };
  const open = lines
    .filter(
      (l): l is typeof l & { result: 'partial' | 'untested' | 'awaiting' } =>
        l.result === 'partial' || l.result === 'untested' || l.result === 'awaiting',
    )
    .map((l) => ({ position: l.position, result: l.result }));
  // No criteria at all proves nothing: someone has to make the call.
  if (open.length > 0 || lines.length === 0) return { kind: 'call_needed', open };
  return { kind: 'pass' };
}

export function metricOutcome(poc: Poc): MetricOutcome | undefined {
  if (!poc.metricName) return undefined;
  const { metricBaseline: baseline, metricTarget: target, metricMeasured: measured } = poc;
  let status: MetricOutcome['status'];
  if (measured === null) status = 'not_measured';
  else if (target === null) status = 'no_target';
  else if (baseline === null || baseline === target)
    status = measured === target || (baseline === null && measured >= target) ? 'met' : 'not_met';
  else status = (target < baseline ? measured <= target : measured >= target) ? 'met' : 'not_met';
  const changePercent =
    baseline !== null && measured !== null && baseline !== 0
      ? Math.round(((measured - baseline) / Math.abs(baseline)) * 1000) / 10
      : undefined;
  return {
    name: poc.metricName,
    unit: poc.metricUnit ?? '',
    baseline,
    target,
    measured,
    note: poc.metricNote,
    status,
    changePercent,
  };
}

/** Every move of the end and readout dates after sign-off: extensions granted, and edits from before the dates were locked. */
function dateMoves(s: ReadoutSources, granted: ExtensionRow[]): DateMove[] {
  const moves: DateMove[] = [];
  for (const x of granted) {
    const approvedBy = x.decidedBy && x.decidedBy !== x.requestedBy ? x.decidedBy : undefined;
    const common = {
      by: x.requestedBy,
      approvedBy,
      reason: x.reason,
      criterionPositions: x.criterionPositions,
      at: x.requestedAt,
      through: 'extension' as const,
    };
    moves.push({ what: 'end', from: x.previousEndDate, to: x.newEndDate, ...common });
    if (x.previousReadoutDate && x.newReadoutDate && x.previousReadoutDate !== x.newReadoutDate)
      moves.push({ what: 'readout', from: x.previousReadoutDate, to: x.newReadoutDate, ...common });
  }
  for (const c of s.changes ?? []) {
    if (!c.afterSignoff || (c.field !== 'endDate' && c.field !== 'readoutDate') || !c.before || !c.after) continue;
    moves.push({
      what: c.field === 'endDate' ? 'end' : 'readout',
      from: c.before,
      to: c.after,
      by: c.changedBy,
      approvedBy: undefined,
      reason: undefined,
      criterionPositions: [],
      at: c.changedAt,
      through: 'edit',
    });
  }
  return moves.sort((a, b) => a.at.localeCompare(b.at));
}

function calendarFacts(s: ReadoutSources, today: LocalDate): CalendarFacts {
  const { poc } = s;
  const holidays = new Set(s.holidays);
  const extensions = [...s.extensions].sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
  const granted = extensions.filter((x) => (x.status ?? 'granted') === 'granted');
  const moves = dateMoves(s, granted);
  // Planned: the dates as signed off, before the first move of each.
  const plannedEnd = moves.find((m) => m.what === 'end')?.from ?? poc.endDate;
  const plannedReadout = moves.find((m) => m.what === 'readout')?.from ?? poc.readoutDate;
  const signedOn = poc.signedOffAt ? localDate(new Date(poc.signedOffAt), poc.timeZone) : undefined;
  const actualStart = signedOn ? (signedOn > poc.startDate ? signedOn : poc.startDate) : undefined;
  const lastWorkDay = today < poc.endDate ? today : poc.endDate;
  return {
    timeZone: poc.timeZone,
    plannedStart: poc.startDate,
    actualStart,
    plannedEnd,
    actualEnd: poc.endDate,
    plannedReadout,
    actualReadout: today,
    plannedBusinessDays: businessDaysInRange(poc.startDate, plannedEnd, holidays).length,
    actualBusinessDays: actualStart ? businessDaysInRange(actualStart, lastWorkDay, holidays).length : 0,
    endSlipDays: daysBetween(plannedEnd, poc.endDate),
    readoutSlipDays: daysBetween(plannedReadout, today),
    extensions: granted,
    moves,
    notGranted: extensions.filter((x) => x.status === 'awaiting_approval' || x.status === 'declined'),
    pauses: [...s.pauses]
      .sort((a, b) => a.fromDate.localeCompare(b.fromDate))
      .map((p) => ({ ...p, businessDays: businessDaysInRange(p.fromDate, p.untilDate, holidays).length })),
  };
}

function engagement(
  s: ReadoutSources,
  calendar: CalendarFacts,
  today: LocalDate,
  holidays: ReadonlySet<LocalDate>,
): Engagement {
  const { poc } = s;
  const daysByUser = new Map<string, Set<string>>();
  for (const a of s.activeDays) {
    const set = daysByUser.get(a.userId) ?? new Set<string>();
    for (const day of a.days) set.add(day);
    daysByUser.set(a.userId, set);
  }
  // "Active on N of M business days": N may only count days M counts (not the sign-off Friday
  // before the start, not weekends), or the line can read "8 of 5".
  const runDays = new Set(
    calendar.actualStart
      ? businessDaysInRange(calendar.actualStart, today < calendar.actualEnd ? today : calendar.actualEnd, holidays)
      : [],
  );
  const evaluatorDays = [...(daysByUser.get(poc.evaluatorId) ?? [])].sort();
  const evaluatorRunDays = evaluatorDays.filter((d) => runDays.has(d));
  const otherIds = (s.evaluatorIds ?? []).filter((id) => id !== poc.evaluatorId);
  const evaluators = otherIds.map((userId) => {
    const days = [...(daysByUser.get(userId) ?? [])].sort();
    return { userId, activeDays: days.filter((d) => runDays.has(d)).length, lastActiveDay: days[days.length - 1] };
  });
  // The standup asks the customer's team what they did: the SE answering their own standup is not
  // the customer engaging, and the readout is read by the customer's buyer. As the fatigue rule
  // counts them.
  const team = new Set(customerTeam(poc, s.evaluatorIds ?? []).map((m) => m.userId));
  const standupKeys = new Set(
    s.answers.filter((a) => a.kind === 'standup' && team.has(a.userId)).map((a) => a.outboxKey),
  );
  const postedKeys = new Set(s.answers.filter((a) => a.kind === 'standup').map((a) => a.outboxKey));
  const checkpointAnswers = s.answers
    .filter((a) => a.kind === 'checkpoint')
    .sort((a, b) => a.answeredAt.localeCompare(b.answeredAt));
  const others = [...daysByUser.entries()]
    .filter(([userId]) => userId !== poc.evaluatorId && !otherIds.includes(userId))
    .map(([userId, days]) => ({ userId, activeDays: days.size }))
    .sort((a, b) => b.activeDays - a.activeDays || a.userId.localeCompare(b.userId));
  return {
    evaluators,
    evaluatorId: poc.evaluatorId,
    evaluatorActiveDays: evaluatorRunDays.length,
    businessDaysSoFar: calendar.actualBusinessDays,
    evaluatorLastActiveDay: evaluatorDays[evaluatorDays.length - 1],
    // An answered standup was posted, even if its outbox row is gone: never show "3 of 2".
    standupsPosted: Math.max(s.posted.standups, postedKeys.size),
    standupsAnswered: standupKeys.size,
    checkpointsPosted: Math.max(s.posted.checkpoints, new Set(checkpointAnswers.map((a) => a.outboxKey)).size),
    checkpointsAnswered: new Set(checkpointAnswers.map((a) => a.outboxKey)).size,
    checkpointAnswers,
    others,
  };
}

export function stakeholdersOf(poc: Poc, evaluatorIds: readonly string[] = []): Stakeholder[] {
  const list: Array<[Stakeholder['role'], string | null]> = [
    ['Lead technical evaluator', poc.evaluatorId],
    ...evaluatorIds
      .filter((id) => id !== poc.evaluatorId)
      .map((id): [Stakeholder['role'], string] => ['Evaluator', id]),
    ['Economic buyer', poc.economicBuyerId],
    ['Champion', poc.championId],
    ['Procurement', poc.procurementId],
    ['Account executive', poc.aeId],
    ['Sales engineer', poc.seId],
  ];
  return list
    .filter((e): e is [Stakeholder['role'], string] => Boolean(e[1]))
    .map(([role, userId]) => ({ role, userId }));
}

function criterionLine(st: CriterionStanding, evidence: Evidence[]): CriterionLine {
  const c = st.criterion;
  return {
    position: c.position,
    statement: c.statement,
    threshold: c.threshold,
    category: c.category,
    result: shownResult(st),
    decision: st.decision,
    awaiting: st.awaiting,
    overruled: st.overruled,
    earlier: st.earlier,
    evidence: evidence.filter((e) => e.criterionId === c.id).sort((a, b) => a.messageTs.localeCompare(b.messageTs)),
  };
}

export function buildReadout(s: ReadoutSources, now: Date): ReadoutModel {
  const { poc } = s;
  const today = localDate(now, poc.timeZone);
  const active = s.criteria.filter((c) => c.droppedAt === null).sort((a, b) => a.position - b.position);
  const lines = standings(active, s.votes).map((st) => criterionLine(st, s.evidence));
  const counts: Record<CriterionResult, number> = { pass: 0, fail: 0, partial: 0, awaiting: 0, untested: 0 };
  for (const l of lines) counts[l.result]++;
  const calendar = calendarFacts(s, today);
  const open = s.issues.filter((i) => i.resolvedAt === null).sort((a, b) => a.number - b.number);
  return {
    pocId: poc.id,
    name: poc.name,
    kind: poc.kind,
    kindLabel: poc.kind === 'pov' ? 'PoV' : 'POC',
    hypothesis: poc.hypothesis,
    stage: poc.stage,
    channelId: poc.channelId,
    timeZone: poc.timeZone,
    generatedAt: now.toISOString(),
    today,
    metric: metricOutcome(poc),
    criteria: lines,
    dropped: s.criteria
      .filter((c) => c.droppedAt !== null)
      .sort((a, b) => a.position - b.position)
      .map((c) => ({ position: c.position, statement: c.statement, reason: c.droppedReason, droppedAt: c.droppedAt })),
    counts,
    verdict: verdictOf(lines),
    awaitingConfirmation: lines.flatMap((l) =>
      l.awaiting ? [{ position: l.position, statement: l.statement, call: l.awaiting }] : [],
    ),
    signoff: {
      state: signoffState(poc),
      leadId: poc.evaluatorId,
      signedOffBy: poc.signedOffBy,
      signedOffAt: poc.signedOffAt,
      changedSinceSignoffAt: poc.changedSinceSignoffAt,
      resignedOffAt: poc.resignedOffAt,
      internal: poc.channelShared === false,
    },
    calendar,
    engagement: engagement(s, calendar, today, new Set(s.holidays)),
    openIssues: severityOrder
      .map((severity) => ({ severity, issues: open.filter((i) => (i.severity ?? 'unrated') === severity) }))
      .filter((g) => g.issues.length > 0),
    resolvedIssues: s.issues.length - open.length,
    acceptedScope: s.scopeRequests
      .filter((r) => r.decision === 'accepted')
      .map((r) => ({
        text: r.text,
        requestedBy: r.requestedBy,
        newEndDate: r.newEndDate,
        droppedPosition: s.criteria.find((c) => c.id === r.droppedCriterionId)?.position ?? null,
      })),
    deferredScope: s.scopeRequests.filter((r) => r.decision === 'deferred'),
    pendingScope: s.scopeRequests.filter((r) => r.decision === 'pending'),
    declaredOutOfScope: poc.outOfScope,
    stakeholders: stakeholdersOf(poc, s.evaluatorIds),
    nextStep: poc.nextStep,
    outcome: poc.closedAt ? { stage: poc.stage, reason: poc.outcomeReason, closedAt: poc.closedAt } : undefined,
  };
}

/** The local day the hand-off reminder is due: 30 calendar days after the close, in the POC's zone. */
export const handoffReminderDays = 30;
export function handoffReminderDay(poc: Pick<Poc, 'closedAt' | 'timeZone'>): LocalDate | undefined {
  if (!poc.closedAt) return undefined;
  return addDays(localDate(new Date(poc.closedAt), poc.timeZone), handoffReminderDays);
}
