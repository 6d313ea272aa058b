import { describe, expect, it } from 'vitest';
import type { Poc } from '../../src/domain/poc.js';
import { addDays } from '../../src/domain/calendar.js';
import { checkpointHeldOn, isCheckpointDay, nextCheckpoint, nextStandup } from '../../src/domain/schedule-dates.js';
import { dueFor } from '../../src/jobs/planner.js';
import { pocRow } from '../../testkit/fixtures.js';
import type { NewPoc } from '../../src/store/pocs.js';

const poc = {
  stage: 'active' as const,
  startDate: '2026-11-23',
  endDate: '2026-12-04',
  standupTime: '09:30',
  checkpointWeekday: 5,
  timeZone: 'America/New_York',
  pausedUntil: null,
  jobsHaltedReason: null,
};
const none = new Set<string>();

describe('nextStandup', () => {
  it('is today at the standup time when that is still ahead, else the next business day', () => {
    expect(nextStandup(poc, new Date('2026-11-23T14:00:00Z'), none)?.toISOString()).toBe('2026-11-23T14:30:00.000Z');
    expect(nextStandup(poc, new Date('2026-11-23T15:00:00Z'), none)?.toISOString()).toBe('2026-11-24T14:30:00.000Z');
    // Friday after the standup → Monday.
    expect(nextStandup(poc, new Date('2026-11-27T16:00:00Z'), none)?.toISOString()).toBe('2026-11-30T14:30:00.000Z');
  });

  it('skips holidays and pauses, waits for the start, and stops after the end or outside running stages', () => {
    expect(nextStandup(poc, new Date('2026-11-23T15:00:00Z'), new Set(['2026-11-24']))?.toISOString()).toBe(
      '2026-11-25T14:30:00.000Z',
    );
    // Paused through Monday the 30th (inclusive, as the planner reads it): back on Tuesday.
    expect(
      nextStandup({ ...poc, pausedUntil: '2026-11-30' }, new Date('2026-11-23T15:00:00Z'), none)?.toISOString(),
    ).toBe('2026-12-01T14:30:00.000Z');
    expect(
      nextStandup({ ...poc, jobsHaltedReason: 'channel archived' }, new Date('2026-11-23T14:00:00Z'), none),
    ).toBeUndefined();
    expect(nextStandup(poc, new Date('2026-11-01T15:00:00Z'), none)?.toISOString()).toBe('2026-11-23T14:30:00.000Z');
    expect(nextStandup(poc, new Date('2026-12-04T15:00:00Z'), none)).toBeUndefined();
    expect(nextStandup({ ...poc, stage: 'awaiting_signoff' }, new Date('2026-11-23T14:00:00Z'), none)).toBeUndefined();
  });

  it('keeps the local time across a DST change', () => {
    const spring = { ...poc, startDate: '2027-03-12', endDate: '2027-03-19' };
    // Friday Mar 12 after standup (EST) → Monday Mar 15 09:30 EDT = 13:30 UTC.
    expect(nextStandup(spring, new Date('2027-03-12T16:00:00Z'), none)?.toISOString()).toBe('2027-03-15T13:30:00.000Z');
  });
});

describe('nextCheckpoint', () => {
  it('is the next checkpoint weekday from today, within the POC; on a holiday, the business day before it', () => {
    expect(nextCheckpoint(poc, new Date('2026-11-23T15:00:00Z'), none)).toBe('2026-11-27');
    expect(nextCheckpoint(poc, new Date('2026-11-27T20:00:00Z'), none)).toBe('2026-11-27');
    // Friday off: no business day left that week after it, so Thursday.
    expect(nextCheckpoint(poc, new Date('2026-11-23T15:00:00Z'), new Set(['2026-11-27']))).toBe('2026-11-26');
    expect(nextCheckpoint(poc, new Date('2026-12-05T15:00:00Z'), none)).toBeUndefined();
  });

  it('skips a checkpoint on the start day (the planner does) and paused weeks', () => {
    // Starts on a Friday, the checkpoint weekday: the first checkpoint is a week later.
    const fridayStart = { ...poc, startDate: '2026-11-27', endDate: '2026-12-11' };
    expect(nextCheckpoint(fridayStart, new Date('2026-11-26T15:00:00Z'), none)).toBe('2026-12-04');
    expect(nextCheckpoint({ ...poc, pausedUntil: '2026-11-27' }, new Date('2026-11-23T15:00:00Z'), none)).toBe(
      '2026-12-04',
    );
  });
});

/** The first standup and checkpoint the planner really posts, ticking every 15 minutes from `fromIso`. */
function firstPlanned(p: Poc, fromIso: string, days: number): { standup?: Date; checkpoint?: string } {
  const out: { standup?: Date; checkpoint?: string } = {};
  const from = new Date(fromIso).getTime();
  for (let t = from; t <= from + days * 86_400_000 && (!out.standup || !out.checkpoint); t += 15 * 60_000) {
    for (const item of dueFor({ poc: p, holidays: none }, new Date(t))) {
      if (item.kind === 'standup' && !out.standup) out.standup = item.dueAt;
      if (item.kind === 'checkpoint' && !out.checkpoint) out.checkpoint = item.localDate;
    }
  }
  return out;
}

describe('what status shows equals what the planner posts', () => {
  const cases: Array<[string, Partial<NewPoc>, string]> = [
    [
      'paused through a Monday',
      { pausedUntil: '2026-11-30', startDate: '2026-11-23', endDate: '2026-12-11' },
      '2026-11-24T15:00:00Z',
    ],
    [
      'checkpoint weekday on the start day',
      { startDate: '2026-11-27', endDate: '2026-12-11', checkpointWeekday: 5 },
      '2026-11-26T20:00:00Z',
    ],
    [
      'paused over a checkpoint, in Berlin',
      {
        timeZone: 'Europe/Berlin',
        pausedUntil: '2026-12-04',
        checkpointWeekday: 4,
        startDate: '2026-11-23',
        endDate: '2026-12-18',
      },
      '2026-11-25T12:00:00Z',
    ],
  ];
  for (const [label, overrides, nowIso] of cases) {
    it(label, () => {
      const p: Poc = { id: 7, ...pocRow({ stage: 'active', standupTime: '09:30', ...overrides }) };
      const now = new Date(nowIso);
      const planned = firstPlanned(p, nowIso, 21);
      expect(planned.standup).toBeDefined();
      expect(nextStandup(p, now, none)?.toISOString()).toBe(planned.standup?.toISOString());
      expect(nextCheckpoint(p, now, none)).toBe(planned.checkpoint);
    });
  }
});

describe('a checkpoint on a skipped day moves, and never disappears', () => {
  const dec = { startDate: '2026-12-07', endDate: '2027-01-15', checkpointWeekday: 3 }; // Wednesdays
  const held = (days: string[], holidays: Set<string>) => days.filter((d) => isCheckpointDay(dec, d, holidays));
  const all = (from: string, to: string) => {
    const out: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
    return out;
  };

  it('goes to the next business day of its week', () => {
    // Wed Dec 23 off: Thursday Dec 24.
    expect(checkpointHeldOn(dec, '2026-12-23', new Set(['2026-12-23']))).toBe('2026-12-24');
  });

  it('goes to the last business day before it when none is left in its week', () => {
    const friday = { ...dec, checkpointWeekday: 5 };
    // Fri Dec 25 off (Germany: Sat 26 too): Thursday Dec 24.
    expect(checkpointHeldOn(friday, '2026-12-25', new Set(['2026-12-25', '2026-12-26']))).toBe('2026-12-24');
  });

  it('keeps the winter break’s weeks: days off from Dec 21 to Jan 1 (the issue’s "no checkpoint from Dec 18 to Jan 8")', () => {
    const breakDays = new Set(all('2026-12-21', '2027-01-01'));
    // Wed Dec 23 and Wed Dec 30 fall in the break, with no business day left in their weeks:
    // both are held on Fri Dec 18, the last business day before them (one post that day).
    expect(held(all('2026-12-07', '2027-01-15'), breakDays)).toEqual([
      '2026-12-09',
      '2026-12-16',
      '2026-12-18',
      '2027-01-06',
      '2027-01-13',
    ]);
  });

  it('holds nothing before the start or after the end', () => {
    const shortPoc = { startDate: '2026-12-09', endDate: '2026-12-11', checkpointWeekday: 3 };
    expect(held(all('2026-12-07', '2026-12-13'), none)).toEqual(['2026-12-09']);
    // A POC whose only Wednesday is its start day: the first checkpoint would be a week in, after its end.
    expect(all('2026-12-07', '2026-12-13').filter((d) => isCheckpointDay(shortPoc, d, none))).toEqual([]);
    // The end on a Tuesday: a Wednesday checkpoint after it is not held.
    expect(checkpointHeldOn({ ...dec, endDate: '2026-12-15' }, '2026-12-16', none)).toBeUndefined();
  });
});
