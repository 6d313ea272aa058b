// A POC's two calendars as they stand in the store: each side's public holidays (from the POC's
// countries) with the POC's own days off (`/poc holiday`). Everything the shared channel does
// reads `customer`; a DM reads its recipient's side.
import type { Holidays } from '../domain/calendar.js';
import type { Poc } from '../domain/poc.js';
import { type SideCalendars, sideCalendars } from '../domain/sides.js';
import type { Store } from '../store/index.js';
import { ensurePublicHolidays } from './holiday-calendar.js';

/** `daysOff`: the POC's own days off when the caller read them with it (store: pocs.byIdWithDaysOff). */
export async function pocCalendars(store: Store, poc: Poc, daysOff?: Holidays): Promise<SideCalendars> {
  await ensurePublicHolidays(store, [poc]);
  return sideCalendars(poc, daysOff ?? (await store.holidays.forPoc(poc.id)));
}
