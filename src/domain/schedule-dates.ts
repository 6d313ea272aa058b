// When the next standup and checkpoint fall, from the POC's own fields. Pure: `now` comes in.
import { addDays, type Holidays, isBusinessDay, isoWeekday, type LocalDate, localParts, zonedInstant } from './calendar.js';
import type { Poc } from './poc.js';

type ScheduleFields = Pick<Poc, 'stage' | 'startDate' | 'endDate' | 'standupTime' | 'checkpointWeekday' | 'timeZone' | 'pausedUntil'>;

const running = new Set(['signed_off', 'active']);

/** Paused days produce no standup or checkpoint; the POC resumes on `pausedUntil`. */
function paused(poc: ScheduleFields, day: LocalDate): boolean {
  return poc.pausedUntil !== null && day < poc.pausedUntil;
}

/** The next standup instant: a business day from start to end, at standupTime in the POC's zone. */
export function nextStandup(poc: ScheduleFields, now: Date, holidays: Holidays): Date | undefined {
  if (!running.has(poc.stage)) return undefined;
  const local = localParts(now, poc.timeZone);
  let day = local.date < poc.startDate ? poc.startDate : local.date;
  for (; day <= poc.endDate; day = addDays(day, 1)) {
    if (!isBusinessDay(day, holidays) || paused(poc, day)) continue;
    const at = zonedInstant(day, poc.standupTime, poc.timeZone);
    if (at.getTime() > now.getTime()) return at;
  }
  return undefined;
}

/** The next checkpoint day (today included) on the checkpoint weekday, from start to end. */
export function nextCheckpoint(poc: ScheduleFields, now: Date, holidays: Holidays): LocalDate | undefined {
  if (!running.has(poc.stage)) return undefined;
  const today = localParts(now, poc.timeZone).date;
  let day = today < poc.startDate ? poc.startDate : today;
  for (; day <= poc.endDate; day = addDays(day, 1)) {
    if (isoWeekday(day) === poc.checkpointWeekday && isBusinessDay(day, holidays) && !paused(poc, day)) return day;
  }
  return undefined;
}
