import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Criterion, Vote } from '../../src/domain/poc.js';
import { progress, progressOfVotes, standing, standings } from '../../src/domain/results.js';
import { voteOf } from '../helpers/votes.js';

const criterion = (id: number, revision = 1): Criterion => ({
  id,
  pocId: 1,
  position: id,
  statement: `Criterion ${id} under 5 s`,
  threshold: '5 s',
  category: 'performance',
  messageTs: `${id}.0`,
  droppedAt: null,
  droppedReason: null,
  revision,
});
const vote = (
  criterionId: number,
  role: Vote['role'],
  result: Vote['result'],
  votedAt: string,
  userId: string = role,
  revision = 1,
): Vote => voteOf(criterionId, userId, role, result, votedAt, revision);

describe('standing', () => {
  it('is undecided with no votes, and opinions never decide', () => {
    const s = standing(criterion(1), [vote(1, 'other', 'pass', '2026-11-24T10:00:00Z')]);
    expect(s.decision).toBeUndefined();
    expect(s.awaiting).toBeUndefined();
    expect(s.opinions).toHaveLength(1);
  });

  it('keeps a vendor call (the SE’s or the AE’s) awaiting the customer’s confirmation: it decides nothing', () => {
    const s = standing(criterion(1), [vote(1, 'vendor', 'pass', '2026-11-24T10:00:00Z', 'U0SE')]);
    expect(s.decision).toBeUndefined();
    expect(s.awaiting).toMatchObject({ result: 'pass', role: 'vendor', decidedBy: 'U0SE' });
  });

  it('lets any customer evaluator decide; the same reaction confirms the vendor call', () => {
    const s = standing(criterion(1), [
      vote(1, 'vendor', 'pass', '2026-11-24T10:00:00Z', 'U0SE'),
      vote(1, 'evaluator', 'pass', '2026-11-24T11:00:00Z', 'W0SAM'),
    ]);
    expect(s.decision).toMatchObject({ result: 'pass', role: 'evaluator', decidedBy: 'W0SAM' });
    expect(s.awaiting).toBeUndefined();
    expect(s.overruled).toBeUndefined();
  });

  it('takes the latest call among the other evaluators', () => {
    const s = standing(criterion(1), [
      vote(1, 'evaluator', 'fail', '2026-11-24T10:00:00Z', 'W0A'),
      vote(1, 'evaluator', 'pass', '2026-11-24T11:00:00Z', 'W0B'),
    ]);
    expect(s.decision).toMatchObject({ result: 'pass', decidedBy: 'W0B' });
  });

  it('lets the lead win a conflict, even when another evaluator or the vendor called later, and shows the difference', () => {
    const s = standing(criterion(1), [
      vote(1, 'lead', 'fail', '2026-11-24T10:00:00Z', 'W0LEAD'),
      vote(1, 'evaluator', 'pass', '2026-11-24T11:00:00Z', 'W0SAM'),
      vote(1, 'vendor', 'pass', '2026-11-24T12:00:00Z', 'U0SE'),
    ]);
    expect(s.decision).toMatchObject({ result: 'fail', role: 'lead' });
    expect(s.overruled).toMatchObject({ result: 'pass', decidedBy: 'U0SE' });
  });

  it('uses the latest of one person’s calls, by the order the events happened', () => {
    const s = standing(criterion(1), [
      vote(1, 'lead', 'pass', '2026-11-25T10:00:00Z'),
      vote(1, 'lead', 'fail', '2026-11-24T10:00:00Z'),
    ]);
    expect(s.decision?.result).toBe('pass');
  });

  it('counts only the calls on the criterion’s current revision, and keeps the earlier one as history', () => {
    const calls = [
      vote(1, 'lead', 'pass', '2026-11-24T10:00:00Z', 'W0LEAD', 1),
      vote(1, 'vendor', 'fail', '2026-11-25T10:00:00Z', 'U0SE', 2),
    ];
    const s = standing(criterion(1, 2), calls);
    expect(s.decision).toBeUndefined();
    expect(s.awaiting).toMatchObject({ result: 'fail' });
    expect(s.earlier).toMatchObject({
      revision: 1,
      confirmed: true,
      decision: { result: 'pass', decidedBy: 'W0LEAD' },
    });
    expect(standing(criterion(1, 3), calls).earlier).toMatchObject({
      revision: 2,
      confirmed: false,
      decision: { result: 'fail' },
    });
  });
});

describe('progress', () => {
  it('counts what the customer decided, each result, what awaits confirmation and what is undecided', () => {
    const list = standings(
      [criterion(1), criterion(2), criterion(3), criterion(4)],
      [
        vote(1, 'lead', 'pass', '2026-11-24T10:00:00Z'),
        vote(2, 'vendor', 'fail', '2026-11-24T10:00:00Z'),
        vote(3, 'evaluator', 'partial', '2026-11-24T10:00:00Z'),
        vote(4, 'other', 'pass', '2026-11-24T10:00:00Z'),
      ],
    );
    expect(progress(list)).toEqual({ total: 4, decided: 2, pass: 1, fail: 0, partial: 1, undecided: 2, awaiting: 1 });
  });
});

describe('progressOfVotes', () => {
  it('counts the lead’s latest call, else the other evaluators’ latest, and vendor calls as awaiting', () => {
    const votes = [
      vote(1, 'vendor', 'pass', '2026-11-24T10:00:00Z'),
      vote(1, 'lead', 'fail', '2026-11-24T09:00:00Z'),
      vote(2, 'vendor', 'partial', '2026-11-24T10:00:00Z'),
      vote(3, 'other', 'pass', '2026-11-24T10:00:00Z'),
    ];
    expect(progressOfVotes(4, votes)).toEqual({
      total: 4,
      decided: 1,
      pass: 0,
      fail: 1,
      partial: 0,
      undecided: 3,
      awaiting: 1,
    });
  });

  it('agrees with progress(standings()) for any criteria and current votes, ties in time included (fuzz)', () => {
    const at = fc.constantFrom('2026-11-24T09:00:00Z', '2026-11-24T10:00:00Z', '2026-11-25T10:00:00Z');
    const arbitrary = fc.integer({ min: 0, max: 6 }).chain((n) =>
      fc.tuple(
        fc.constant(n),
        fc.array(
          fc.record({
            c: fc.integer({ min: 1, max: Math.max(1, n) }),
            role: fc.constantFrom<Vote['role']>('lead', 'evaluator', 'vendor', 'other'),
            user: fc.constantFrom('W0A', 'W0B', 'U0SE', 'U0AE', 'U0X'),
            result: fc.constantFrom<Vote['result']>('pass', 'fail', 'partial'),
            votedAt: at,
          }),
          { maxLength: n === 0 ? 0 : 20 },
        ),
      ),
    );
    fc.assert(
      fc.property(arbitrary, ([n, raw]) => {
        const criteria = Array.from({ length: n }, (_, i) => criterion(i + 1));
        const votes = raw.map((v) => vote(v.c, v.role, v.result, v.votedAt, v.user));
        expect(progressOfVotes(criteria.length, votes)).toEqual(progress(standings(criteria, votes)));
      }),
      { numRuns: 500 },
    );
  });
});
