// Calendar maths in a POC's IANA zone. Calendar days are 'YYYY-MM-DD' strings: a day is a day
// in the POC's zone, whatever the server's zone, so nothing here reads the process time zone.
import { TZDate } from '@date-fns/tz';

export type LocalDate = string; // 'YYYY-MM-DD'

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Remembers results of the pure functions below: a tick asks the same questions (this date plus
 * one day, 09:30 on this date in New York) for thousands of POCs, and Intl and date parsing are
 * the slow part. The answers never change, so this only saves time; cleared when full.
 */
function remember<V>(cache: Map<string, V>, key: string, value: V, limit = 20_000): V {
  if (cache.size >= limit) cache.clear();
  cache.set(key, value);
  return value;
}
const localPartsCache = new Map<string, { date: LocalDate; time: string }>();
const noonCache = new Map<string, number>();
const addDaysCache = new Map<string, LocalDate>();
const weekdayCache = new Map<string, number>();
const zonedCache = new Map<string, number>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

const quarterHourMs = 15 * 60_000;
/**
 * A zone's offset from UTC (wall clock minus UTC, in ms) by UTC quarter hour, or null for a
 * quarter hour whose offset changes inside it. Every offset in use today is a whole number of
 * quarter hours and clocks change at whole local hours or half hours, so a change falls on a
 * quarter hour's start; the check of its last minute keeps any that does not on the exact path.
 * An event's own time (activity, a reaction) is a new instant each time: it costs one offset
 * lookup instead of an Intl call (~25 µs).
 */
const offsetCache = new Map<string, number | null>();

function exactParts(instant: Date, timeZone: string): { date: LocalDate; time: string } {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

function offsetAt(t: number, timeZone: string): number {
  const { date, time } = exactParts(new Date(t), timeZone);
  return Date.parse(`${date}T${time}:00Z`) - t;
}

function quarterHourOffset(t: number, timeZone: string): number | null {
  const start = Math.floor(t / quarterHourMs) * quarterHourMs;
  const key = `${timeZone}|${start}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    const first = offsetAt(start, timeZone);
    offset = remember(offsetCache, key, first === offsetAt(start + quarterHourMs - 60_000, timeZone) ? first : null);
  }
  return offset;
}

const two = (n: number) => String(n).padStart(2, '0');

/** The wall-clock date and time of `instant` in `timeZone`. */
export function localParts(instant: Date, timeZone: string): { date: LocalDate; time: string } {
  const t = instant.getTime();
  const year = instant.getUTCFullYear();
  const offset = Number.isFinite(t) && year > 1900 && year < 9000 ? quarterHourOffset(t, timeZone) : null;
  if (offset !== null) {
    const wall = new Date(t + offset);
    return {
      date: `${wall.getUTCFullYear()}-${two(wall.getUTCMonth() + 1)}-${two(wall.getUTCDate())}`,
      time: `${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}`,
    };
  }
  const key = `${timeZone}|${t}`;
  let hit = localPartsCache.get(key);
  if (!hit) hit = remember(localPartsCache, key, exactParts(instant, timeZone));
  return { date: hit.date, time: hit.time };
}

export function localDate(instant: Date, timeZone: string): LocalDate {
  return localParts(instant, timeZone).date;
}

export function isLocalDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function isLocalTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

/** Noon UTC of a calendar date, in epoch ms (NaN for a malformed date). */
function utcNoonMs(date: LocalDate): number {
  const hit = noonCache.get(date);
  return hit ?? remember(noonCache, date, new Date(`${date}T12:00:00Z`).getTime());
}

function utcNoon(date: LocalDate): Date {
  return new Date(utcNoonMs(date));
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const key = `${date}|${days}`;
  const hit = addDaysCache.get(key);
  if (hit !== undefined) return hit;
  const d = utcNoon(date);
  d.setUTCDate(d.getUTCDate() + days);
  return remember(addDaysCache, key, d.toISOString().slice(0, 10));
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const hit = weekdayCache.get(date);
  if (hit !== undefined) return hit;
  const w = utcNoon(date).getUTCDay();
  return remember(weekdayCache, date, w === 0 ? 7 : w);
}

export const weekdayNames = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** Whole calendar days from a to b (negative when b is before a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((utcNoonMs(b) - utcNoonMs(a)) / 86_400_000);
}

/**
 * The instant at which the wall clock in `timeZone` shows `time` on `date`. A time that does not
 * exist (skipped by a DST change) resolves to the same offset-shifted instant TZDate gives, which
 * is the first valid minute after the gap.
 */
export function zonedInstant(date: LocalDate, time: string, timeZone: string): Date {
  const key = `${date}|${time}|${timeZone}`;
  const hit = zonedCache.get(key);
  if (hit !== undefined) return new Date(hit);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(remember(zonedCache, key, new TZDate(y, m - 1, d, hh, mm, 0, 0, timeZone).getTime()));
}

export type Holidays = ReadonlySet<LocalDate>;
const noHolidays: Holidays = new Set();

/** Mon–Fri and not a declared day off. */
export function isBusinessDay(date: LocalDate, holidays: Holidays = noHolidays): boolean {
  return isoWeekday(date) <= 5 && !holidays.has(date);
}

/** Mon–Fri among the `n` days after `from` (n ≥ 0): five per whole week, then the rest one by one. */
function weekdaysAfter(from: LocalDate, n: number): number {
  const weekday = isoWeekday(from);
  let count = Math.floor(n / 7) * 5;
  for (let d = 1; d <= n % 7; d++) if (((weekday - 1 + d) % 7) + 1 <= 5) count++;
  return count;
}

/**
 * Business days after `from` up to and including `to`: from Friday to Monday is 1, from a day to
 * itself is 0, and a negative span is 0. Counted, not walked: the tick asks this for every POC.
 */
export function businessDaysBetween(from: LocalDate, to: LocalDate, holidays: Holidays = noHolidays): number {
  const span = daysBetween(from, to);
  if (!(span > 0)) return 0;
  let count = weekdaysAfter(from, span);
  for (const day of holidays) if (day > from && day <= to && isoWeekday(day) <= 5) count--;
  return count;
}

/** Business days from `start` to `end`, both included (0 when end is before start). */
export function businessDaysFromTo(start: LocalDate, end: LocalDate, holidays: Holidays = noHolidays): number {
  return businessDaysBetween(addDays(start, -1), end, holidays);
}

/** Every business day from start to end inclusive. */
export function businessDaysInRange(start: LocalDate, end: LocalDate, holidays: Holidays = noHolidays): LocalDate[] {
  const days: LocalDate[] = [];
  for (let day = start; day <= end; day = addDays(day, 1)) {
    if (isBusinessDay(day, holidays)) days.push(day);
  }
  return days;
}

/** The business day `n` business days after `date` (n ≥ 0; n = 0 gives the next business day on or after date). */
export function addBusinessDays(date: LocalDate, n: number, holidays: Holidays = noHolidays): LocalDate {
  let day = date;
  while (!isBusinessDay(day, holidays)) day = addDays(day, 1);
  let left = n;
  while (left > 0) {
    day = addDays(day, 1);
    if (isBusinessDay(day, holidays)) left--;
  }
  return day;
}

/** The business day `n` business days before `date` (n ≥ 1). */
export function subtractBusinessDays(date: LocalDate, n: number, holidays: Holidays = noHolidays): LocalDate {
  let day = date;
  let left = n;
  while (left > 0) {
    day = addDays(day, -1);
    if (isBusinessDay(day, holidays)) left--;
  }
  return day;
}

/** A Slack message timestamp ('1700000000.000100') as an instant. */
export function slackTsToDate(ts: string): Date {
  return new Date(Math.floor(Number.parseFloat(ts) * 1000));
}

export function dateToSlackTs(instant: Date, seq = 0): string {
  return `${Math.floor(instant.getTime() / 1000)}.${String(seq).padStart(6, '0')}`;
}

const dayFormat = new Intl.DateTimeFormat('en-US', {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const dayLabels = new Map<LocalDate, string>();

/** 'Fri Dec 4' for a calendar day, as people read dates in posts and DMs (formatted at UTC noon, so no zone shifts it). */
export function dayLabel(date: LocalDate): string {
  // Remembered: a tick labels the same few days in thousands of posts.
  return dayLabels.get(date) ?? remember(dayLabels, date, dayFormat.format(utcNoon(date)).replace(',', ''), 5000);
}
