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
  // Written out (no intermediate arrays): the tick asks it of every running POC.
  const team: TeamMember[] = [{ userId: poc.evaluatorId, role: 'lead' }];
  const champion = poc.championId;
  if (champion && champion !== poc.evaluatorId) team.push({ userId: champion, role: 'champion' });
  const buyer = poc.economicBuyerId;
  if (buyer && buyer !== poc.evaluatorId && buyer !== champion) team.push({ userId: buyer, role: 'economic_buyer' });
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
  return customerTeam(poc).map((m) => ({ userId: m.userId, role: m.role, lastTs: lastTsOf(m.userId), timeOff: timeOffOf(m.userId) }));
}
