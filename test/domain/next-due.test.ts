import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../src/domain/calendar.js';
import { type NextDuePoc, nextDueAt } from '../../src/domain/next-due.js';

const ny = 'America/New_York';
// Mon Nov 23 → Fri Dec 4 2026, readout Mon Dec 7 (readout-day DMs from midnight, Nov 23 … Dec 7).
const poc: NextDuePoc = {
  timeZone: ny,
  standupTime: '09:30',
  startDate: '2026-11-23',
  endDate: '2026-12-04',
  readoutDate: '2026-12-07',
  pausedUntil: null,
};
const iso = (d: Date) => d.toISOString();
const at = (date: string, time: string, zone = ny) => zonedInstant(date, time, zone);

describe('nextDueAt', () => {
  it('is today’s standup time until it comes, then the next day’s', () => {
    const later = { ...poc, readoutDate: '2027-01-29' }; // no readout window near
    expect(iso(nextDueAt(later, at('2026-11-25', '08:00')))).toBe(iso(at('2026-11-25', '09:30')));
    expect(iso(nextDueAt(later, at('2026-11-25', '09:30')))).toBe(iso(at('2026-11-26', '09:30')));
    expect(iso(nextDueAt(later, at('2026-11-25', '23:59')))).toBe(iso(at('2026-11-26', '09:30')));
  });

  it('wakes at midnight when a day starts with something: the start date, the day after the end, a pause over, the readout window', () => {
    const far = { ...poc, readoutDate: '2027-01-29' };
    expect(iso(nextDueAt({ ...far, startDate: '2026-11-26' }, at('2026-11-25', '12:00')))).toBe(
      iso(at('2026-11-26', '00:00')),
    );
    expect(iso(nextDueAt({ ...far, endDate: '2026-11-25' }, at('2026-11-25', '12:00')))).toBe(
      iso(at('2026-11-26', '00:00')),
    );
    expect(iso(nextDueAt({ ...far, pausedUntil: '2026-11-25' }, at('2026-11-25', '12:00')))).toBe(
      iso(at('2026-11-26', '00:00')),
    );
    expect(iso(nextDueAt(poc, at('2026-12-03', '12:00')))).toBe(iso(at('2026-12-04', '00:00')));
  });

  it('follows the zone across the DST change: 09:30 is 14:30 UTC before and 13:30 UTC after in spring', () => {
    const spring = { ...poc, startDate: '2027-03-01', endDate: '2027-03-31', readoutDate: '2027-04-30' };
    expect(iso(nextDueAt(spring, new Date('2027-03-12T15:00:00Z')))).toBe('2027-03-13T14:30:00.000Z'); // Sat, EST
    expect(iso(nextDueAt(spring, new Date('2027-03-13T15:00:00Z')))).toBe('2027-03-14T13:30:00.000Z'); // Sun Mar 14: EDT
  });

  it('is always after now: a POC planned is never due again at once unless its facts change', () => {
    const zones = ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kolkata', ny];
    for (const timeZone of zones) {
      for (let h = 0; h < 48; h++) {
        const now = new Date(Date.parse('2026-12-03T00:00:00Z') + h * 3_600_000 + 17 * 60_000);
        expect(nextDueAt({ ...poc, timeZone }, now).getTime()).toBeGreaterThan(now.getTime());
      }
    }
  });
});
