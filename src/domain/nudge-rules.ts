// Nudges and escalations: their kinds, the playbook move each suggests, and the rules that keep
// them from nagging (once per episode, one of a kind per POC per day, snooze, a daily budget).
// Pure: the history comes in as rows, `today` as a local date.
import { dayLabel, type LocalDate } from './calendar.js';
import type { Poc } from './poc.js';
import { metricChange } from './quantity.js';

export const nudgeKinds = [
  'escalation',
  'silence',
  'past_end',
  'open_after_readout',
  'end_near',
  'pace_behind',
  'standups_unanswered',
  'pushback',
  'second_extension',
  'scope_creep',
  'criteria_changed',
  'lead_quiet',
  'se_overloaded',
  'evaluator_back',
] as const;
export type NudgeKind = (typeof nudgeKinds)[number];

/** Earlier in `nudgeKinds` = more urgent: it goes first when the day's budget is short. */
export function priorityOf(kind: string): number {
  const i = (nudgeKinds as readonly string[]).indexOf(kind);
  return i < 0 ? nudgeKinds.length : i;
}

export const nudgeTitles: Record<NudgeKind, string> = {
  silence: 'The evaluation team has gone quiet',
  escalation: 'Escalation: the evaluation team has gone quiet',
  evaluator_back: 'The evaluation team is active again',
  lead_quiet: 'The lead evaluator is quiet; the team is not',
  pace_behind: 'Behind the calendar',
  end_near: 'End date near with open criteria',
  past_end: 'Past the end date without a readout',
  open_after_readout: 'Readout given, POC still open',
  scope_creep: 'Scope creep',
  criteria_changed: 'Criteria changed after sign-off',
  standups_unanswered: 'Standups left unanswered',
  pushback: 'Vague pushback from the customer',
  second_extension: 'A second extension',
  se_overloaded: 'You are running more than 2 POCs',
};

export function nudgeTitle(kind: string): string {
  return (nudgeTitles as Record<string, string>)[kind] ?? kind;
}

/** What the recipient chose with the DM's buttons. */
export const nudgeOutcomes = ['pinged', 'handled', 'snoozed', 'dismissed'] as const;
export type NudgeOutcome = (typeof nudgeOutcomes)[number];
/**
 * sent: its DM (or post) went, or is queued to go, out; deferred: over a day's budget, waiting to
 * ride in a later DM; folded: rode in another nudge's DM; withdrawn: recorded, then not sent,
 * because it no longer applied when its turn in the queue came (the POC paused, the evaluator back).
 */
export const nudgeStatuses = ['sent', 'deferred', 'folded', 'withdrawn'] as const;
export type NudgeStatus = (typeof nudgeStatuses)[number];

/** The playbook: every nudge suggests exactly one of these. */
export type PlaybookMove = 'reanchor' | 'escalate' | 'smaller_scope' | 'clean_exit' | 'record_outcome';

export const moveOf: Record<NudgeKind, PlaybookMove> = {
  silence: 'reanchor',
  escalation: 'escalate',
  evaluator_back: 'reanchor',
  lead_quiet: 'reanchor',
  pace_behind: 'smaller_scope',
  end_near: 'smaller_scope',
  past_end: 'clean_exit',
  open_after_readout: 'record_outcome',
  scope_creep: 'reanchor',
  criteria_changed: 'reanchor',
  standups_unanswered: 'escalate',
  pushback: 'reanchor',
  second_extension: 'clean_exit',
  se_overloaded: 'smaller_scope',
};

type MetricPoc = Pick<Poc, 'metricName' | 'metricBaseline' | 'metricTarget' | 'metricUnit' | 'endDate' | 'hypothesis'>;

function metricPhrase(poc: MetricPoc): string {
  const change = metricChange(poc);
  if (change) return change;
  return poc.hypothesis ? `the hypothesis ("${poc.hypothesis}")` : 'the business outcome they signed off';
}

/** One sentence the recipient can act on today. */
export function moveText(move: PlaybookMove, poc: MetricPoc): string {
  switch (move) {
    case 'reanchor':
      return `Re-anchor on the business metric: remind the evaluators what this POC is for (${metricPhrase(poc)}) and ask which open criterion they can test this week.`;
    case 'escalate':
      return `Escalate through the AE: ask the economic buyer to confirm the POC is still a priority and to free the evaluation team's time before ${dayLabel(poc.endDate)}.`;
    case 'smaller_scope':
      return `Propose a smaller scope: agree on the two criteria that matter most for ${metricPhrase(poc)}, finish those by ${dayLabel(poc.endDate)}, and defer the rest in writing.`;
    case 'clean_exit':
      return 'Propose a clean exit: book the readout now with what is decided, or agree openly to stop; an open-ended trial rarely closes.';
    case 'record_outcome':
      return 'Ask the economic buyer for the decision the readout called for, then record it with `/poc close won|lost|no-decision <reason>`; if more has to happen first, agree in writing what and by when.';
  }
}

export function snoozeLabel(until: LocalDate): string {
  return `snoozed through ${until}`;
}

/** A nudge already recorded, as admission needs it. */
export interface PriorNudge {
  key: string;
  pocId: number;
  kind: string;
  episode: string;
  recipientId: string;
  localDate: LocalDate;
  status: NudgeStatus;
  outcome: NudgeOutcome | null;
  snoozedUntil: LocalDate | null;
}

export interface NudgeTarget {
  pocId: number;
  kind: string;
  episode: string;
  recipientId: string;
}

export function nudgeKey(t: NudgeTarget, reminderOn?: LocalDate): string {
  const base = `${t.kind}:${t.pocId}:${t.episode}:${t.recipientId}`;
  return reminderOn ? `${base}@${reminderOn}` : base;
}

export type Admission =
  | { admit: true; key: string }
  | { admit: false; reason: 'snoozed' | 'cool-down' | 'already-sent' };

/**
 * Whether `target` may be nudged today, given the POC's earlier nudges of any kind.
 * - snoozed: a nudge of this kind for this POC was snoozed through a day ≥ today;
 * - cool-down: this person already had one of this kind for this POC today;
 * - once per episode, except that a snoozed one comes back (as a reminder) once its snooze is over,
 *   and one withdrawn before it went out may fire again (on a later day: the cool-down holds).
 */
export function admit(target: NudgeTarget, today: LocalDate, history: readonly PriorNudge[]): Admission {
  const sameKind = history.filter((n) => n.pocId === target.pocId && n.kind === target.kind);
  if (sameKind.some((n) => n.snoozedUntil !== null && n.snoozedUntil >= today))
    return { admit: false, reason: 'snoozed' };
  const mine = sameKind.filter((n) => n.recipientId === target.recipientId);
  if (mine.some((n) => n.localDate === today)) return { admit: false, reason: 'cool-down' };
  const episode = mine.filter((n) => n.episode === target.episode);
  if (episode.length === 0) return { admit: true, key: nudgeKey(target) };
  const allOver = episode.every(
    (n) => n.status === 'withdrawn' || (n.outcome === 'snoozed' && n.snoozedUntil !== null && n.snoozedUntil < today),
  );
  if (allOver) return { admit: true, key: nudgeKey(target, today) };
  return { admit: false, reason: 'already-sent' };
}

export const dailyNudgeBudget = 3;

export interface BudgetPlan<T> {
  /** Sent today as their own DMs; the first carries `carried`. */
  send: T[];
  /** Over today's budget: recorded, and folded into the next day's first nudge. */
  defer: T[];
  /** Deferred on earlier days, folded into send[0] ("also pending"). Empty when nothing is sent. */
  carried: T[];
}

/**
 * The budget for one person on one day: at most `limit` DMs, urgent first. What is over goes to
 * `defer`. Nudges deferred earlier ride along with the first DM sent; when nothing new is due
 * but some are waiting, the oldest waiting one becomes today's DM and carries the rest.
 */
export function applyBudget<T extends { kind: string }>(
  fresh: readonly T[],
  waiting: readonly T[],
  sentToday: number,
  limit = dailyNudgeBudget,
): BudgetPlan<T> {
  const room = Math.max(0, limit - sentToday);
  const ordered = [...fresh].sort((a, b) => priorityOf(a.kind) - priorityOf(b.kind));
  if (room === 0) return { send: [], defer: ordered, carried: [] };
  if (ordered.length === 0) {
    const [first, ...rest] = waiting;
    return first ? { send: [first], defer: [], carried: rest } : { send: [], defer: [], carried: [] };
  }
  return { send: ordered.slice(0, room), defer: ordered.slice(room), carried: [...waiting] };
}
