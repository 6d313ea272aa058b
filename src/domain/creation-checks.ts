// What `/poc new` (and `/poc edit`) warn about in a calendar both companies must keep: a date on
// either side's public holiday, and a standup time outside the lead evaluator's day. Warnings,
// not errors: the SE may know better (a readout both sides agreed to hold on a holiday).
import { dayLabel, type LocalDate } from './calendar.js';
import type { PocDraft } from './poc-draft.js';
import { placeLabel, publicHolidaysBetween } from './public-holidays.js';
import { placeOf, type PlacePoc, sideLabels, sides } from './sides.js';
import { standupHours, suggestStandupTime, timeIn } from './working-hours.js';

type CalendarDraft = PlacePoc & Pick<PocDraft, 'startDate' | 'endDate' | 'readoutDate' | 'standupTime' | 'timeZone'>;

/** The start, end or readout date on a public holiday of either side, one warning per date and side. */
export function holidayWarnings(d: CalendarDraft): string[] {
  const dates: Array<[string, LocalDate]> = [
    ['start date', d.startDate],
    ['end date', d.endDate],
    ['readout date', d.readoutDate],
  ];
  const out: string[] = [];
  for (const [what, date] of dates) {
    for (const side of sides) {
      const place = placeOf(d, side);
      const holiday = place ? publicHolidaysBetween(place, date, date)[0] : undefined;
      if (place && holiday) {
        out.push(
          `The ${what}, ${dayLabel(date)}, is a public holiday on the ${sideLabels[side].toLowerCase()}’s side (${placeLabel(place)}: ${holiday.name}).`,
        );
      }
    }
  }
  return out;
}

/**
 * The standup time against the lead evaluator's day (their Slack zone): a warning when it falls
 * outside 08:00–18:00 for them, with a time that fits both them and the POC's zone when there is one.
 */
export function standupWarning(
  d: Pick<CalendarDraft, 'startDate' | 'standupTime' | 'timeZone'>,
  leadZone: string | undefined,
): string | undefined {
  if (!leadZone || leadZone === d.timeZone) return undefined;
  const there = timeIn(d.startDate, d.standupTime, d.timeZone, leadZone);
  if (there.inside) return undefined;
  const head = `The daily standup at ${d.standupTime} (${d.timeZone}) is ${there.localTime} for the lead evaluator (${leadZone}), outside ${standupHours.start}–${standupHours.end} of their day.`;
  const fits = suggestStandupTime(d.startDate, d.standupTime, d.timeZone, [d.timeZone, leadZone]);
  if (!fits)
    return `${head} No time fits both zones within ${standupHours.start}–${standupHours.end}; consider a standup on their morning.`;
  return `${head} ${fits} fits both (${timeIn(d.startDate, fits, d.timeZone, leadZone).localTime} for them): change it with \`/poc edit\`.`;
}
