// A criterion vote as the reaction listener records it: the reaction follows from the result, and
// the event ts from when it was cast (so calls keep the order of their times).
import { dateToSlackTs } from '../../src/domain/calendar.js';
import type { Vote } from '../../src/domain/poc.js';
import type { Store } from '../../src/store/index.js';

export const voteOf = (
  criterionId: number,
  userId: string,
  role: Vote['role'],
  result: Vote['result'],
  votedAt: string,
  revision = 1,
): Vote => ({
  criterionId,
  userId,
  role,
  result,
  reaction: result === 'pass' ? 'white_check_mark' : result === 'fail' ? 'x' : 'large_yellow_circle',
  votedAt,
  eventTs: dateToSlackTs(new Date(votedAt), 100),
  revision,
});

/** Stores a call as the reaction listener would (added, on revision 1). */
export async function castVote(
  store: Store,
  criterionId: number,
  userId: string,
  role: Vote['role'],
  result: Vote['result'],
  votedAt: string,
): Promise<void> {
  await store.criteria.applyVote(voteOf(criterionId, userId, role, result, votedAt), false);
}
