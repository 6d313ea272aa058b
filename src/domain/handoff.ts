// The Customer Success hand-off after a won POC: what was promised, what to keep measuring and
// how often, what is still open, and who is who. Built from the readout model and the decisions.
import type { LocalDate } from './calendar.js';
import type { Poc } from './poc.js';
import {
  type CriterionLine,
  type DecisionRow,
  handoffReminderDay,
  type IssueRow,
  type MetricOutcome,
  type ReadoutModel,
  type ScopeRequestRow,
  type Stakeholder,
} from './readout-model.js';

export const trackingCadences = ['weekly', 'monthly', 'quarterly'] as const;
export type TrackingCadence = (typeof trackingCadences)[number];
export const defaultCadence: TrackingCadence = 'monthly';

export function parseCadence(word: string | undefined): TrackingCadence | undefined {
  if (word === undefined || word === '') return defaultCadence;
  const w = word.toLowerCase();
  return (trackingCadences as readonly string[]).includes(w) ? (w as TrackingCadence) : undefined;
}

export interface HandoffModel {
  pocId: number;
  name: string;
  kindLabel: ReadoutModel['kindLabel'];
  timeZone: string;
  closedAt: string;
  outcomeReason: string | null;
  cadence: TrackingCadence;
  metric: MetricOutcome | undefined;
  /** The agreed criteria as proven: each is a success measure CS can keep checking. */
  criteria: CriterionLine[];
  decisions: DecisionRow[];
  openIssues: IssueRow[];
  promisedLater: ScopeRequestRow[];
  declaredOutOfScope: string;
  stakeholders: Stakeholder[];
  alsoActive: Array<{ userId: string; activeDays: number }>;
  nextStep: string;
  reminderDay: LocalDate;
}

export function buildHandoff(
  poc: Pick<Poc, 'closedAt' | 'timeZone' | 'outcomeReason'>,
  readout: ReadoutModel,
  decisions: DecisionRow[],
  cadence: TrackingCadence,
): HandoffModel | undefined {
  const reminderDay = handoffReminderDay(poc);
  if (!poc.closedAt || !reminderDay) return undefined;
  return {
    pocId: readout.pocId,
    name: readout.name,
    kindLabel: readout.kindLabel,
    timeZone: readout.timeZone,
    closedAt: poc.closedAt,
    outcomeReason: poc.outcomeReason,
    cadence,
    metric: readout.metric,
    criteria: readout.criteria,
    decisions: [...decisions].sort((a, b) => a.decidedAt.localeCompare(b.decidedAt)),
    openIssues: readout.openIssues.flatMap((g) => g.issues),
    promisedLater: readout.deferredScope,
    declaredOutOfScope: readout.declaredOutOfScope,
    stakeholders: readout.stakeholders,
    alsoActive: readout.engagement.others,
    nextStep: readout.nextStep,
    reminderDay,
  };
}
