import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Criterion, Vote } from '../../src/domain/poc.js';
import { progress, progressOfVotes, standing, standings } from '../../src/domain/results.js';
import { voteOf } from '../helpers/votes.js';

const criterion = (id: number): Criterion => ({
  id,
  pocId: 1,
  position: id,
  statement: `Criterion ${id} under 5 s`,
  threshold: '5 s',
  category: 'performance',
  messageTs: `${id}.0`,
  droppedAt: null,
  droppedReason: null,
});
const vote = (criterionId: number, role: Vote['role'], result: Vote['result'], votedAt: string, userId: string = role): Vote =>
  voteOf(criterionId, userId, role, result, votedAt);

describe('standing', () => {
  it('is undecided with no votes, and opinions never decide', () => {
    const s = standing(criterion(1), [vote(1, 'other', 'pass', '2026-11-24T10:00:00Z')]);
    expect(s.decision).toBeUndefined();
    expect(s.opinions).toHaveLength(1);
  });

  it('takes the SE call when the evaluator has not called it', () => {
    expect(standing(criterion(1), [vote(1, 'se', 'partial', '2026-11-24T10:00:00Z')]).decision).toMatchObject({ result: 'partial', role: 'se' });
  });

  it('lets the evaluator win over the SE, even when the SE called later, and shows the difference', () => {
    const s = standing(criterion(1), [
      vote(1, 'evaluator', 'fail', '2026-11-24T10:00:00Z'),
      vote(1, 'se', 'pass', '2026-11-24T11:00:00Z'),
    ]);
    expect(s.decision).toMatchObject({ result: 'fail', role: 'evaluator' });
    expect(s.overruled).toMatchObject({ result: 'pass', role: 'se' });
  });

  it('uses the latest of one person’s calls', () => {
    const s = standing(criterion(1), [
      vote(1, 'evaluator', 'fail', '2026-11-24T10:00:00Z'),
      vote(1, 'evaluator', 'pass', '2026-11-25T10:00:00Z'),
    ]);
    expect(s.decision?.result).toBe('pass');
    expect(s.overruled).toBeUndefined();
  });
});

describe('progress', () => {
  it('counts decided, each result and undecided', () => {
    const list = standings(
      [criterion(1), criterion(2), criterion(3), criterion(4)],
      [
        vote(1, 'evaluator', 'pass', '2026-11-24T10:00:00Z'),
        vote(2, 'se', 'fail', '2026-11-24T10:00:00Z'),
        vote(3, 'evaluator', 'partial', '2026-11-24T10:00:00Z'),
        vote(4, 'other', 'pass', '2026-11-24T10:00:00Z'),
      ],
    );
    expect(progress(list)).toEqual({ total: 4, decided: 3, pass: 1, fail: 1, partial: 1, undecided: 1 });
  });
});

describe('progressOfVotes', () => {
  it('counts the evaluator’s latest call, else the SE’s, and leaves the rest undecided', () => {
    const votes = [
      vote(1, 'se', 'pass', '2026-11-24T10:00:00Z'),
      vote(1, 'evaluator', 'fail', '2026-11-24T09:00:00Z'),
      vote(2, 'se', 'partial', '2026-11-24T10:00:00Z'),
      vote(3, 'other', 'pass', '2026-11-24T10:00:00Z'),
    ];
    expect(progressOfVotes(4, votes)).toEqual({ total: 4, decided: 2, pass: 0, fail: 1, partial: 1, undecided: 2 });
  });

  it('agrees with progress(standings()) for any criteria and votes, ties in time included (fuzz)', () => {
    const at = fc.constantFrom('2026-11-24T09:00:00Z', '2026-11-24T10:00:00Z', '2026-11-25T10:00:00Z');
    const arbitrary = fc.integer({ min: 0, max: 6 }).chain((n) =>
      fc.tuple(
        fc.constant(n),
        fc.array(
          fc.record({
            c: fc.integer({ min: 1, max: Math.max(1, n) }),
            role: fc.constantFrom<Vote['role']>('evaluator', 'se', 'other'),
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
        const votes = raw.map((v) => vote(v.c, v.role, v.result, v.votedAt));
        expect(progressOfVotes(criteria.length, votes)).toEqual(progress(standings(criteria, votes)));
      }),
      { numRuns: 500 },
    );
  });
});
