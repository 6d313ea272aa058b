// The short thread reply that acknowledges a change in a criterion's decision.
import type { Result } from '../../domain/poc.js';
import { type CriterionStanding, type Decision, resultLabels } from '../../domain/results.js';

const same = (a: Decision | undefined, b: Decision | undefined): boolean =>
  a?.result === b?.result && a?.decidedBy === b?.decidedBy;

/** The reply text, or undefined when the reaction changed neither the decision nor who was overruled. */
export function decisionAck(input: {
  before: CriterionStanding;
  after: CriterionStanding;
  actor: string;
  added: boolean;
  result: Result;
}): string | undefined {
  const { before, after, actor, added, result } = input;
  if (same(before.decision, after.decision) && same(before.overruled, after.overruled)) return undefined;
  const n = after.criterion.position;
  const d = after.decision;
  if (!d) return `Criterion ${n} is undecided again: <@${actor}> removed their ${resultLabels[result]}.`;
  if (!added) {
    return `<@${actor}> removed their ${resultLabels[result]} on criterion ${n}; it stands at ${resultLabels[d.result]} by <@${d.decidedBy}>.`;
  }
  if (d.decidedBy === actor && after.overruled) {
    return `Criterion ${n} marked ${resultLabels[d.result]} by <@${actor}> (technical evaluator), overruling <@${after.overruled.decidedBy}>’s ${resultLabels[after.overruled.result]}.`;
  }
  if (d.decidedBy !== actor) {
    return `Noted <@${actor}>’s ${resultLabels[result]} on criterion ${n}; the technical evaluator’s ${resultLabels[d.result]} by <@${d.decidedBy}> stands.`;
  }
  return `Criterion ${n} marked ${resultLabels[d.result]} by <@${actor}>.`;
}
