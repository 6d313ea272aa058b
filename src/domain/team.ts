// The customer's side of a POC: the evaluation team (the lead technical evaluator and any other
// customer evaluators), and with them the champion and the economic buyer. Who counts as the
// customer being active, and whose reaction decides a criterion, both start here.
import type { Poc, VoterRole } from './poc.js';
import type { TeamRole } from './silence.js';

/** Roles in the evaluation team (poc_evaluators.role). */
export const evaluatorRoles = ['lead', 'evaluator'] as const;
export type EvaluatorRole = (typeof evaluatorRoles)[number];

/** The most other evaluators one POC takes (the modal's multi-user field holds as many). */
export const maxOtherEvaluators = 10;

export interface TeamMember {
  userId: string;
  role: TeamRole;
}

/**
 * The customer side as one list, in this order: the lead, the other evaluators, the champion,
 * the economic buyer. A person named twice appears once, in the first role they were named in.
 * Everything that asks "who is on the customer's side" (silence, standup answers, the readout)
 * builds it here.
 */
export function customerTeam(
  poc: Pick<Poc, 'evaluatorId' | 'championId' | 'economicBuyerId'>,
  evaluatorIds: readonly string[],
): TeamMember[] {
  const named: TeamMember[] = [
    { userId: poc.evaluatorId, role: 'lead' },
    ...evaluatorIds.map((userId) => ({ userId, role: 'evaluator' as const })),
    ...(poc.championId ? [{ userId: poc.championId, role: 'champion' as const }] : []),
    ...(poc.economicBuyerId ? [{ userId: poc.economicBuyerId, role: 'economic_buyer' as const }] : []),
  ];
  const seen = new Set<string>();
  return named.filter((m) => {
    if (!m.userId || seen.has(m.userId)) return false;
    seen.add(m.userId);
    return true;
  });
}

/** The evaluators other than the lead, each once, in the order given. */
export function otherEvaluators(leadId: string, evaluatorIds: readonly string[]): string[] {
  return [...new Set(evaluatorIds)].filter((id) => id !== leadId);
}

/**
 * Whose reaction is what (DESIGN.md, Interaction model): the lead's and any other customer
 * evaluator's decide; the SE's or the AE's is a vendor call that waits for the customer's
 * confirmation; anyone else's is an opinion.
 */
export function voterRole(
  poc: Pick<Poc, 'evaluatorId' | 'seId' | 'aeId'>,
  evaluatorIds: readonly string[],
  userId: string,
): VoterRole {
  if (userId === poc.evaluatorId) return 'lead';
  if (evaluatorIds.includes(userId)) return 'evaluator';
  if (userId === poc.seId || userId === poc.aeId) return 'vendor';
  return 'other';
}

export const teamRoleLabels: Record<TeamRole, string> = {
  lead: 'lead evaluator',
  evaluator: 'evaluator',
  champion: 'champion',
  economic_buyer: 'economic buyer',
};

/** What Slack says about the channel and the people named (users.info, conversations.info). */
export interface OrgFacts {
  /** Whether the channel is shared with another organization (Slack Connect); undefined: not known. */
  channelShared: boolean | undefined;
  /** The workspace the POC belongs to: the vendor's. */
  vendorTeamId: string;
  /** Each person's workspace; undefined when Slack did not say. */
  teamOf: ReadonlyMap<string, string | undefined>;
}

/**
 * In a channel shared with another organization the evaluators are the customer's people: naming
 * someone from the vendor's own workspace there is refused, on the field they were named in. In
 * an internal channel it is allowed (an internal evaluation). What Slack did not say is not held
 * against anyone.
 */
export function orgProblems(
  team: { evaluatorId: string | undefined; evaluatorIds: readonly string[] },
  facts: OrgFacts,
): Partial<Record<'evaluatorId' | 'evaluatorIds', string>> {
  if (facts.channelShared !== true) return {};
  const fromVendor = (id: string | undefined) =>
    id !== undefined && id !== '' && facts.teamOf.get(id) === facts.vendorTeamId;
  const out: Partial<Record<'evaluatorId' | 'evaluatorIds', string>> = {};
  const why =
    'This channel is shared with another organization, so the evaluators are expected from the customer’s side';
  if (fromVendor(team.evaluatorId))
    out.evaluatorId = `${why}, and the lead you named is from your own workspace. Name the customer’s technical evaluator.`;
  const inside = team.evaluatorIds.filter((id) => id !== team.evaluatorId && fromVendor(id));
  if (inside.length > 0) {
    out.evaluatorIds = `${why}; ${inside.length === 1 ? 'one person here is' : `${inside.length} people here are`} from your own workspace. Remove them from this field.`;
  }
  return out;
}

/** An internal evaluation: the channel is known not to be shared with another organization. */
export function isInternalEvaluation(poc: Pick<Poc, 'channelShared'>): boolean {
  return poc.channelShared === false;
}
