// Who is on the customer's side of a POC, in one place: the silence detector counts them as one
// team, and a DM or a day off is judged by the side a person is on.
import type { Poc } from './poc.js';
import type { TeamMemberFacts, TeamRole, TimeOff } from './silence.js';

export interface TeamMember {
  userId: string;
  role: TeamRole;
}

export type TeamPoc = Pick<Poc, 'evaluatorId' | 'championId' | 'economicBuyerId'>;

/** The lead evaluator, the champion and the economic buyer; each person once (the first role named wins). */
export function customerTeam(poc: TeamPoc): TeamMember[] {
  const named: Array<[string | null, TeamRole]> = [
    [poc.evaluatorId, 'lead'],
    [poc.championId, 'champion'],
    [poc.economicBuyerId, 'economic_buyer'],
  ];
  const team: TeamMember[] = [];
  for (const [userId, role] of named) if (userId && !team.some((m) => m.userId === userId)) team.push({ userId, role });
  return team;
}

/**
 * The team with what the silence detector needs of each member: their newest activity in the
 * POC's channel and their time off, from wherever the caller reads them (the tick's bulk reads,
 * or the store for one POC).
 */
export function teamFacts(
  poc: TeamPoc,
  lastTsOf: (userId: string) => string | undefined,
  timeOffOf: (userId: string) => readonly TimeOff[],
): TeamMemberFacts[] {
  return customerTeam(poc).map((m) => ({ ...m, lastTs: lastTsOf(m.userId), timeOff: timeOffOf(m.userId) }));
}
