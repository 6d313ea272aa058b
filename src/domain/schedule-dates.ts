// When the next standup and checkpoint fall, from the POC's own fields. Pure: `now` comes in.
// The rules are the planner's own (src/jobs/planner.ts uses isCheckpointDay and isPaused from
// here and pause.ts), so what `/poc status` and the App Home announce is what the scheduler posts.
import { addDays, type Holidays, isBusinessDay, isoWeekday, type LocalDate, localParts, zonedInstant } from './calendar.js';
import { isPaused } from './pause.js';
import type { Poc } from './poc.js';

type ScheduleFields = Pick<
  Poc,
  'stage' | 'startDate' | 'endDate' | 'standupTime' | 'checkpointWeekday' | 'timeZone' | 'pausedUntil' | 'jobsHaltedReason'
>;

const running = new Set(['signed_off', 'active']);

/** Whether a weekly checkpoint falls on `day` (a business day on the weekday, after the start, up to the end). */
export function isCheckpointDay(
  poc: Pick<Poc, 'startDate' | 'endDate' | 'checkpointWeekday'>,
  day: LocalDate,
  holidays: Holidays,
): boolean {
  return (
    day > poc.startDate && day <= poc.endDate && isoWeekday(day) === poc.checkpointWeekday && isBusinessDay(day, holidays)
  );
}

/** Whether the scheduler will post for this POC at all (halted jobs post nothing until cleared). */
function scheduled(poc: ScheduleFields): boolean {
  return running.has(poc.stage) && poc.jobsHaltedReason === null;
}

/** The next standup instant: a business day from start to end, not paused, at standupTime in the POC's zone. */
export function nextStandup(poc: ScheduleFields, now: Date, holidays: Holidays): Date | undefined {
  if (!scheduled(poc)) return undefined;
  const local = localParts(now, poc.timeZone);
  let day = local.date < poc.startDate ? poc.startDate : local.date;
  for (; day <= poc.endDate; day = addDays(day, 1)) {
    if (!isBusinessDay(day, holidays) || isPaused(poc, day)) continue;
    const at = zonedInstant(day, poc.standupTime, poc.timeZone);
    if (at.getTime() > now.getTime()) return at;
  }
  return undefined;
}

/** The next checkpoint day (today included), as the planner decides it, skipping paused days. */
export function nextCheckpoint(poc: ScheduleFields, now: Date, holidays: Holidays): LocalDate | undefined {
  if (!scheduled(poc)) return undefined;
  const today = localParts(now, poc.timeZone).date;
  let day = today < poc.startDate ? poc.startDate : today;
  for (; day <= poc.endDate; day = addDays(day, 1)) {
    if (isCheckpointDay(poc, day, holidays) && !isPaused(poc, day)) return day;
  }
  return undefined;
}
