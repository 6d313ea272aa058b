// A criterion vote as the reaction listener records it: the reaction follows from the result.
import type { Vote } from '../../src/domain/poc.js';

export const voteOf = (criterionId: number, userId: string, role: Vote['role'], result: Vote['result'], votedAt: string): Vote => ({
  criterionId,
  userId,
  role,
  result,
  reaction: result === 'pass' ? 'white_check_mark' : result === 'fail' ? 'x' : 'large_yellow_circle',
  votedAt,
});
