// The calendar of a POC: which scheduled posts are due at `now`, in the POC's zone. Pure: the
// POCs, their days off and `now` come in; keys and instants come out. No store, no Slack.
//
// Catch-up rule: only the POC's *current* local day is ever considered. A post whose time has
// come today is due (late, once: its key is unique); a day that is over is never planned again,
// and the dispatcher skips a row that is still pending when its day ends (expiresAt).
import {
  addDays,
  type Holidays,
  isBusinessDay,
  isoWeekday,
  isValidTimeZone,
  type LocalDate,
  localDate,
  subtractBusinessDays,
  zonedInstant,
} from '../domain/calendar.js';
import { isPaused } from '../domain/pause.js';
import { isCheckpointDay } from '../domain/schedule-dates.js';
import { isClosed, type Poc, type Stage } from '../domain/poc.js';

export type ScheduledKind = 'standup' | 'checkpoint' | 'reminder_end_soon' | 'reminder_end' | 'reminder_readout';

export interface PocCalendar {
  poc: Poc;
  holidays: Holidays;
  /**
   * Where the customer is, when known (the lead evaluator's Slack zone): a channel post is asked,
   * when it is sent, whether that instant is a day off on their calendar (stillDue).
   */
  customerZone?: string | null;
}

export interface DueItem {
  key: string;
  kind: ScheduledKind;
  pocId: number;
  /** The local day it belongs to, in the POC's zone. */
  localDate: LocalDate;
  /** A channel id, or a user id for a DM. */
  target: string;
  dueAt: Date;
  /** The end of that local day: after it a pending row is skipped, not posted late. */
  expiresAt: Date;
}

/** Business days before the end date that the "end date is near" reminder goes out. */
export const endSoonBusinessDays = 2;

export const scheduledKeys = {
  standup: (pocId: number, day: LocalDate) => `standup:${pocId}:${day}`,
  checkpoint: (pocId: number, day: LocalDate) => `checkpoint:${pocId}:${day}`,
  endSoon: (pocId: number, day: LocalDate) => `reminder:end-soon:${pocId}:${day}`,
  end: (pocId: number, day: LocalDate) => `reminder:end:${pocId}:${day}`,
  readout: (pocId: number, day: LocalDate, userId: string) => `reminder:readout:${pocId}:${day}:${userId}`,
};

/** The stage the calendar puts the POC in on `today`: signed_off starts on the start date; active turns to readout after the end date. */
export function effectiveStage(poc: Pick<Poc, 'stage' | 'startDate' | 'endDate'>, today: LocalDate): Stage {
  let stage = poc.stage;
  if (stage === 'signed_off' && today >= poc.startDate) stage = 'active';
  if (stage === 'active' && today > poc.endDate) stage = 'readout';
  return stage;
}

/** The stage change the calendar asks for at `now`, if any. */
export function stageTransition(
  poc: Pick<Poc, 'stage' | 'startDate' | 'endDate' | 'timeZone'>,
  now: Date,
): { from: Stage; to: Stage } | undefined {
  const to = effectiveStage(poc, localDate(now, poc.timeZone));
  return to === poc.stage ? undefined : { from: poc.stage, to };
}

export { isCheckpointDay, isPaused };

/** Whether the scheduler posts anything for this POC today (not closed, not halted, not paused). */
export function isScheduled(poc: Poc, today: LocalDate): boolean {
  return !isClosed(poc.stage) && poc.closedAt === null && poc.jobsHaltedReason === null && !isPaused(poc, today);
}

/** The day the end-date reminder goes out: the end date, or the last business day before it when it is a day off. */
export function endReminderDay(poc: Pick<Poc, 'endDate'>, holidays: Holidays): LocalDate {
  return isBusinessDay(poc.endDate, holidays) ? poc.endDate : subtractBusinessDays(poc.endDate, 1, holidays);
}

/** The day the readout-day DMs go out: the readout date, or the last business day before it when it is a day off. */
export function readoutReminderDay(poc: Pick<Poc, 'readoutDate'>, holidays: Holidays): LocalDate {
  return isBusinessDay(poc.readoutDate, holidays)
    ? poc.readoutDate
    : subtractBusinessDays(poc.readoutDate, 1, holidays);
}

export function endSoonDay(poc: Pick<Poc, 'endDate'>, holidays: Holidays): LocalDate {
  return subtractBusinessDays(poc.endDate, endSoonBusinessDays, holidays);
}

/**
 * Everything due for one POC at `now`: the channel's posts once its standup time today has come;
 * the readout-day DMs from the start of its day, as each reaches its recipient in their own
 * working hours (the dispatcher holds a DM until then), which may be before the POC's standup time
 * for someone hours ahead of it.
 */
export function dueFor(cal: PocCalendar, now: Date): DueItem[] {
  const { poc, holidays } = cal;
  const today = localDate(now, poc.timeZone);
  if (!isScheduled(poc, today)) return [];
  const dayStart = zonedInstant(today, '00:00', poc.timeZone);
  const dueAt = zonedInstant(today, poc.standupTime, poc.timeZone);
  const expiresAt = zonedInstant(addDays(today, 1), '00:00', poc.timeZone);
  const stage = effectiveStage(poc, today);
  const items: DueItem[] = [];
  const add = (kind: ScheduledKind, key: string, target: string, at = dueAt) =>
    items.push({ key, kind, pocId: poc.id, localDate: today, target, dueAt: at, expiresAt });

  if ((stage === 'active' || stage === 'readout') && today === readoutReminderDay(poc, holidays)) {
    for (const userId of new Set([poc.seId, poc.aeId])) {
      add('reminder_readout', scheduledKeys.readout(poc.id, today, userId), userId, dayStart);
    }
  }
  if (now.getTime() < dueAt.getTime()) return items;

  if (stage === 'active') {
    const inRange = today >= poc.startDate && today <= poc.endDate;
    if (inRange && isBusinessDay(today, holidays)) add('standup', scheduledKeys.standup(poc.id, today), poc.channelId);
    if (isCheckpointDay(poc, today, holidays))
      add('checkpoint', scheduledKeys.checkpoint(poc.id, today), poc.channelId);
    if (today >= poc.startDate && today === endSoonDay(poc, holidays) && today < endReminderDay(poc, holidays)) {
      add('reminder_end_soon', scheduledKeys.endSoon(poc.id, today), poc.channelId);
    }
    if (today >= poc.startDate && today === endReminderDay(poc, holidays)) {
      add('reminder_end', scheduledKeys.end(poc.id, today), poc.channelId);
    }
  }
  return items;
}

export const scheduledKinds: readonly ScheduledKind[] = [
  'standup',
  'checkpoint',
  'reminder_end_soon',
  'reminder_end',
  'reminder_readout',
];

export function isScheduledKind(kind: string): kind is ScheduledKind {
  return (scheduledKinds as readonly string[]).includes(kind);
}

export type SendCheck = { send: true } | { send: false; reason: string; notBefore?: Date };

/**
 * Whether a scheduled post planned earlier is still due when its turn to be sent comes. A queue of
 * thousands drains a few hundred a tick, and Slack's 429s and 5xx back-offs hold rows for minutes:
 * meanwhile the POC may have been paused, given today off, had its end date, checkpoint day or
 * standup time changed. The post goes out only if the calendar, asked again now, still plans its
 * key; when the standup time moved later today, `notBefore` says when it will.
 */
export function stillDue(cal: PocCalendar, key: string, now: Date): SendCheck {
  const { poc, holidays } = cal;
  const today = localDate(now, poc.timeZone);
  if (isClosed(poc.stage) || poc.closedAt !== null) return { send: false, reason: 'the POC is closed' };
  if (poc.jobsHaltedReason !== null)
    return { send: false, reason: `the POC's jobs are halted (${poc.jobsHaltedReason})` };
  if (isPaused(poc, today)) return { send: false, reason: `the POC is paused through ${poc.pausedUntil ?? today}` };
  const item = dueFor(cal, now).find((i) => i.key === key);
  if (item) {
    const theirs = item.target === poc.channelId ? customerDayOff(cal, now, today) : undefined;
    return theirs ? { send: false, reason: theirs } : { send: true };
  }
  const time = zonedInstant(today, poc.standupTime, poc.timeZone);
  if (now.getTime() < time.getTime() && dueFor(cal, time).some((i) => i.key === key)) {
    return { send: false, reason: `the standup time is now ${poc.standupTime}`, notBefore: time };
  }
  if (!isBusinessDay(today, holidays)) return { send: false, reason: `${today} is a day off` };
  return { send: false, reason: 'no longer due today: the schedule changed since it was planned' };
}

/**
 * Why a channel post must not go out at `now` though the POC's own day is a working one: it is a
 * day off where the customer is. The POC's days are counted in its zone, but a customer hours
 * ahead lives in the next one: a Los Angeles POC's 15:00 standup, the time that fits a Sydney
 * evaluator's morning, reaches them at 10:00 the next day, and on 24 December that is Christmas
 * Day. Days off only (public holidays and the POC's own): the POC's week stays its zone's, as
 * the SE set it.
 */
function customerDayOff(cal: PocCalendar, now: Date, today: LocalDate): string | undefined {
  const zone = cal.customerZone;
  if (!zone || !isValidTimeZone(zone)) return undefined;
  const theirs = localDate(now, zone);
  if (theirs === today || !cal.holidays.has(theirs)) return undefined;
  return `it is ${theirs} for the customer (${zone}), a day off on their side`;
}

/** The issue's `due(pocs, now)`: every scheduled post due at `now`, POC by POC, in post order. */
export function due(calendars: PocCalendar[], now: Date): DueItem[] {
  return calendars.flatMap((cal) => dueFor(cal, now));
}

export interface AgendaItem {
  date: LocalDate;
  what: 'checkpoint' | 'end_soon' | 'end' | 'readout';
}

/** What falls from `today` to the Sunday of its week: for the standup's "due this week". */
export function weekAgenda(
  poc: Pick<Poc, 'startDate' | 'endDate' | 'readoutDate' | 'checkpointWeekday'>,
  today: LocalDate,
  holidays: Holidays,
): AgendaItem[] {
  const sunday = addDays(today, 7 - isoWeekday(today));
  const items: AgendaItem[] = [];
  for (let day = today; day <= sunday; day = addDays(day, 1)) {
    if (isCheckpointDay(poc, day, holidays)) items.push({ date: day, what: 'checkpoint' });
    if (day === endSoonDay(poc, holidays) && day < endReminderDay(poc, holidays) && day >= poc.startDate) {
      items.push({ date: day, what: 'end_soon' });
    }
    if (day === poc.endDate) items.push({ date: day, what: 'end' });
    if (day === poc.readoutDate) items.push({ date: day, what: 'readout' });
  }
  return items;
}
