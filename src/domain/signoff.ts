// Sign-off: the lead technical evaluator's ✅ on the criteria document. Nobody else can sign for
// the customer, and a POC signed before its start date waits for it (DESIGN.md, Lifecycle). After
// a material change to what was signed, the document is "changed since sign-off, awaiting
// re-sign-off" until the lead (a newly named lead included) signs it again; the POC runs on.
import type { LocalDate } from './calendar.js';
import { isClosed, type Poc, reactionBase, type Stage } from './poc.js';

export const signoffReactions: readonly string[] = ['white_check_mark', 'heavy_check_mark'];

export function isSignoffReaction(reaction: string): boolean {
  return signoffReactions.includes(reactionBase(reaction));
}

export type SignoffOutcome =
  | { signed: true; stage: Extract<Stage, 'signed_off' | 'active'>; resigned: false }
  /** The lead signed the changed document again; the stage does not move. */
  | { signed: true; resigned: true }
  | { signed: false; reason: 'not_a_signoff_reaction' | 'not_the_evaluator' | 'not_awaiting_signoff' };

export type SignoffPoc = Pick<Poc, 'stage' | 'evaluatorId' | 'startDate' | 'changedSinceSignoffAt' | 'closedAt'>;

export function signoffOutcome(poc: SignoffPoc, userId: string, reaction: string, today: LocalDate): SignoffOutcome {
  if (!isSignoffReaction(reaction)) return { signed: false, reason: 'not_a_signoff_reaction' };
  const first = poc.stage === 'awaiting_signoff';
  const again = !first && poc.changedSinceSignoffAt !== null && poc.closedAt === null && !isClosed(poc.stage);
  if (!first && !again) return { signed: false, reason: 'not_awaiting_signoff' };
  if (userId !== poc.evaluatorId) return { signed: false, reason: 'not_the_evaluator' };
  if (again) return { signed: true, resigned: true };
  return { signed: true, stage: today < poc.startDate ? 'signed_off' : 'active', resigned: false };
}

/**
 * The lead took their ✅ off a signed document. The signature stands (it is the record the POC is
 * judged against, and an un-react is as often a slip as a change of mind), but it must not go
 * unnoticed: the caller says so in the document's thread. Not while a re-sign-off is awaited:
 * taking the ✅ off to put it back is how the lead signs again.
 */
export function signoffReactionWithdrawn(
  poc: Pick<Poc, 'evaluatorId' | 'signedOffAt' | 'closedAt' | 'changedSinceSignoffAt'>,
  userId: string,
  reaction: string,
): boolean {
  return (
    isSignoffReaction(reaction) &&
    userId === poc.evaluatorId &&
    poc.signedOffAt !== null &&
    poc.closedAt === null &&
    poc.changedSinceSignoffAt === null
  );
}

export type SignoffState = 'unsigned' | 'signed' | 'changed';

export function signoffState(poc: Pick<Poc, 'signedOffAt' | 'changedSinceSignoffAt'>): SignoffState {
  if (poc.signedOffAt === null) return 'unsigned';
  return poc.changedSinceSignoffAt === null ? 'signed' : 'changed';
}

export const awaitingResignoffLabel = 'changed since sign-off, awaiting re-sign-off';
