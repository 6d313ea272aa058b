import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, businessDaysBetween, businessDaysInRange } from '../../src/domain/calendar.js';
import { timeline } from '../../src/domain/timeline.js';

const poc = { startDate: '2026-11-23', endDate: '2026-12-04' }; // Mon to Fri, two weeks

describe('timeline', () => {
  it('counts day N of M in business days and week N of M', () => {
    const t = timeline(poc, '2026-11-25', new Set());
    expect(t).toMatchObject({
      totalBusinessDays: 10,
      businessDay: 3,
      week: 1,
      weeks: 2,
      daysLeft: 9,
      businessDaysLeft: 7,
    });
    expect(timeline(poc, '2026-12-01', new Set())).toMatchObject({ businessDay: 7, week: 2 });
  });

  it('has no business day number on a weekend or a day off inside the range', () => {
    expect(timeline(poc, '2026-11-28', new Set()).businessDay).toBeUndefined();
    const withHoliday = timeline(poc, '2026-11-26', new Set(['2026-11-26']));
    expect(withHoliday.businessDay).toBeUndefined();
    expect(withHoliday.totalBusinessDays).toBe(9);
  });

  it('is 0 before the start and M+1 after the end, with negative days left', () => {
    expect(timeline(poc, '2026-11-20', new Set()).businessDay).toBe(0);
    const after = timeline(poc, '2026-12-08', new Set());
    expect(after.businessDay).toBe(11);
    expect(after.daysLeft).toBe(-4);
    expect(after.week).toBe(2);
  });
});

describe('business-day counts, counted rather than walked', () => {
  // The walk the counts replaced: every day from start to end, one by one.
  const walk = (start: string, end: string, holidays: ReadonlySet<string>) => businessDaysInRange(start, end, holidays);
  const day = fc.integer({ min: 0, max: 800 }).map((n) => addDays('2025-12-01', n));
  const daysOff = fc.uniqueArray(day, { maxLength: 12 }).map((d) => new Set(d));

  it('businessDaysBetween gives what walking the days gives, days off and weekends included', () => {
    fc.assert(
      fc.property(day, day, daysOff, (from, to, holidays) => {
        expect(businessDaysBetween(from, to, holidays)).toBe(
          from < to ? walk(addDays(from, 1), to, holidays).length : 0,
        );
      }),
      { numRuns: 500 },
    );
  });

  it('timeline gives what counting the walked days gives, on any day before, inside or after the range', () => {
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: -30, max: 150 }),
        daysOff,
        (startDate, length, offset, holidays) => {
          const endDate = addDays(startDate, length);
          const today = addDays(startDate, offset);
          const days = walk(startDate, endDate, holidays);
          const elapsed = days.filter((d) => d <= today).length;
          expect(timeline({ startDate, endDate }, today, holidays)).toMatchObject({
            totalBusinessDays: days.length,
            businessDaysElapsed: elapsed,
            businessDaysLeft: days.filter((d) => d > today).length,
            businessDay:
              today < startDate ? 0 : today > endDate ? days.length + 1 : days.includes(today) ? elapsed : undefined,
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
