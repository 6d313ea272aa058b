// Sign-off: the technical evaluator's ✅ on the criteria document. Nobody else can sign for the
// customer, and a POC signed before its start date waits for it (DESIGN.md, Lifecycle).
import type { LocalDate } from './calendar.js';
import type { Poc, Stage } from './poc.js';

export const signoffReactions: readonly string[] = ['white_check_mark', 'heavy_check_mark'];

export type SignoffOutcome =
  | { signed: true; stage: Extract<Stage, 'signed_off' | 'active'> }
  | { signed: false; reason: 'not_a_signoff_reaction' | 'not_the_evaluator' | 'not_awaiting_signoff' };

export function signoffOutcome(
  poc: Pick<Poc, 'stage' | 'evaluatorId' | 'startDate'>,
  userId: string,
  reaction: string,
  today: LocalDate,
): SignoffOutcome {
  // Skin-tone variants arrive as "white_check_mark::skin-tone-2"; the base name is what counts.
  const base = reaction.split('::')[0] ?? reaction;
  if (!signoffReactions.includes(base)) return { signed: false, reason: 'not_a_signoff_reaction' };
  if (poc.stage !== 'awaiting_signoff') return { signed: false, reason: 'not_awaiting_signoff' };
  if (userId !== poc.evaluatorId) return { signed: false, reason: 'not_the_evaluator' };
  return { signed: true, stage: today < poc.startDate ? 'signed_off' : 'active' };
}

/**
 * The evaluator took their ✅ off a signed document. The signature stands (it is the record the
 * POC is judged against, and an un-react is as often a slip as a change of mind), but it must
 * not go unnoticed: the caller says so in the document's thread.
 */
export function signoffReactionWithdrawn(poc: Pick<Poc, 'evaluatorId' | 'signedOffAt' | 'closedAt'>, userId: string, reaction: string): boolean {
  const base = reaction.split('::')[0] ?? reaction;
  return signoffReactions.includes(base) && userId === poc.evaluatorId && poc.signedOffAt !== null && poc.closedAt === null;
}
