// The standings of one POC's active criteria, read fresh: the scoreboard, the standup, the
// extension check and the "ping the evaluator" nudge all start here.
import { type CriterionStanding, standings } from '../domain/results.js';
import type { Store } from '../store/index.js';

export async function activeStandings(store: Store, pocId: number): Promise<CriterionStanding[]> {
  const { criteria, votes } = await store.criteria.activeWithVotes(pocId);
  return standings(criteria, votes);
}
