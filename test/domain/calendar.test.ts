import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addDays,
  businessDaysBetween,
  businessDaysInRange,
  daysBetween,
  isBusinessDay,
  isLocalDate,
  isLocalTime,
  isValidTimeZone,
  isoWeekday,
  localDate,
  localParts,
  slackTsToDate,
  subtractBusinessDays,
  zonedInstant,
} from '../../src/domain/calendar.js';

describe('local dates in a zone', () => {
  it('gives the calendar day of the zone, not of UTC', () => {
    const instant = new Date('2026-11-24T02:30:00Z');
    expect(localDate(instant, 'America/Los_Angeles')).toBe('2026-11-23');
    expect(localDate(instant, 'Asia/Kolkata')).toBe('2026-11-24');
    expect(localParts(instant, 'Asia/Kolkata').time).toBe('08:00');
    expect(localDate(new Date('2026-11-23T11:30:00Z'), 'Pacific/Auckland')).toBe('2026-11-24');
  });

  it('finds the instant of a local wall time on both sides of UTC', () => {
    expect(zonedInstant('2026-11-24', '09:30', 'America/Los_Angeles').toISOString()).toBe('2026-11-24T17:30:00.000Z');
    expect(zonedInstant('2026-11-24', '09:30', 'Asia/Kolkata').toISOString()).toBe('2026-11-24T04:00:00.000Z');
    expect(zonedInstant('2026-11-24', '09:30', 'Pacific/Auckland').toISOString()).toBe('2026-11-23T20:30:00.000Z');
  });

  it('follows DST: the same local time moves by an hour in UTC across the change', () => {
    // US DST ended 2026-11-01.
    expect(zonedInstant('2026-10-30', '09:00', 'America/New_York').toISOString()).toBe('2026-10-30T13:00:00.000Z');
    expect(zonedInstant('2026-11-02', '09:00', 'America/New_York').toISOString()).toBe('2026-11-02T14:00:00.000Z');
    // New Zealand DST started 2026-09-27 (02:00 → 03:00).
    expect(zonedInstant('2026-09-25', '09:00', 'Pacific/Auckland').toISOString()).toBe('2026-09-24T21:00:00.000Z');
    expect(zonedInstant('2026-09-28', '09:00', 'Pacific/Auckland').toISOString()).toBe('2026-09-27T20:00:00.000Z');
  });

  it('resolves a wall time skipped by DST to a real instant after the gap', () => {
    const instant = zonedInstant('2026-03-08', '02:30', 'America/New_York');
    expect(localParts(instant, 'America/New_York').time).toBe('03:30');
  });

  it('validates zones, dates and times', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalTime('23:59')).toBe(true);
    expect(isLocalTime('24:00')).toBe(false);
    expect(isLocalTime('9:30')).toBe(false);
  });
});

describe('calendar arithmetic', () => {
  it('crosses month and year ends', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-23', '2026-12-04')).toBe(11);
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-29')).toBe(7);
  });

  it('counts Friday to Monday as one business day of silence, not three', () => {
    expect(businessDaysBetween('2026-11-27', '2026-11-30')).toBe(1);
    expect(businessDaysBetween('2026-11-27', '2026-11-27')).toBe(0);
    expect(businessDaysBetween('2026-11-30', '2026-11-27')).toBe(0);
    expect(businessDaysBetween('2026-11-23', '2026-12-04')).toBe(9);
  });

  it('skips declared days off', () => {
    const holidays = new Set(['2026-11-26', '2026-11-27']);
    expect(isBusinessDay('2026-11-26', holidays)).toBe(false);
    expect(businessDaysBetween('2026-11-25', '2026-11-30', holidays)).toBe(1);
    expect(businessDaysInRange('2026-11-23', '2026-11-29', holidays)).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
    ]);
    expect(addBusinessDays('2026-11-25', 1, holidays)).toBe('2026-11-30');
    expect(subtractBusinessDays('2026-11-30', 2, holidays)).toBe('2026-11-24');
  });

  it('adds business days from a weekend by starting on the next business day', () => {
    expect(addBusinessDays('2026-11-28', 0)).toBe('2026-11-30');
    expect(addBusinessDays('2026-11-27', 2)).toBe('2026-12-01');
  });

  it('reads Slack timestamps as instants', () => {
    expect(slackTsToDate('1764000000.000200').toISOString()).toBe('2025-11-24T16:00:00.000Z');
  });
});
