// Each side's public holidays, from the maintained calendar of the `date-holidays` package: by
// country, optionally by state or region (ISO 3166 codes: 'US', 'US'+'NY', 'DE'+'BY').
//
// Which days count: holidays of type 'public' only (the days offices close), not observances,
// optional, school or bank-only days (Christmas Eve is 'bank' in Germany, 'optional' in the US:
// people work). Substitute days count: a US holiday on a Saturday is observed on the Friday, and
// that Friday is the day off people actually get. The calendar types some substitutes 'bank'
// although the day they stand in for is public: Ireland's St Stephen's Day on Saturday 26 Dec
// 2026 is off on Monday 28 Dec, St Patrick's Day on a Sunday on the Monday (as are Bermuda's
// Christmas days and the US Veterans Day when on a weekend). Those count too; a bank day that is
// no substitute still does not. A holiday that starts in the afternoon (a half day) does not take
// its first day out of the working week.
//
// Pure and deterministic: the same place and years always give the same days. The answers are
// cached per place and year, so a tick over thousands of POCs asks the package a few times only.
import { createRequire } from 'node:module';
import type HolidaysClass from 'date-holidays';
import { addDays, type Holidays, type LocalDate } from './calendar.js';

/** Where a side's public holidays come from. */
export interface HolidayPlace {
  /** ISO 3166-1 alpha-2, e.g. 'US'. */
  country: string;
  /** The state or region code within the country (ISO 3166-2 without the country), e.g. 'NY'; null for the whole country. */
  region: string | null;
}

export interface PublicHoliday {
  date: LocalDate;
  name: string;
}

type HolidaysCtor = typeof HolidaysClass;
let ctor: HolidaysCtor | undefined;
/** Loaded on first use (about 170 ms): code that never asks about a holiday never pays for it. */
function lib(): HolidaysCtor {
  ctor ??= createRequire(import.meta.url)('date-holidays') as HolidaysCtor;
  return ctor;
}

let countries: ReadonlyMap<string, string> | undefined;
const displayNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** A country's English name (the runtime's own names: no need to load the calendar for a label). */
export function countryName(code: string): string {
  try {
    return displayNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Every country the calendar knows, code → English name, by name. */
export function countryNames(): ReadonlyMap<string, string> {
  countries ??= new Map(
    Object.entries(new (lib())().getCountries('en'))
      .map(([code, name]): [string, string] => [code, displayNames.of(code) ?? name])
      .sort((a, b) => a[1].localeCompare(b[1], 'en')),
  );
  return countries;
}

export function isCountry(code: string): boolean {
  return countryNames().has(code);
}

const regionsCache = new Map<string, ReadonlyMap<string, string>>();

/** The states or regions of a country that have holidays of their own, code → name (empty when none). */
export function regionNames(country: string): ReadonlyMap<string, string> {
  let hit = regionsCache.get(country);
  if (!hit) {
    hit = isCountry(country)
      ? new Map(Object.entries(new (lib())().getStates(country, 'en') ?? {}))
      : new Map<string, string>();
    regionsCache.set(country, hit);
  }
  return hit;
}

/** 'Germany', 'Germany (Bayern)', or the code itself when unknown. */
export function placeLabel(place: HolidayPlace): string {
  const country = countryName(place.country);
  if (!place.region) return country;
  return `${country} (${regionNames(place.country).get(place.region) ?? place.region})`;
}

// Zones the IANA database shares between countries: the calendar lists them under each, and the
// tz database's zone.tab files each under one. That one is the default (Europe/Helsinki is Finland,
// not Åland); anyone elsewhere picks their country in the form.
const sharedZones: Readonly<Record<string, string>> = {
  'America/Port_of_Spain': 'TT',
  'Africa/Lagos': 'NG',
  'America/Curacao': 'CW',
  'Europe/Helsinki': 'FI',
  'Europe/Belgrade': 'RS',
  'Africa/Abidjan': 'CI',
  'Africa/Maputo': 'MZ',
  'Europe/Zurich': 'CH',
  'Africa/Nairobi': 'KE',
  'Atlantic/Canary': 'ES',
  'Europe/Rome': 'IT',
  'America/Panama': 'PA',
  'Africa/Johannesburg': 'ZA',
  'Europe/Oslo': 'NO',
  'Asia/Bangkok': 'TH',
};

let zoneCountries: ReadonlyMap<string, string> | undefined;

/**
 * The country of an IANA zone, from the calendar's own zone lists (Europe/Berlin → DE,
 * America/New_York → US); undefined for UTC and zones no country claims.
 */
export function countryOfZone(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  if (!zoneCountries) {
    const map = new Map<string, string>();
    const H = lib();
    for (const code of countryNames().keys()) {
      for (const z of new H(code).getTimezones() ?? []) if (!map.has(z)) map.set(z, code);
    }
    for (const [z, code] of Object.entries(sharedZones)) map.set(z, code);
    zoneCountries = map;
  }
  return zoneCountries.get(zone);
}

/**
 * Which rule above gave a list: stored lists are kept per calendar version and this (see
 * services/holiday-calendar.ts), so a list stored under an earlier rule is computed again.
 */
export const holidayRule = 'public+bank-substitutes';

const yearCache = new Map<string, readonly PublicHoliday[]>();
const yearKey = (place: HolidayPlace, year: number) => `${place.country}|${place.region ?? ''}|${year}`;

/**
 * Gives the cache a place's year computed earlier (by this process or another, and stored): the
 * tick then never loads the calendar package, which costs more than the rest of a tick's planning.
 */
export function primePublicHolidays(place: HolidayPlace, year: number, list: readonly PublicHoliday[]): void {
  yearCache.set(yearKey(place, year), list);
}

/** Whether this process already has the place's year (computed or primed). */
export function hasPublicHolidays(place: HolidayPlace, year: number): boolean {
  return yearCache.has(yearKey(place, year));
}

/** The public holidays of a place in one year, in date order (each day once). */
export function publicHolidaysIn(place: HolidayPlace, year: number): readonly PublicHoliday[] {
  const key = yearKey(place, year);
  const hit = yearCache.get(key);
  if (hit) return hit;
  const out = new Map<LocalDate, string>();
  if (isCountry(place.country)) {
    const H = lib();
    // Two asks: with 'bank' among the types, the calendar gives some public days as 'bank' (Ireland's
    // St Patrick's Day), so the public days come from an ask for them alone.
    const calendar = (types: Array<'public' | 'bank'>) =>
      place.region ? new H(place.country, place.region, { types }) : new H(place.country, { types });
    const counted = [
      ...calendar(['public'])
        .getHolidays(year, 'en')
        .filter((h) => h.type === 'public'),
      ...calendar(['bank'])
        .getHolidays(year, 'en')
        .filter((h) => h.type === 'bank' && h.substitute === true),
    ];
    for (const h of counted) {
      // 'YYYY-MM-DD hh:mm:ss' in the place's own zone; `end` is exclusive.
      const first = h.date.slice(0, 10);
      const halfDay = h.date.slice(11) !== '00:00:00';
      const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / 86_400_000));
      for (let i = halfDay ? 1 : 0; i < days; i++) {
        const day = addDays(first, i);
        if (!out.has(day)) out.set(day, h.name);
      }
    }
  }
  const list = [...out].map(([date, name]) => ({ date, name })).sort((a, b) => (a.date < b.date ? -1 : 1));
  yearCache.set(key, list);
  return list;
}

/** The public holidays of a place from `from` to `to`, both included. */
export function publicHolidaysBetween(place: HolidayPlace, from: LocalDate, to: LocalDate): PublicHoliday[] {
  const out: PublicHoliday[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    for (const h of publicHolidaysIn(place, y)) if (h.date >= from && h.date <= to) out.push(h);
  }
  return out;
}

const setCache = new Map<string, Holidays>();

/** The public holidays of a place over whole years, as the set the business-day maths reads. Shared: never changed. */
export function publicHolidayDays(place: HolidayPlace, fromYear: number, toYear: number): Holidays {
  const key = `${place.country}|${place.region ?? ''}|${fromYear}|${toYear}`;
  let hit = setCache.get(key);
  if (!hit) {
    const days = new Set<LocalDate>();
    for (let y = fromYear; y <= toYear; y++) for (const h of publicHolidaysIn(place, y)) days.add(h.date);
    hit = days;
    setCache.set(key, hit);
  }
  return hit;
}
