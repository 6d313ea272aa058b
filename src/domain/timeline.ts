// Where a POC stands in its calendar on a given local day, counted in business days of its zone.
import { businessDaysFromTo, daysBetween, type Holidays, isBusinessDay, type LocalDate } from './calendar.js';
import type { Poc } from './poc.js';

export interface Timeline {
  /** Business days from start to end inclusive (M in "day N of M"). */
  totalBusinessDays: number;
  /** 1-based business day number of `today`, 0 before the start, total+1 after the end; undefined on a non-business day inside the range. */
  businessDay: number | undefined;
  /** Business days done so far, today included. */
  businessDaysElapsed: number;
  /** Calendar weeks: week N of M, counted from the start date. */
  week: number;
  weeks: number;
  /** Calendar days until the end date (negative after it). */
  daysLeft: number;
  /** Business days after today up to and including the end date. */
  businessDaysLeft: number;
}

export function timeline(poc: Pick<Poc, 'startDate' | 'endDate'>, today: LocalDate, holidays: Holidays): Timeline {
  const total = businessDaysFromTo(poc.startDate, poc.endDate, holidays);
  const elapsed =
    today < poc.startDate ? 0 : businessDaysFromTo(poc.startDate, today < poc.endDate ? today : poc.endDate, holidays);
  let businessDay: number | undefined;
  if (today < poc.startDate) businessDay = 0;
  else if (today > poc.endDate) businessDay = total + 1;
  else businessDay = isBusinessDay(today, holidays) ? elapsed : undefined;
  const weeks = Math.max(1, Math.ceil((daysBetween(poc.startDate, poc.endDate) + 1) / 7));
  const week = Math.min(weeks, Math.max(1, Math.floor(daysBetween(poc.startDate, today) / 7) + 1));
  return {
    totalBusinessDays: total,
    businessDay,
    businessDaysElapsed: elapsed,
    week,
    weeks,
    daysLeft: daysBetween(today, poc.endDate),
    businessDaysLeft: total - elapsed,
  };
}
