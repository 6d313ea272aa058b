// The rule for moving a POC's end date: an extension is for named criteria that are still
// undecided, never for "more time" in general; it never takes the POC past the length a POC may
// have (8 weeks, as at creation); and a second one needs the AE's approval. A fixed end date is
// what keeps a POC honest.
import { addDays, isLocalDate, type LocalDate } from './calendar.js';
import { overrideAfterDays } from './poc-draft.js';
import type { Poc } from './poc.js';
import type { CriterionStanding } from './results.js';

/** granted: the dates moved; awaiting_approval: a second (or later) one waiting for the AE; declined: the AE said no. */
export const extensionStatuses = ['granted', 'awaiting_approval', 'declined'] as const;
export type ExtensionStatus = (typeof extensionStatuses)[number];

/** Extensions granted before this one that make the AE's approval necessary. */
export const extensionsBeforeApproval = 1;

/** The latest end date an extension may set: 8 weeks from the start, the limit `/poc new` holds a POC to. */
export function latestEndDate(poc: Pick<Poc, 'startDate'>): LocalDate {
  return addDays(poc.startDate, overrideAfterDays);
}

export function lengthLimitText(poc: Pick<Poc, 'startDate'>): string {
  return `A POC runs at most 8 weeks: from its start on ${poc.startDate}, the end date can move to ${latestEndDate(poc)} at the latest. Past that, agree on a new evaluation with its own criteria, or read out what is decided.`;
}

/** Whether moving the end to `newEndDate` would take the POC past the 8-week limit. */
export function pastLengthLimit(poc: Pick<Poc, 'startDate'>, newEndDate: LocalDate): boolean {
  return newEndDate > latestEndDate(poc);
}

/** A second (or later) extension waits for the AE, unless the AE asks for it. */
export function needsApproval(poc: Pick<Poc, 'aeId'>, grantedBefore: number, requestedBy: string): boolean {
  return grantedBefore >= extensionsBeforeApproval && requestedBy !== poc.aeId;
}

export const extensionRule =
  'An extension needs a reason that names the undecided criteria it is for, e.g. ' +
  '`/poc extend 2026-12-11 criteria 2 and 4 need the staging data` (or `#2 #4`, `criterion 3`). ' +
  '“We need more time” is not a reason: say which criteria are still open and why.';

/** Criterion numbers a reason names: "#2 #4", "criterion 3", "criteria 2, 4 and 5". */
export function criterionRefs(reason: string): number[] {
  const found = new Set<number>();
  for (const m of reason.matchAll(/#(\d{1,3})\b/g)) found.add(Number(m[1]));
  const list = /\bcriteri(?:on|a)\s*#?(\d{1,3}(?:\s*(?:,|&|\/|\band\b|\bor\b)\s*#?\d{1,3})*)/gi;
  for (const m of reason.matchAll(list)) {
    for (const n of (m[1] ?? '').matchAll(/\d+/g)) found.add(Number(n[0]));
  }
  return [...found].sort((a, b) => a - b);
}

/** The readout date once the end moves to `newEndDate`: it never falls before the new end. */
export function readoutDateFor(poc: Pick<Poc, 'readoutDate'>, newEndDate: LocalDate): LocalDate {
  return poc.readoutDate < newEndDate ? newEndDate : poc.readoutDate;
}

export type ExtensionCheck = { ok: true; positions: number[]; readoutDate: LocalDate } | { ok: false; reason: string };

export function checkExtension(input: {
  poc: Pick<Poc, 'startDate' | 'endDate' | 'readoutDate'>;
  standings: CriterionStanding[];
  newEndDate: string;
  reason: string;
  today: LocalDate;
}): ExtensionCheck {
  const { poc, standings, newEndDate, reason, today } = input;
  if (!isLocalDate(newEndDate)) return { ok: false, reason: `“${newEndDate}” is not a date; use YYYY-MM-DD.` };
  if (newEndDate <= poc.endDate)
    return { ok: false, reason: `The new end date must be after the current one (${poc.endDate}).` };
  if (newEndDate < today) return { ok: false, reason: `The new end date ${newEndDate} is already past.` };
  if (pastLengthLimit(poc, newEndDate))
    return { ok: false, reason: `${newEndDate} is past the 8-week limit. ${lengthLimitText(poc)}` };
  const positions = criterionRefs(reason);
  if (positions.length === 0) return { ok: false, reason: extensionRule };
  const byPosition = new Map(standings.map((s) => [s.criterion.position, s]));
  const unknown = positions.filter((p) => !byPosition.has(p));
  if (unknown.length > 0) {
    return { ok: false, reason: `There is no criterion ${unknown.join(', ')} in this POC. ${extensionRule}` };
  }
  const decided = positions.filter((p) => byPosition.get(p)?.decision !== undefined);
  if (decided.length > 0) {
    const list = decided.map((p) => `${p} (${byPosition.get(p)?.decision?.result.toUpperCase() ?? ''})`).join(', ');
    return {
      ok: false,
      reason: `Criterion ${list} is already decided, so it is no reason to extend. ${extensionRule}`,
    };
  }
  return { ok: true, positions, readoutDate: readoutDateFor(poc, newEndDate) };
}
