import { describe, expect, it } from 'vitest';
import {
  checkExtension,
  criterionRefs,
  extensionRule,
  latestEndDate,
  needsApproval,
} from '../../src/domain/extension.js';
import type { Criterion, Vote } from '../../src/domain/poc.js';
import { standings } from '../../src/domain/results.js';

const criteria: Criterion[] = [1, 2, 3, 4].map((n) => ({
  id: n * 10,
  pocId: 1,
  position: n,
  statement: `criterion ${n}`,
  threshold: '',
  category: 'functional',
  messageTs: null,
  droppedAt: null,
  droppedReason: null,
  revision: 1,
}));
const votes: Vote[] = [
  {
    criterionId: 30,
    userId: 'W0EVAL',
    role: 'lead',
    result: 'pass',
    reaction: 'white_check_mark',
    votedAt: '2026-11-24T10:00:00.000Z',
    eventTs: '1763978400.000100',
    revision: 1,
  },
  // A vendor call only: still undecided until the customer confirms it.
  {
    criterionId: 40,
    userId: 'U0SE',
    role: 'vendor',
    result: 'pass',
    reaction: 'white_check_mark',
    votedAt: '2026-11-24T10:00:00.000Z',
    eventTs: '1763978400.000200',
    revision: 1,
  },
];
const base = {
  poc: { startDate: '2026-11-23', endDate: '2026-12-04', readoutDate: '2026-12-07' },
  standings: standings(criteria, votes),
  today: '2026-11-30',
};

describe('criterionRefs', () => {
  it.each([
    ['criteria 2 and 4 need the staging data', [2, 4]],
    ['#2 #4', [2, 4]],
    ['criterion 3 is blocked', [3]],
    ['Criteria 1, 2 & 4', [1, 2, 4]],
    ['criterion #2 or 3', [2, 3]],
    ['we need more time', []],
    ['2 more weeks please', []],
  ])('%s → %j', (reason, expected) => {
    expect(criterionRefs(reason)).toEqual(expected);
  });
});

describe('checkExtension', () => {
  it('allows named undecided criteria and moves a readout that would fall before the new end', () => {
    expect(
      checkExtension({ ...base, newEndDate: '2026-12-11', reason: 'criteria 2 and 4 need the staging data' }),
    ).toEqual({ ok: true, positions: [2, 4], readoutDate: '2026-12-11' });
    expect(checkExtension({ ...base, newEndDate: '2026-12-07', reason: '#1' })).toEqual({
      ok: true,
      positions: [1],
      readoutDate: '2026-12-07',
    });
  });

  it('refuses a reason without named criteria, with the rule', () => {
    expect(checkExtension({ ...base, newEndDate: '2026-12-11', reason: 'we need more time' })).toEqual({
      ok: false,
      reason: extensionRule,
    });
  });

  it('refuses decided or unknown criteria, and dates that are not later', () => {
    expect(checkExtension({ ...base, newEndDate: '2026-12-11', reason: 'criteria 2 and 3' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('Criterion 3 (PASS) is already decided'),
    });
    expect(checkExtension({ ...base, newEndDate: '2026-12-11', reason: 'criterion 9' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no criterion 9'),
    });
    expect(checkExtension({ ...base, newEndDate: '2026-12-04', reason: '#2' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('after the current one'),
    });
    expect(checkExtension({ ...base, newEndDate: '2026-02-30', reason: '#2' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not a date'),
    });
    expect(checkExtension({ ...base, today: '2026-12-20', newEndDate: '2026-12-11', reason: '#2' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('already past'),
    });
  });

  it('counts a criterion with only a vendor call as undecided', () => {
    expect(
      checkExtension({ ...base, newEndDate: '2026-12-11', reason: 'criterion 4 awaits the customer' }),
    ).toMatchObject({ ok: true, positions: [4] });
  });

  it('refuses a date past 8 weeks from the start, naming the limit and the latest date', () => {
    expect(latestEndDate(base.poc)).toBe('2027-01-18');
    expect(checkExtension({ ...base, newEndDate: '2027-01-18', reason: '#2' })).toMatchObject({ ok: true });
    const past = checkExtension({ ...base, newEndDate: '2027-01-19', reason: '#2' });
    expect(past).toMatchObject({ ok: false, reason: expect.stringContaining('8-week limit') });
    expect(past).toMatchObject({ reason: expect.stringContaining('2027-01-18 at the latest') });
  });
});

describe('needsApproval', () => {
  const poc = { aeId: 'U0AE' };
  it('lets the first extension through, and asks the AE for the second unless the AE asks for it', () => {
    expect(needsApproval(poc, 0, 'U0SE')).toBe(false);
    expect(needsApproval(poc, 1, 'U0SE')).toBe(true);
    expect(needsApproval(poc, 2, 'U0SE')).toBe(true);
    expect(needsApproval(poc, 1, 'U0AE')).toBe(false);
  });
});
