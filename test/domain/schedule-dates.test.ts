import { describe, expect, it } from 'vitest';
import { nextCheckpoint, nextStandup } from '../../src/domain/schedule-dates.js';

const poc = {
  stage: 'active' as const,
  startDate: '2026-11-23',
  endDate: '2026-12-04',
  standupTime: '09:30',
  checkpointWeekday: 5,
  timeZone: 'America/New_York',
  pausedUntil: null,
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
    expect(nextStandup({ ...poc, pausedUntil: '2026-11-30' }, new Date('2026-11-23T15:00:00Z'), none)?.toISOString()).toBe('2026-11-30T14:30:00.000Z');
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
  it('is the next checkpoint weekday from today, within the POC, skipping holidays', () => {
    expect(nextCheckpoint(poc, new Date('2026-11-23T15:00:00Z'), none)).toBe('2026-11-27');
    expect(nextCheckpoint(poc, new Date('2026-11-27T20:00:00Z'), none)).toBe('2026-11-27');
    expect(nextCheckpoint(poc, new Date('2026-11-23T15:00:00Z'), new Set(['2026-11-27']))).toBe('2026-12-04');
    expect(nextCheckpoint(poc, new Date('2026-12-05T15:00:00Z'), none)).toBeUndefined();
  });
});
