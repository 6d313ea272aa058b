// The public holidays the open POCs need, from the store: computed by the calendar package once
// per place and year (whichever process asks first) and read back after, so a tick over
// thousands of POCs never loads the package (its load and first answers cost more than the rest
// of the tick's planning). Stored answers belong to the package version and the rule that gave them.
import { createRequire } from 'node:module';
import type { Poc } from '../domain/poc.js';
import {
  type HolidayPlace,
  hasPublicHolidays,
  holidayRule,
  primePublicHolidays,
  publicHolidaysIn,
} from '../domain/public-holidays.js';
import { placeOf, sides, yearsOf } from '../domain/sides.js';
import type { Store } from '../store/index.js';
import type { StoredHolidayYear } from '../store/public-holidays.js';

/** What a stored year was computed by: the package's version and which of its days count. */
export const holidaySource = `date-holidays@${(createRequire(import.meta.url)('date-holidays/package.json') as { version: string }).version}/${holidayRule}`;

type PlacePoc = Pick<
  Poc,
  'vendorCountry' | 'vendorRegion' | 'customerCountry' | 'customerRegion' | 'startDate' | 'readoutDate'
>;

/** Makes sure this process has every place-year these POCs' calendars read, from the store or computed (and stored). */
export async function ensurePublicHolidays(store: Store, pocs: readonly PlacePoc[]): Promise<void> {
  const needed = new Map<string, { place: HolidayPlace; year: number }>();
  // Thousands of POCs share a few places and ranges of years: each range looked at once.
  const ranges = new Set<string>();
  for (const poc of pocs) {
    const [from, to] = yearsOf(poc);
    for (const side of sides) {
      const place = placeOf(poc, side);
      if (!place) continue;
      const range = `${place.country}|${place.region ?? ''}|${from}|${to}`;
      if (ranges.has(range)) continue;
      ranges.add(range);
      for (let year = from; year <= to; year++) {
        if (!hasPublicHolidays(place, year))
          needed.set(`${place.country}|${place.region ?? ''}|${year}`, { place, year });
      }
    }
  }
  if (needed.size === 0) return;
  for (const r of await store.publicHolidays.all(holidaySource))
    primePublicHolidays({ country: r.country, region: r.region }, r.year, r.days);
  const computed: StoredHolidayYear[] = [];
  for (const { place, year } of needed.values()) {
    if (hasPublicHolidays(place, year)) continue;
    computed.push({ country: place.country, region: place.region, year, days: [...publicHolidaysIn(place, year)] });
  }
  await store.publicHolidays.save(computed, holidaySource);
}
