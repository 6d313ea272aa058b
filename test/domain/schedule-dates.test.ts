import { describe, expect, it } from 'vitest';
import type { Poc } from '../../src/domain/poc.js';
import { nextCheckpoint, nextStandup } from '../../src/domain/schedule-dates.js';
import { dueFor } from '../../src/jobs/planner.js';
import { pocRow } from '../../src/testkit/fixtures.js';
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
    expect(nextStandup(poc, new Date('2026-11-23T15:00:00Z'), new Set(['2026-11-24']))?.toISOString()).toBe('2026-11-25T14:30:00.000Z');
    // Paused through Monday the 30th (inclusive, as the planner reads it): back on Tuesday.
    expect(nextStandup({ ...poc, pausedUntil: '2026-11-30' }, new Date('2026-11-23T15:00:00Z'), none)?.toISOString()).toBe('2026-12-01T14:30:00.000Z');
    expect(nextStandup({ ...poc, jobsHaltedReason: 'channel archived' }, new Date('2026-11-23T14:00:00Z'), none)).toBeUndefined();
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
    expect(nextCheckpoint({ ...poc, pausedUntil: '2026-11-27' }, new Date('2026-11-23T15:00:00Z'), none)).toBe('2026-12-04');
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
    ['paused through a Monday', { pausedUntil: '2026-11-30', startDate: '2026-11-23', endDate: '2026-12-11' }, '2026-11-24T15:00:00Z'],
    ['checkpoint weekday on the start day', { startDate: '2026-11-27', endDate: '2026-12-11', checkpointWeekday: 5 }, '2026-11-26T20:00:00Z'],
    ['paused over a checkpoint, in Berlin', { timeZone: 'Europe/Berlin', pausedUntil: '2026-12-04', checkpointWeekday: 4, startDate: '2026-11-23', endDate: '2026-12-18' }, '2026-11-25T12:00:00Z'],
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
