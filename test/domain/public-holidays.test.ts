import { describe, expect, it } from 'vitest';
import { businessDaysBetween, isBusinessDay } from '../../src/domain/calendar.js';
import {
  countryOfZone,
  placeLabel,
  publicHolidayDays,
  publicHolidaysBetween,
  publicHolidaysIn,
  regionNames,
} from '../../src/domain/public-holidays.js';
import { eitherSideOff, sideCalendars, sideHolidays, sideOf } from '../../src/domain/sides.js';
import { pocRow } from '../../testkit/fixtures.js';

const us = { country: 'US', region: null };
const de = { country: 'DE', region: null };

describe('public holidays from the maintained calendar', () => {
  it('keeps public holidays only: Thanksgiving and Christmas, not the day after Thanksgiving (an observance) nor Christmas Eve (optional)', () => {
    const days = publicHolidaysBetween(us, '2026-11-01', '2026-12-31').map((h) => h.date);
    expect(days).toEqual(['2026-11-11', '2026-11-26', '2026-12-25']);
    // Germany: Christmas Eve and New Year's Eve are bank half days, not public holidays.
    expect(publicHolidaysBetween(de, '2026-12-20', '2027-01-02').map((h) => h.date)).toEqual([
      '2026-12-25',
      '2026-12-26',
      '2027-01-01',
    ]);
  });

  it('counts a substitute day: a US holiday on a Saturday is off on the Friday before', () => {
    // Jul 4, 2026 is a Saturday: observed Friday Jul 3.
    const july = publicHolidaysIn(us, 2026).filter((h) => h.date.startsWith('2026-07'));
    expect(july.map((h) => h.date)).toEqual(['2026-07-03', '2026-07-04']);
    expect(isBusinessDay('2026-07-03', publicHolidayDays(us, 2026, 2026))).toBe(false);
  });

  it('counts a substitute the calendar types as a bank day, as Ireland’s Monday 28 December 2026; not other bank days', () => {
    const ie = { country: 'IE', region: null };
    // St Stephen's Day is Saturday 26 December 2026: Irish offices close on Monday the 28th.
    const days = publicHolidaysBetween(ie, '2026-12-20', '2027-01-05').map((h) => h.date);
    expect(days).toEqual(['2026-12-25', '2026-12-26', '2026-12-28', '2027-01-01']);
    expect(isBusinessDay('2026-12-28', publicHolidayDays(ie, 2026, 2026))).toBe(false);
    expect(businessDaysBetween('2026-12-24', '2026-12-29', publicHolidayDays(ie, 2026, 2026))).toBe(1);
    // St Patrick's Day on Sunday 17 March 2024, off on the Monday; the day itself stays counted
    // (asked with bank days, the calendar gives it as one).
    expect(publicHolidaysBetween(ie, '2024-03-17', '2024-03-18').map((h) => h.date)).toEqual([
      '2024-03-17',
      '2024-03-18',
    ]);
    // Good Friday is a bank day in Ireland with no holiday behind it: people work.
    expect(publicHolidaysBetween(ie, '2026-04-03', '2026-04-03')).toEqual([]);
  });

  it('adds a state’s own holidays: Bavaria has Epiphany, Germany as a whole does not', () => {
    expect(regionNames('DE').get('BY')).toBeDefined();
    const by = { country: 'DE', region: 'BY' };
    expect(publicHolidaysBetween(by, '2026-01-06', '2026-01-06')).toHaveLength(1);
    expect(publicHolidaysBetween(de, '2026-01-06', '2026-01-06')).toHaveLength(0);
    expect(placeLabel(by)).toMatch(/^Germany \(Ba/);
  });

  it('takes a day off a working week only from a holiday that starts in the morning (a half day does not)', () => {
    // China: Women's Day (Mar 8) is a half day from noon, in the calendar as 'public'.
    const cn = publicHolidaysBetween({ country: 'CN', region: null }, '2026-03-01', '2026-03-31').map((h) => h.date);
    expect(cn).not.toContain('2026-03-08');
  });

  it('maps a Slack time zone to its country, through the calendar’s own zone lists', () => {
    expect(countryOfZone('Europe/Berlin')).toBe('DE');
    expect(countryOfZone('America/New_York')).toBe('US');
    expect(countryOfZone('America/Los_Angeles')).toBe('US');
    // A zone shared by several countries goes to the one the tz database files it under.
    expect(countryOfZone('Europe/Helsinki')).toBe('FI');
    expect(countryOfZone('Europe/Zurich')).toBe('CH');
    expect(countryOfZone('UTC')).toBeUndefined();
    expect(countryOfZone(undefined)).toBeUndefined();
  });
});

describe('sides', () => {
  const poc = pocRow({
    vendorCountry: 'US',
    customerCountry: 'DE',
    startDate: '2026-12-14',
    endDate: '2026-12-31',
    readoutDate: '2027-01-04',
  });

  it('gives each side its own days off, with the POC’s own days off for both', () => {
    const { customer, vendor } = sideCalendars(poc, new Set(['2026-12-28']));
    expect(customer.has('2026-12-26')).toBe(true); // Germany's second day of Christmas
    expect(vendor.has('2026-12-26')).toBe(false);
    expect(customer.has('2026-12-28') && vendor.has('2026-12-28')).toBe(true);
    // Across the new year: Jan 1, 2027 on both sides.
    expect(customer.has('2027-01-01') && vendor.has('2027-01-01')).toBe(true);
    expect(eitherSideOff({ customer, vendor }).has('2026-11-26')).toBe(true);
  });

  it('counts business days of the customer side across a month end and the holidays', () => {
    // Mon Dec 21 → Mon Jan 4: Dec 22, 23, 24, 28, 29, 30, 31, Jan 4 (not Dec 25 or Jan 1).
    expect(businessDaysBetween('2026-12-21', '2027-01-04', sideHolidays(poc, 'customer', new Set()))).toBe(8);
  });

  it('has no public holidays for a POC without countries (those created before they were asked)', () => {
    const old = pocRow();
    expect(sideHolidays(old, 'customer', new Set()).size).toBe(0);
    expect(sideHolidays(old, 'vendor', new Set(['2026-11-26'])).has('2026-11-26')).toBe(true);
  });

  it('puts the customer team (its other evaluators too) and procurement on the customer side, everyone else on the vendor side', () => {
    const team = ['U0TESTER'];
    expect(sideOf(poc, team, poc.evaluatorId)).toBe('customer');
    expect(sideOf(poc, team, 'U0TESTER')).toBe('customer');
    expect(sideOf(poc, [], 'U0TESTER')).toBe('vendor');
    expect(sideOf(poc, team, poc.championId as string)).toBe('customer');
    expect(sideOf(poc, team, poc.procurementId as string)).toBe('customer');
    expect(sideOf(poc, team, poc.seId)).toBe('vendor');
    expect(sideOf(poc, team, poc.aeId)).toBe('vendor');
  });
});
