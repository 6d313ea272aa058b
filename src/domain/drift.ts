// Drift: the POC slipping against its own plan. Each rule gives a finding with its evidence and
// an episode (what it is about), so it fires once per episode rather than every day.
import { businessDaysBetween, dayLabel, daysBetween, type Holidays, type LocalDate, localDate } from './calendar.js';
import type { NudgeKind } from './nudge-rules.js';
import type { Poc } from './poc.js';
import type { Progress } from './results.js';
import { timeline } from './timeline.js';

export interface Finding {
  kind: NudgeKind;
  episode: string;
  /** The facts, in a sentence or two, as the recipient reads them. */
  evidence: string;
  /** Copy the AE too. */
  copyAe?: boolean;
}

export type DriftPoc = Pick<
  Poc,
  'stage' | 'startDate' | 'endDate' | 'readoutDate' | 'closedAt' | 'readoutPostedAt' | 'timeZone'
>;

export interface DriftInput {
  poc: DriftPoc;
  today: LocalDate;
  holidays: Holidays;
  progress: Pick<Progress, 'total' | 'decided' | 'undecided'>;
  scopeRequestCount: number;
  changesAfterSignoff: ReadonlyArray<{ id: number; field: string }>;
}

export const scopeCreepThreshold = 3;

const running = (poc: DriftPoc) =>
  !poc.closedAt && (poc.stage === 'active' || poc.stage === 'readout' || poc.stage === 'signed_off');

/** Past half of the calendar with under a quarter of the criteria decided. */
export function paceBehind(i: DriftInput): Finding | undefined {
  const { poc, today, progress } = i;
  if (!running(poc) || today < poc.startDate || today > poc.endDate || progress.total === 0) return undefined;
  const t = timeline(poc, today, i.holidays);
  if (t.businessDaysElapsed * 2 <= t.totalBusinessDays) return undefined;
  if (progress.decided * 4 >= progress.total) return undefined;
  return {
    kind: 'pace_behind',
    episode: poc.endDate,
    evidence: `Business day ${t.businessDaysElapsed} of ${t.totalBusinessDays} (past half the calendar) and only ${progress.decided} of ${progress.total} criteria decided.`,
  };
}

/** The end date is at most 2 business days away and criteria are still open. */
export function endNear(i: DriftInput): Finding | undefined {
  const { poc, today, progress } = i;
  if (!running(poc) || today < poc.startDate || today > poc.endDate || progress.undecided === 0) return undefined;
  const left = businessDaysBetween(today, poc.endDate, i.holidays);
  if (left > 2) return undefined;
  const when = left === 0 ? 'today' : `in ${left} business day${left === 1 ? '' : 's'}`;
  return {
    kind: 'end_near',
    episode: poc.endDate,
    evidence: `The end date (${dayLabel(poc.endDate)}) is ${when} and ${progress.undecided} of ${progress.total} criteria are still undecided.`,
  };
}

/** Days the POC may stay open after its readout was posted before the SE is asked for the outcome. */
export const outcomeGraceDays = 2;

/**
 * The end date and the planned readout day have passed and the POC is still not closed: an
 * open-ended trial. Once the readout has been posted, what is missing is the outcome, not a
 * readout: asked for when it is still open `outcomeGraceDays` after the readout went out.
 */
export function pastEnd(i: DriftInput): Finding | undefined {
  const { poc, today } = i;
  if (!running(poc) || today <= poc.endDate || today <= poc.readoutDate) return undefined;
  if (poc.readoutPostedAt) {
    const postedOn = localDate(new Date(poc.readoutPostedAt), poc.timeZone);
    const sincePosted = daysBetween(postedOn, today);
    if (sincePosted < outcomeGraceDays) return undefined;
    return {
      kind: 'open_after_readout',
      episode: poc.endDate,
      evidence: `The readout went out on ${dayLabel(postedOn)} (${sincePosted} days ago) and the POC is still open, ${daysBetween(poc.endDate, today)} days after its end date (${dayLabel(poc.endDate)}).`,
      copyAe: true,
    };
  }
  return {
    kind: 'past_end',
    episode: poc.endDate,
    evidence: `The end date was ${dayLabel(poc.endDate)} (${daysBetween(poc.endDate, today)} days ago) and no readout has closed the POC; the readout was planned for ${dayLabel(poc.readoutDate)}.`,
    copyAe: true,
  };
}

/** Three or more out-of-scope requests; fires again at every further multiple of three. */
export function scopeCreep(i: DriftInput): Finding | undefined {
  if (!running(i.poc) || i.scopeRequestCount < scopeCreepThreshold) return undefined;
  const step = Math.floor(i.scopeRequestCount / scopeCreepThreshold) * scopeCreepThreshold;
  return {
    kind: 'scope_creep',
    episode: String(step),
    evidence: `${i.scopeRequestCount} out-of-scope requests so far in this POC.`,
  };
}

/** The criteria document changed after the evaluator signed it; one nudge per newest change. */
export function criteriaChanged(i: DriftInput): Finding | undefined {
  if (!running(i.poc) || i.changesAfterSignoff.length === 0) return undefined;
  const newest = i.changesAfterSignoff.reduce((a, b) => (b.id > a.id ? b : a));
  const fields = [...new Set(i.changesAfterSignoff.map((c) => c.field))].join(', ');
  return {
    kind: 'criteria_changed',
    episode: String(newest.id),
    evidence: `${i.changesAfterSignoff.length} change${i.changesAfterSignoff.length === 1 ? '' : 's'} to the signed-off criteria document (${fields}).`,
  };
}

export function driftFindings(i: DriftInput): Finding[] {
  return [pastEnd(i), endNear(i), paceBehind(i), scopeCreep(i), criteriaChanged(i)].filter(
    (f): f is Finding => f !== undefined,
  );
}
