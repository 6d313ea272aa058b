// When the next standup and checkpoint fall, from the POC's own fields. Pure: `now` comes in.
// The rules are the planner's own (src/jobs/planner.ts uses isCheckpointDay and isPaused from
// here and pause.ts), so what `/poc status` and the App Home announce is what the scheduler posts.
import {
  addDays,
  type Holidays,
  isBusinessDay,
  isoWeekday,
  type LocalDate,
  localParts,
  zonedInstant,
} from './calendar.js';
import { isPaused } from './pause.js';
import type { Poc } from './poc.js';

type ScheduleFields = Pick<
  Poc,
  | 'stage'
  | 'startDate'
  | 'endDate'
  | 'standupTime'
  | 'checkpointWeekday'
  | 'timeZone'
  | 'pausedUntil'
  | 'jobsHaltedReason'
>;

const running = new Set(['signed_off', 'active']);

type CheckpointPoc = Pick<Poc, 'startDate' | 'endDate' | 'checkpointWeekday'>;

/** The checkpoint weekday's date in the ISO week (Monday to Sunday) of `day`. */
function nominalIn(poc: CheckpointPoc, day: LocalDate): LocalDate {
  return addDays(day, poc.checkpointWeekday - isoWeekday(day));
}

/**
 * The day the checkpoint planned for `nominal` (a checkpoint weekday after the start, up to the
 * end) is held: that day when it is a business day; when it is skipped (a public holiday of the
 * customer side, a day off), the next business day of that week, up to the end date; when none is
 * left, the last business day before it, after the start. It moves, it does not disappear: only a
 * POC with no business day at all between its start and that day has none.
 */
export function checkpointHeldOn(poc: CheckpointPoc, nominal: LocalDate, holidays: Holidays): LocalDate | undefined {
  if (nominal <= poc.startDate || nominal > poc.endDate) return undefined;
  if (isBusinessDay(nominal, holidays)) return nominal;
  const sunday = addDays(nominal, 7 - isoWeekday(nominal));
  for (let day = addDays(nominal, 1); day <= sunday && day <= poc.endDate; day = addDays(day, 1)) {
    if (isBusinessDay(day, holidays)) return day;
  }
  for (let day = addDays(nominal, -1); day > poc.startDate; day = addDays(day, -1)) {
    if (isBusinessDay(day, holidays)) return day;
  }
  return undefined;
}

/**
 * Whether a weekly checkpoint is held on `day`: its own week's, moved or not, or a later week's
 * moved back to it because that week had no business day left (two checkpoints on one day are one).
 */
export function isCheckpointDay(poc: CheckpointPoc, day: LocalDate, holidays: Holidays): boolean {
  if (day <= poc.startDate || day > poc.endDate || !isBusinessDay(day, holidays)) return false;
  for (let nominal = nominalIn(poc, day); nominal <= poc.endDate; nominal = addDays(nominal, 7)) {
    const held = checkpointHeldOn(poc, nominal, holidays);
    if (held === day) return true;
    // A later week's checkpoint is held after `day`: weeks beyond it are too.
    if (held !== undefined && held > day) return false;
  }
  return false;
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
