// The customer side of one POC as the silence rules read it: each member (domain/team.ts says who)
// with their newest activity and their time off. Built here and only here, for the tick (from its
// bulk reads) and for one POC read fresh (a nudge about to go out, a button click, /poc status).
import { maxSlackTs } from '../domain/activity.js';
import type { Poc } from '../domain/poc.js';
import { groupBy } from '../domain/group-by.js';
import type { TeamMemberFacts, TimeOff } from '../domain/silence.js';
import { customerTeam } from '../domain/team.js';
import type { Store } from '../store/index.js';

export type TeamPoc = Pick<Poc, 'id' | 'teamId' | 'evaluatorId' | 'championId' | 'economicBuyerId'>;

/** The team with what is known of each member: their newest activity and their time off. */
export function teamFacts(
  poc: Pick<Poc, 'evaluatorId' | 'championId' | 'economicBuyerId'>,
  evaluatorIds: readonly string[],
  lastTsOf: (userId: string) => string | undefined,
  timeOffOf: (userId: string) => readonly TimeOff[],
): TeamMemberFacts[] {
  return customerTeam(poc, evaluatorIds).map((m) => ({
    userId: m.userId,
    role: m.role,
    lastTs: lastTsOf(m.userId),
    timeOff: timeOffOf(m.userId),
  }));
}

/** One POC's team, read fresh. */
export async function readTeam(store: Store, poc: TeamPoc): Promise<TeamMemberFacts[]> {
  const evaluatorIds = await store.evaluators.others(poc.id);
  const ids = customerTeam(poc, evaluatorIds).map((m) => m.userId);
  const offs = groupBy(await store.timeOff.forUsers(poc.teamId, ids), (t) => t.userId);
  const lastTs = await store.activity.lastTsOf(poc.id, ids);
  return teamFacts(
    poc,
    evaluatorIds,
    (userId) => lastTs.get(userId),
    (userId) => offs.get(userId) ?? [],
  );
}

/** The newest activity of anyone on the team (a Slack ts), read fresh. */
export async function teamLastTs(store: Store, poc: TeamPoc): Promise<string | undefined> {
  return newestOf(await readTeam(store, poc));
}

export function newestOf(team: readonly TeamMemberFacts[]): string | undefined {
  return team.reduce<string | undefined>((a, m) => maxSlackTs(a, m.lastTs), undefined);
}
