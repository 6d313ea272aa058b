// Each person's working hours, in the zone Slack has for them. A DM (a nudge, a reminder, an
// escalation) reaches its recipient between 09:00 and 17:00 of one of their working days, and
// waits for the next such time otherwise: nobody hears from pocbot at 03:00 or on their holiday.
// The shared channel's standup keeps one time in the POC's zone; `/poc new` checks it against
// the lead evaluator's day. Pure: `now`, zones and days off come in.
import { addDays, type LocalDate, localParts, zonedInstant } from './calendar.js';

export interface HoursWindow {
  /** 'HH:MM', inclusive. */
  start: string;
  /** 'HH:MM', exclusive. */
  end: string;
}

/** When DMs reach people. */
export const dmHours: HoursWindow = { start: '09:00', end: '17:00' };
/** The part of a day a shared standup may fall in for everyone it is meant for. */
export const standupHours: HoursWindow = { start: '08:00', end: '18:00' };

/** Days looked ahead for a working day before giving up (someone away for longer is told nothing new). */
const horizonDays = 92;

/**
 * The first instant at or after `now` inside `hours` on a day `works(day)` says is a working day,
 * on the wall clock of `zone`. `now` itself when it already is; undefined when no working day
 * comes within three months.
 */
export function nextWorkingMoment(
  now: Date,
  zone: string,
  works: (day: LocalDate) => boolean,
  hours: HoursWindow = dmHours,
): Date | undefined {
  const local = localParts(now, zone);
  if (works(local.date)) {
    if (local.time >= hours.start && local.time < hours.end) return now;
    if (local.time < hours.start) return zonedInstant(local.date, hours.start, zone);
  }
  for (let i = 1, day = addDays(local.date, 1); i <= horizonDays; i++, day = addDays(day, 1)) {
    if (works(day)) return zonedInstant(day, hours.start, zone);
  }
  return undefined;
}

/** Whether `time` on `date` in `fromZone` falls inside `hours` on the wall clock of `toZone`; with that local time. */
export function timeIn(
  date: LocalDate,
  time: string,
  fromZone: string,
  toZone: string,
  hours: HoursWindow = standupHours,
): { localTime: string; localDate: LocalDate; inside: boolean } {
  const there = localParts(zonedInstant(date, time, fromZone), toZone);
  return { localTime: there.time, localDate: there.date, inside: there.time >= hours.start && there.time < hours.end };
}

/**
 * A standup time in `pocZone` that falls inside `hours` for every zone in `zones` on `date`, the
 * nearest to `preferred` (on the half hour); undefined when there is none (Los Angeles and Tokyo).
 */
export function suggestStandupTime(
  date: LocalDate,
  preferred: string,
  pocZone: string,
  zones: readonly string[],
  hours: HoursWindow = standupHours,
): string | undefined {
  const [ph, pm] = preferred.split(':').map(Number) as [number, number];
  const preferredMin = ph * 60 + pm;
  let best: { time: string; distance: number } | undefined;
  for (let m = 0; m < 24 * 60; m += 30) {
    const time = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    if (!zones.every((z) => timeIn(date, time, pocZone, z, hours).inside)) continue;
    const distance = Math.abs(m - preferredMin);
    if (!best || distance < best.distance) best = { time, distance };
  }
  return best?.time;
}
