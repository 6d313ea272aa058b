import { describe, expect, it } from 'vitest';
import { isBusinessDay, localParts, zonedInstant } from '../../src/domain/calendar.js';
import { dmTiming } from '../../src/domain/dm-hold.js';
import { nextWorkingMoment, suggestStandupTime, timeIn } from '../../src/domain/working-hours.js';

const berlin = 'Europe/Berlin';
const la = 'America/Los_Angeles';
const weekdays = (day: string) => isBusinessDay(day);

describe('nextWorkingMoment', () => {
  it('is now inside 09:00–17:00 of a working day, else 09:00 of the next one, on the recipient’s clock', () => {
    const inside = zonedInstant('2026-12-03', '10:15', berlin);
    expect(nextWorkingMoment(inside, berlin, weekdays)).toEqual(inside);
    expect(nextWorkingMoment(zonedInstant('2026-12-03', '03:00', berlin), berlin, weekdays)).toEqual(
      zonedInstant('2026-12-03', '09:00', berlin),
    );
    // 17:00 is after hours; Friday evening waits for Monday.
    expect(nextWorkingMoment(zonedInstant('2026-12-03', '17:00', berlin), berlin, weekdays)).toEqual(
      zonedInstant('2026-12-04', '09:00', berlin),
    );
    expect(nextWorkingMoment(zonedInstant('2026-12-04', '18:30', berlin), berlin, weekdays)).toEqual(
      zonedInstant('2026-12-07', '09:00', berlin),
    );
  });

  it('crosses a month end and a holiday', () => {
    const off = new Set(['2027-01-01']);
    const works = (d: string) => isBusinessDay(d, off);
    // Thu Dec 31, 2026 at 20:00 → Fri Jan 1 is off → Mon Jan 4.
    expect(nextWorkingMoment(zonedInstant('2026-12-31', '20:00', la), la, works)).toEqual(
      zonedInstant('2027-01-04', '09:00', la),
    );
  });

  it('keeps 09:00 local across a DST change (Europe falls back on Sun Oct 25, 2026)', () => {
    const fri = zonedInstant('2026-10-23', '18:00', berlin);
    const mon = nextWorkingMoment(fri, berlin, weekdays) as Date;
    expect(localParts(mon, berlin)).toEqual({ date: '2026-10-26', time: '09:00' });
    // CEST is UTC+2, CET UTC+1: 09:00 is 07:00Z on Friday's side, 08:00Z on Monday's.
    expect(mon.toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });

  it('gives up after three months without a working day', () => {
    expect(nextWorkingMoment(zonedInstant('2026-12-03', '18:00', berlin), berlin, () => false)).toBeUndefined();
  });
});

describe('dmTiming', () => {
  const recipient = {
    zone: berlin,
    holidays: new Set(['2026-12-25']),
    timeOff: [{ from: '2026-12-28', to: '2026-12-31' }],
  };

  it('sends inside their hours, and says why it waits otherwise', () => {
    expect(dmTiming(zonedInstant('2026-12-22', '11:00', berlin), recipient)).toEqual({ send: true });
    const late = dmTiming(zonedInstant('2026-12-22', '18:30', berlin), recipient);
    expect(late).toEqual({
      send: false,
      notBefore: zonedInstant('2026-12-23', '09:00', berlin),
      reason: `it is 18:30 for them (${berlin}), outside 09:00–17:00`,
    });
  });

  it('waits over their side’s holiday and their time off, to their first working morning back', () => {
    const christmas = dmTiming(zonedInstant('2026-12-25', '10:00', berlin), recipient);
    expect(christmas).toMatchObject({
      send: false,
      notBefore: zonedInstant('2027-01-01', '09:00', berlin),
      reason: 'Fri Dec 25 is not a working day on their side',
    });
    const away = dmTiming(zonedInstant('2026-12-29', '10:00', berlin), recipient);
    expect(away).toMatchObject({
      notBefore: zonedInstant('2027-01-01', '09:00', berlin),
      reason: 'they are away (through Thu Dec 31)',
    });
  });
});

describe('standup time across zones', () => {
  it('says the local time for the other zone, and whether it is inside 08:00–18:00', () => {
    expect(timeIn('2026-12-07', '09:30', la, berlin)).toEqual({
      localTime: '18:30',
      localDate: '2026-12-07',
      inside: false,
    });
    expect(timeIn('2026-12-07', '09:30', 'America/New_York', berlin)).toEqual({
      localTime: '15:30',
      localDate: '2026-12-07',
      inside: true,
    });
  });

  it('suggests the time nearest to the one asked that fits both, or none', () => {
    expect(suggestStandupTime('2026-12-07', '09:30', la, [la, berlin])).toBe('08:30');
    // Between the US (Mar 8) and Europe (Mar 29) moving their clocks, Los Angeles is 8 hours
    // behind Berlin, not 9: 09:30 there is 17:30 in Berlin, and fits as asked.
    expect(timeIn('2026-03-10', '09:30', la, berlin).localTime).toBe('17:30');
    expect(suggestStandupTime('2026-03-10', '09:30', la, [la, berlin])).toBe('09:30');
    expect(suggestStandupTime('2026-12-07', '09:30', la, [la, 'Asia/Tokyo', berlin])).toBeUndefined();
  });
});
