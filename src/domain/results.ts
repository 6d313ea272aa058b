// Whose reaction decides a criterion (DESIGN.md, Interaction model): the customer's. Any customer
// evaluator's call decides it; the latest of theirs stands, and the lead's call wins a conflict.
// The SE's or the AE's call is a vendor call, shown as awaiting the customer's confirmation and
// never counted as a result; anyone else's is an opinion. Only the calls on the criterion's
// current revision count: a call made before its statement or threshold changed is history.
import { groupBy } from './group-by.js';
import type { Criterion, CustomerRole, Poc, Result, Vote } from './poc.js';
import { compareCalls } from './reaction-order.js';

export interface Decision {
  result: Result;
  decidedBy: string;
  decidedAt: string;
  role: CustomerRole | 'vendor';
}

export interface CriterionStanding {
  criterion: Criterion;
  /** The customer's call: what counts. undefined: no customer evaluator has called it ("not tested" at readout). */
  decision: Decision | undefined;
  /** The vendor's latest call while no customer call stands: awaiting the customer's confirmation. */
  awaiting: Decision | undefined;
  /** A differing call the standing one wins over: another evaluator's (the lead's call wins) or the vendor's. */
  overruled: Decision | undefined;
  opinions: Vote[];
  /** Where the criterion stood before its statement or threshold last changed, when anyone had called it then. */
  earlier: { revision: number; decision: Decision; confirmed: boolean } | undefined;
}

/** What deciding a criterion reads of a vote. */
export type Call = Pick<Vote, 'criterionId' | 'role' | 'result' | 'votedAt' | 'eventTs'>;

interface Calls<T> {
  lead: T | undefined;
  evaluator: T | undefined;
  vendor: T | undefined;
}

/** The latest call of the lead, of any other evaluator and of the vendor, among one criterion's votes (on equal times the later in the list wins). */
function calls<T extends Call>(mine: readonly T[]): Calls<T> {
  const out: Calls<T> = { lead: undefined, evaluator: undefined, vendor: undefined };
  for (const v of mine) {
    if (v.role === 'other') continue;
    const current = out[v.role];
    if (!current || compareCalls(v, current) >= 0) out[v.role] = v;
  }
  return out;
}

/** The customer's call that stands: the lead's, else the latest of the other evaluators'. */
function customerCall<T extends Call>(c: Calls<T>): T | undefined {
  return c.lead ?? c.evaluator;
}

const asDecision = (v: Vote | undefined): Decision | undefined =>
  v
    ? { result: v.result, decidedBy: v.userId, decidedAt: v.votedAt, role: v.role === 'other' ? 'vendor' : v.role }
    : undefined;

function latestOf(a: Vote | undefined, b: Vote | undefined): Vote | undefined {
  if (!a) return b;
  if (!b) return a;
  return compareCalls(a, b) >= 0 ? a : b;
}

export function standing(criterion: Criterion, votes: Vote[]): CriterionStanding {
  const mine = votes.filter((v) => v.criterionId === criterion.id);
  const current = mine.filter((v) => v.revision === criterion.revision);
  const c = calls(current);
  const customer = customerCall(c);
  const decision = asDecision(customer);
  // The call the standing one wins over: the latest differing one among the rest on this revision.
  const differs = (v: Vote | undefined) => (v && customer && v.result !== customer.result ? v : undefined);
  const rivals = customer === c.lead ? [c.evaluator, c.vendor] : [c.vendor];
  const overruled = rivals.map(differs).reduce<Vote | undefined>(latestOf, undefined);
  return {
    criterion,
    decision,
    awaiting: decision ? undefined : asDecision(c.vendor),
    overruled: asDecision(overruled),
    opinions: current.filter((v) => v.role === 'other'),
    earlier: earlierCall(mine, criterion.revision),
  };
}

/** The standing of the latest earlier revision anyone called. */
function earlierCall(mine: readonly Vote[], revision: number): CriterionStanding['earlier'] {
  const byRevision = groupBy(
    mine.filter((v) => v.revision < revision),
    (v) => v.revision,
  );
  const revisions = [...byRevision.keys()].sort((a, b) => b - a);
  for (const r of revisions) {
    const c = calls(byRevision.get(r) ?? []);
    const customer = asDecision(customerCall(c));
    if (customer) return { revision: r, decision: customer, confirmed: true };
    const vendor = asDecision(c.vendor);
    if (vendor) return { revision: r, decision: vendor, confirmed: false };
  }
  return undefined;
}

export function standings(criteria: Criterion[], votes: Vote[]): CriterionStanding[] {
  return criteria.map((c) => standing(c, votes));
}

export interface Progress {
  total: number;
  /** Decided by the customer. */
  decided: number;
  pass: number;
  fail: number;
  partial: number;
  /** Not decided by the customer (those awaiting confirmation included). */
  undecided: number;
  /** Undecided, with a vendor call waiting for the customer's confirmation. */
  awaiting: number;
}

export function progress(list: CriterionStanding[]): Progress {
  const p: Progress = { total: list.length, decided: 0, pass: 0, fail: 0, partial: 0, undecided: 0, awaiting: 0 };
  for (const s of list) {
    if (!s.decision) {
      p.undecided++;
      if (s.awaiting) p.awaiting++;
    } else {
      p.decided++;
      p[s.decision.result]++;
    }
  }
  return p;
}

/**
 * `progress(standings(criteria, votes))` from how many criteria are active and the calls on their
 * current revisions alone (oldest first): what the scheduler needs for every running POC, without
 * reading the criteria themselves.
 */
export function progressOfVotes(total: number, votes: readonly Call[]): Progress {
  const byCriterion = groupBy(votes, (v) => v.criterionId);
  const p: Progress = { total, decided: 0, pass: 0, fail: 0, partial: 0, undecided: total, awaiting: 0 };
  for (const mine of byCriterion.values()) {
    const c = calls(mine);
    const decision = customerCall(c);
    if (!decision) {
      if (c.vendor) p.awaiting++;
      continue;
    }
    p.decided++;
    p.undecided--;
    p[decision.result]++;
  }
  return p;
}

/** A criterion's state as shown: the customer's result, a vendor call awaiting confirmation, or untested. */
export type ShownResult = Result | 'awaiting' | 'untested';

export function shownResult(s: Pick<CriterionStanding, 'decision' | 'awaiting'>): ShownResult {
  return s.decision?.result ?? (s.awaiting ? 'awaiting' : 'untested');
}

export const resultLabels: Record<ShownResult, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  partial: 'PARTIAL',
  awaiting: 'AWAITING CUSTOMER CONFIRMATION',
  untested: 'NOT TESTED',
};

export const resultEmoji: Record<ShownResult, string> = {
  pass: ':white_check_mark:',
  fail: ':x:',
  partial: ':large_yellow_circle:',
  awaiting: ':hourglass_flowing_sand:',
  untested: ':white_circle:',
};

/** "vendor call PASS by <@U0SE>, awaiting customer confirmation" (mrkdwn). */
export function awaitingText(d: Decision): string {
  return `vendor call ${resultLabels[d.result]} by <@${d.decidedBy}>, awaiting customer confirmation`;
}

/** Used by roles in a POC; keep Poc in the signature for clarity at call sites. */
export type Deciders = Pick<Poc, 'evaluatorId' | 'seId' | 'aeId'>;
