import { describe, expect, it } from 'vitest';
import { checkExtension, criterionRefs, extensionRule } from '../../src/domain/extension.js';
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
}));
const votes: Vote[] = [{ criterionId: 30, userId: 'W0EVAL', role: 'evaluator', result: 'pass', reaction: 'white_check_mark', votedAt: '2026-11-24T10:00:00.000Z' }];
const base = { poc: { endDate: '2026-12-04', readoutDate: '2026-12-07' }, standings: standings(criteria, votes), today: '2026-11-30' };

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
    expect(checkExtension({ ...base, newEndDate: '2026-12-11', reason: 'criteria 2 and 4 need the staging data' })).toEqual({ ok: true, positions: [2, 4], readoutDate: '2026-12-11' });
    expect(checkExtension({ ...base, newEndDate: '2026-12-07', reason: '#1' })).toEqual({ ok: true, positions: [1], readoutDate: '2026-12-07' });
  });

  it('refuses a reason without named criteria, with the rule', () => {
    expect(checkExtension({ ...base, newEndDate: '2026-12-11', reason: 'we need more time' })).toEqual({ ok: false, reason: extensionRule });
  });

  it('refuses decided or unknown criteria, and dates that are not later', () => {
    expect(checkExtension({ ...base, newEndDate: '2026-12-11', reason: 'criteria 2 and 3' })).toMatchObject({ ok: false, reason: expect.stringContaining('Criterion 3 (PASS) is already decided') });
    expect(checkExtension({ ...base, newEndDate: '2026-12-11', reason: 'criterion 9' })).toMatchObject({ ok: false, reason: expect.stringContaining('no criterion 9') });
    expect(checkExtension({ ...base, newEndDate: '2026-12-04', reason: '#2' })).toMatchObject({ ok: false, reason: expect.stringContaining('after the current one') });
    expect(checkExtension({ ...base, newEndDate: '2026-02-30', reason: '#2' })).toMatchObject({ ok: false, reason: expect.stringContaining('not a date') });
    expect(checkExtension({ ...base, today: '2026-12-20', newEndDate: '2026-12-11', reason: '#2' })).toMatchObject({ ok: false, reason: expect.stringContaining('already past') });
  });
});
