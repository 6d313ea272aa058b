import { describe, expect, it } from 'vitest';
import { timeline } from '../../src/domain/timeline.js';

const poc = { startDate: '2026-11-23', endDate: '2026-12-04' }; // Mon to Fri, two weeks

describe('timeline', () => {
  it('counts day N of M in business days and week N of M', () => {
    const t = timeline(poc, '2026-11-25', new Set());
    expect(t).toMatchObject({ totalBusinessDays: 10, businessDay: 3, week: 1, weeks: 2, daysLeft: 9, businessDaysLeft: 7 });
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
