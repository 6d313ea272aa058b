// The two companies of a POC and the days each of them works. The shared channel (standups,
// checkpoints, the silence count) follows the customer side's calendar; a DM follows its
// recipient's side. A side's days off are its public holidays (from the calendar of its country
// and region, see public-holidays.ts) plus the POC's own days off (`/poc holiday`, which the SE
// types for either company and so apply to both).
import type { Holidays, LocalDate } from './calendar.js';
import { customerTeam } from './team.js';
import type { Poc } from './poc.js';
import { type HolidayPlace, type PublicHoliday, publicHolidayDays, publicHolidaysBetween } from './public-holidays.js';

export const sides = ['vendor', 'customer'] as const;
export type Side = (typeof sides)[number];

export const sideLabels: Record<Side, string> = { vendor: 'Vendor', customer: 'Customer' };

export type PlacePoc = Pick<Poc, 'vendorCountry' | 'vendorRegion' | 'customerCountry' | 'customerRegion'>;
export type SidePoc = PlacePoc & Pick<Poc, 'startDate' | 'readoutDate'>;

/** Where a side's public holidays come from; null when no country is set (POCs from before countries were asked). */
export function placeOf(poc: PlacePoc, side: Side): HolidayPlace | null {
  const country = side === 'vendor' ? poc.vendorCountry : poc.customerCountry;
  if (!country) return null;
  return { country, region: (side === 'vendor' ? poc.vendorRegion : poc.customerRegion) || null };
}

/** The side a person is on: the customer's team (its evaluators among them) and procurement contact are the customer's; everyone else the vendor's. */
export function sideOf(
  poc: Pick<Poc, 'evaluatorId' | 'championId' | 'economicBuyerId' | 'procurementId'>,
  evaluatorIds: readonly string[],
  userId: string,
): Side {
  if (userId === poc.procurementId) return 'customer';
  return customerTeam(poc, evaluatorIds).some((m) => m.userId === userId) ? 'customer' : 'vendor';
}

/**
 * The years whose holidays a POC's calendar holds: from the year before its start to the year
 * after its readout, which covers every question the scheduler asks about it (the next business
 * day after a December end date, the last one before a January start).
 */
export function yearsOf(poc: Pick<Poc, 'startDate' | 'readoutDate'>): [number, number] {
  const from = Number(poc.startDate.slice(0, 4)) - 1;
  return [from, Math.max(from + 1, Number(poc.readoutDate.slice(0, 4)) + 1)];
}

const none: Holidays = new Set();

/** A side's days off: its public holidays and the POC's days off. */
export function sideHolidays(poc: SidePoc, side: Side, daysOff: Holidays): Holidays {
  const place = placeOf(poc, side);
  if (!place) return daysOff;
  const [from, to] = yearsOf(poc);
  const publicDays = publicHolidayDays(place, from, to);
  if (daysOff.size === 0) return publicDays;
  if (publicDays.size === 0) return daysOff;
  const all = new Set<LocalDate>(publicDays);
  for (const d of daysOff) all.add(d);
  return all;
}

/** Both sides' days off: the customer's for the shared channel, the vendor's for its people. */
export interface SideCalendars {
  customer: Holidays;
  vendor: Holidays;
}

export function sideCalendars(poc: SidePoc, daysOff: Holidays = none): SideCalendars {
  return { customer: sideHolidays(poc, 'customer', daysOff), vendor: sideHolidays(poc, 'vendor', daysOff) };
}

/** Days either side is off (for a start date both can begin on). */
export function eitherSideOff(calendars: SideCalendars): Holidays {
  if (calendars.vendor.size === 0) return calendars.customer;
  if (calendars.customer.size === 0) return calendars.vendor;
  return new Set([...calendars.customer, ...calendars.vendor]);
}

export interface SideHolidayList {
  side: Side;
  place: HolidayPlace | null;
  days: PublicHoliday[];
}

/** Each side's public holidays from the start date to the readout date (for `/poc status`). */
export function publicHolidaysInWindow(poc: PlacePoc & Pick<Poc, 'startDate' | 'readoutDate'>): SideHolidayList[] {
  return sides.map((side) => {
    const place = placeOf(poc, side);
    return { side, place, days: place ? publicHolidaysBetween(place, poc.startDate, poc.readoutDate) : [] };
  });
}
