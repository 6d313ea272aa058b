import { describe, expect, it } from 'vitest';
import {
  criteriaChanged,
  type DriftInput,
  driftFindings,
  endNear,
  paceBehind,
  pastEnd,
  scopeCreep,
} from '../../src/domain/drift.js';

// Mon Nov 23 → Fri Dec 4 2026: 10 business days; readout Mon Dec 7.
const base: DriftInput = {
  poc: {
    stage: 'active',
    startDate: '2026-11-23',
    endDate: '2026-12-04',
    readoutDate: '2026-12-07',
    closedAt: null,
    readoutPostedAt: null,
    timeZone: 'America/New_York',
  },
  today: '2026-11-30',
  holidays: new Set(),
  progress: { total: 5, decided: 0, undecided: 5 },
  scopeRequestCount: 0,
  changesAfterSignoff: [],
};
const at = (today: string, over: Partial<DriftInput> = {}): DriftInput => ({ ...base, today, ...over });

describe('paceBehind', () => {
  it('fires past half the calendar with under a quarter decided', () => {
    expect(paceBehind(at('2026-11-27'))).toBeUndefined(); // day 5 of 10: exactly half
    expect(paceBehind(at('2026-11-30'))).toMatchObject({ kind: 'pace_behind', episode: '2026-12-04' }); // day 6
  });

  it('does not fire with a quarter or more decided', () => {
    expect(paceBehind(at('2026-11-30', { progress: { total: 4, decided: 1, undecided: 3 } }))).toBeUndefined();
    expect(paceBehind(at('2026-11-30', { progress: { total: 5, decided: 1, undecided: 4 } }))).toBeDefined(); // 20%
  });

  it('counts business days: a long weekend of days off moves the half', () => {
    const holidays = new Set(['2026-11-26', '2026-11-27']); // 8 business days; Mon 30 is day 4
    expect(paceBehind(at('2026-11-30', { holidays }))).toBeUndefined();
    expect(paceBehind(at('2026-12-01', { holidays }))).toBeDefined(); // day 5 of 8
  });
});

describe('endNear', () => {
  it('fires within 2 business days of the end with undecided criteria', () => {
    expect(endNear(at('2026-12-01'))).toBeUndefined(); // 3 left
    expect(endNear(at('2026-12-02'))).toMatchObject({ kind: 'end_near' });
    expect(endNear(at('2026-12-04'))?.evidence).toContain('today');
    expect(endNear(at('2026-12-02', { progress: { total: 5, decided: 5, undecided: 0 } }))).toBeUndefined();
  });

  it('counts Friday → Monday as one business day', () => {
    const poc = { ...base.poc, endDate: '2026-12-07', readoutDate: '2026-12-08' };
    expect(endNear(at('2026-12-04', { poc }))?.evidence).toContain('in 1 business day '); // Fri → Mon
    expect(endNear(at('2026-12-03', { poc }))?.evidence).toContain('in 2 business days'); // Thu → Fri, Mon
    expect(endNear(at('2026-12-02', { poc }))).toBeUndefined(); // Wed → Thu, Fri, Mon
  });
});

describe('pastEnd', () => {
  it('fires once the end and the readout day have passed without the POC closing, copying the AE', () => {
    expect(pastEnd(at('2026-12-07', { poc: { ...base.poc, stage: 'readout' } }))).toBeUndefined();
    expect(pastEnd(at('2026-12-08', { poc: { ...base.poc, stage: 'readout' } }))).toMatchObject({
      kind: 'past_end',
      copyAe: true,
    });
    expect(
      pastEnd(at('2026-12-08', { poc: { ...base.poc, stage: 'won', closedAt: '2026-12-07T15:00:00Z' } })),
    ).toBeUndefined();
  });

  it('once the readout has been posted, asks for the outcome instead, two days after it went out (in the POC zone)', () => {
    // Posted Mon Dec 7 at 21:30 in New York (Tue 02:30 UTC): two days later is Wed Dec 9 there.
    const posted = { ...base.poc, stage: 'readout' as const, readoutPostedAt: '2026-12-08T02:30:00.000Z' };
    expect(pastEnd(at('2026-12-08', { poc: posted }))).toBeUndefined();
    const asked = pastEnd(at('2026-12-09', { poc: posted }));
    expect(asked).toMatchObject({ kind: 'open_after_readout', episode: '2026-12-04', copyAe: true });
    expect(asked?.evidence).toBe(
      'The readout went out on Mon Dec 7 (2 days ago) and the POC is still open, 5 days after its end date (Fri Dec 4).',
    );
    expect(driftFindings(at('2026-12-09', { poc: posted })).map((f) => f.kind)).not.toContain('past_end');
  });
});

describe('scopeCreep and criteriaChanged', () => {
  it('fires at 3 out-of-scope requests, again at 6', () => {
    expect(scopeCreep(at('2026-11-30', { scopeRequestCount: 2 }))).toBeUndefined();
    expect(scopeCreep(at('2026-11-30', { scopeRequestCount: 4 }))).toMatchObject({ episode: '3' });
    expect(scopeCreep(at('2026-11-30', { scopeRequestCount: 6 }))).toMatchObject({ episode: '6' });
  });

  it('fires per newest change after sign-off', () => {
    expect(criteriaChanged(at('2026-11-30'))).toBeUndefined();
    const changes = [
      { id: 4, field: 'criterion 2' },
      { id: 9, field: 'end date' },
    ];
    expect(criteriaChanged(at('2026-11-30', { changesAfterSignoff: changes }))).toMatchObject({
      kind: 'criteria_changed',
      episode: '9',
    });
  });

  it('driftFindings lists what applies', () => {
    expect(driftFindings(at('2026-12-02', { scopeRequestCount: 3 })).map((f) => f.kind)).toEqual([
      'end_near',
      'pace_behind',
      'scope_creep',
    ]);
  });
});
