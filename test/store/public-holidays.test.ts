// The public holidays a tick reads come from the store once computed: the calendar package is
// asked once per place and year, by whichever process needs it first.
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { sideHolidays } from '../../src/domain/sides.js';
import { ensurePublicHolidays, holidaySource } from '../../src/services/holiday-calendar.js';
import { type OpenDatabase, openDatabase } from '../../src/store/db.js';
import { createStore } from '../../src/store/index.js';
import { pocRow } from '../../testkit/fixtures.js';

let open: OpenDatabase | undefined;
afterEach(() => open?.close());

describe('stored public holidays', () => {
  it('computes each place-year a POC needs once and stores it', async () => {
    open = openDatabase(':memory:');
    const store = createStore(open.db);
    const poc = pocRow({
      vendorCountry: 'NL',
      customerCountry: 'AT',
      customerRegion: '9',
      startDate: '2026-12-14',
      endDate: '2026-12-31',
      readoutDate: '2027-01-04',
    });
    await ensurePublicHolidays(store, [poc]);
    const rows = open.sqlite
      .prepare('select country, region, year, source from public_holiday_years order by country, year')
      .all() as Array<{ country: string; region: string; year: number; source: string }>;
    // The year before the start to the year after the readout, for each side.
    expect(rows.map((r) => `${r.country}${r.region ? `-${r.region}` : ''} ${r.year}`)).toEqual([
      'AT-9 2025',
      'AT-9 2026',
      'AT-9 2027',
      'AT-9 2028',
      'NL 2025',
      'NL 2026',
      'NL 2027',
      'NL 2028',
    ]);
    expect(rows.every((r) => r.source.startsWith('date-holidays@'))).toBe(true);
    expect(sideHolidays(poc, 'customer', new Set()).has('2026-12-26')).toBe(true);
  });

  it('reads a stored year instead of asking the package again, and drops rows another version computed', async () => {
    open = openDatabase(':memory:');
    const store = createStore(open.db);
    // A year stored by this package version and rule is taken as it is (the package would not say Mar 3, 2032).
    for (const year of [2031, 2032, 2033]) {
      const days = year === 2032 ? '[{"date":"2032-03-03","name":"Stored"}]' : '[]';
      open.sqlite
        .prepare('insert into public_holiday_years (country, region, year, days, source) values (?, ?, ?, ?, ?)')
        .run('FI', '', year, days, holidaySource);
    }
    const stored = pocRow({
      vendorCountry: 'FI',
      customerCountry: null,
      startDate: '2032-03-01',
      endDate: '2032-03-12',
      readoutDate: '2032-03-15',
    });
    await ensurePublicHolidays(store, [stored]);
    expect(sideHolidays(stored, 'vendor', new Set()).has('2032-03-03')).toBe(true);
    // A year stored by an older package version is dropped, not read.
    open.sqlite
      .prepare(
        'insert into public_holiday_years (country, region, year, days, source) values (\'SE\', \'\', 2031, \'[{"date":"2031-03-03","name":"Old"}]\', \'date-holidays@0.0.1\')',
      )
      .run();
    const poc = pocRow({
      vendorCountry: 'SE',
      customerCountry: null,
      startDate: '2031-03-03',
      endDate: '2031-03-14',
      readoutDate: '2031-03-17',
    });
    await ensurePublicHolidays(store, [poc]);
    expect(sideHolidays(poc, 'vendor', new Set()).has('2031-03-03')).toBe(false);
    const versions = open.sqlite
      .prepare("select distinct source from public_holiday_years where country = 'SE'")
      .all() as Array<{ source: string }>;
    expect(versions.map((v) => v.source)).not.toContain('date-holidays@0.0.1');
  });

  it('computes a year again that this package version stored under the earlier rule (no substitute typed bank)', async () => {
    open = openDatabase(':memory:');
    const store = createStore(open.db);
    const version = (createRequire(import.meta.url)('date-holidays/package.json') as { version: string }).version;
    // What a process before the rule stored for Ireland's 2026: Christmas and St Stephen's Day,
    // not Monday 28 December, the day St Stephen's Day (a Saturday) is off.
    const before = [
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-26', name: 'St. Stephen’s Day' },
    ];
    const insert = open.sqlite.prepare(
      'insert into public_holiday_years (country, region, year, days, source) values (?, ?, ?, ?, ?)',
    );
    for (const year of [2025, 2026, 2027])
      insert.run('IE', '', year, JSON.stringify(year === 2026 ? before : []), `date-holidays@${version}`);
    const poc = pocRow({
      vendorCountry: 'US',
      customerCountry: 'IE',
      startDate: '2026-12-14',
      endDate: '2026-12-31',
      readoutDate: '2027-01-04',
    });
    await ensurePublicHolidays(store, [poc]);
    expect(sideHolidays(poc, 'customer', new Set()).has('2026-12-28')).toBe(true);
    const sources = open.sqlite
      .prepare("select distinct source from public_holiday_years where country = 'IE'")
      .all() as Array<{ source: string }>;
    expect(sources.map((r) => r.source)).toEqual([holidaySource]);
  });
});
