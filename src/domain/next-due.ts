// When the scheduler must next look at a POC if none of its facts change. The tick plans only the
// POCs due by `now` (jobs/due.ts); every write that changes a POC's facts marks it due at once
// (the triggers of the 'next_due' migration). What is left is time passing, and the jobs' rules
// change with the clock only at two instants of the POC's local day:
// - its standup time: the standup, checkpoint and calendar reminders go out from then, and the
//   nudges are decided only from then (silence counts business days, drift and fatigue the day);
// - the start of a local day on which something happens at midnight: the stage moves on the start
//   date and the day after the end date, the readout-day DMs go out from the start of their day,
//   and a pause ends (the POC runs again: its SE's other POCs count it, see the overload rule).
// Cheap and conservative: a POC woken when nothing is due is planned, found quiet, and given its
// next wake. It is never woken late.
import { addDays, type LocalDate, localDate, zonedInstant } from './calendar.js';
import type { Poc } from './poc.js';

/** The readout-day DMs go out on the readout date or the last business day before it: at most this many days earlier (a long run of days off). */
export const readoutLeadDays = 14;

export type NextDuePoc = Pick<
  Poc,
  'timeZone' | 'standupTime' | 'startDate' | 'endDate' | 'readoutDate' | 'pausedUntil'
>;

/** Whether anything of the POC's calendar starts at the very beginning of `day`. */
function somethingAtMidnight(poc: NextDuePoc, day: LocalDate): boolean {
  if (day === poc.startDate || day === addDays(poc.endDate, 1)) return true;
  if (poc.pausedUntil !== null && day === addDays(poc.pausedUntil, 1)) return true;
  return day <= poc.readoutDate && day >= addDays(poc.readoutDate, -readoutLeadDays);
}

/** The first instant after `now` at which the POC's jobs may find something new with no fact changed. */
export function nextDueAt(poc: NextDuePoc, now: Date): Date {
  const today = localDate(now, poc.timeZone);
  const standupToday = zonedInstant(today, poc.standupTime, poc.timeZone);
  if (standupToday.getTime() > now.getTime()) return standupToday;
  const tomorrow = addDays(today, 1);
  // zonedInstant of '00:00' on a day whose midnight a DST change skips is the first instant of that day.
  const midnight = zonedInstant(tomorrow, '00:00', poc.timeZone);
  if (midnight.getTime() > now.getTime() && somethingAtMidnight(poc, tomorrow)) return midnight;
  const standupTomorrow = zonedInstant(tomorrow, poc.standupTime, poc.timeZone);
  return standupTomorrow.getTime() > now.getTime() ? standupTomorrow : midnight;
}
