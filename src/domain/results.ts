// Whose reaction decides a criterion: the evaluator's call wins over the SE's; anyone else's is
// an opinion. A removed reaction is simply no longer among the votes.
import { groupBy } from './group-by.js';
import type { Criterion, Poc, Result, Vote } from './poc.js';

export interface Decision {
  result: Result;
  decidedBy: string;
  decidedAt: string;
  role: 'evaluator' | 'se';
}

export interface CriterionStanding {
  criterion: Criterion;
  /** undefined: not decided yet ("not tested" at readout). */
  decision: Decision | undefined;
  /** When both called it and their calls differ, the SE's call that was overruled. */
  overruled: Decision | undefined;
  opinions: Vote[];
}

/** What deciding a criterion reads of a vote. */
export type Call = Pick<Vote, 'criterionId' | 'role' | 'result' | 'votedAt'>;

/** The latest call of the evaluator and of the SE among one criterion's votes, oldest first: on equal times the later vote wins. */
function calls<T extends Call>(mine: readonly T[]): { evaluator: T | undefined; se: T | undefined } {
  let evaluator: T | undefined;
  let se: T | undefined;
  for (const v of mine) {
    if (v.role === 'evaluator' && (!evaluator || v.votedAt >= evaluator.votedAt)) evaluator = v;
    else if (v.role === 'se' && (!se || v.votedAt >= se.votedAt)) se = v;
  }
  return { evaluator, se };
}

const asDecision = (v: Vote | undefined, role: 'evaluator' | 'se'): Decision | undefined =>
  v ? { result: v.result, decidedBy: v.userId, decidedAt: v.votedAt, role } : undefined;

export function standing(criterion: Criterion, votes: Vote[]): CriterionStanding {
  const mine = votes.filter((v) => v.criterionId === criterion.id);
  const latest = calls(mine);
  const evaluator = asDecision(latest.evaluator, 'evaluator');
  const se = asDecision(latest.se, 'se');
  return {
    criterion,
    decision: evaluator ?? se,
    overruled: evaluator && se && evaluator.result !== se.result ? se : undefined,
    opinions: mine.filter((v) => v.role === 'other'),
  };
}

export function standings(criteria: Criterion[], votes: Vote[]): CriterionStanding[] {
  return criteria.map((c) => standing(c, votes));
}

export interface Progress {
  total: number;
  decided: number;
  pass: number;
  fail: number;
  partial: number;
  undecided: number;
}

export function progress(list: CriterionStanding[]): Progress {
  const p: Progress = { total: list.length, decided: 0, pass: 0, fail: 0, partial: 0, undecided: 0 };
  for (const s of list) {
    if (!s.decision) p.undecided++;
    else {
      p.decided++;
      p[s.decision.result]++;
    }
  }
  return p;
}

/**
 * `progress(standings(criteria, votes))` from how many criteria are active and the votes on them
 * alone (oldest first): what the scheduler needs for every running POC, without reading the
 * criteria themselves.
 */
export function progressOfVotes(total: number, votes: readonly Call[]): Progress {
  const byCriterion = groupBy(votes, (v) => v.criterionId);
  const p: Progress = { total, decided: 0, pass: 0, fail: 0, partial: 0, undecided: total };
  for (const mine of byCriterion.values()) {
    const { evaluator, se } = calls(mine);
    const decision = evaluator ?? se;
    if (!decision) continue;
    p.decided++;
    p.undecided--;
    p[decision.result]++;
  }
  return p;
}

export const resultLabels: Record<Result | 'untested', string> = {
  pass: 'PASS',
  fail: 'FAIL',
  partial: 'PARTIAL',
  untested: 'NOT TESTED',
};

export const resultEmoji: Record<Result | 'untested', string> = {
  pass: ':white_check_mark:',
  fail: ':x:',
  partial: ':large_yellow_circle:',
  untested: ':white_circle:',
};

/** Used by roles in a POC: the SE and the evaluator decide; keep Poc in the signature for clarity at call sites. */
export type Deciders = Pick<Poc, 'evaluatorId' | 'seId'>;
