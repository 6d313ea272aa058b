// The POC model and its lifecycle. Pure: no Slack, no SQL, no clock.

export const stages = [
  'draft',
  'awaiting_signoff',
  'signed_off',
  'active',
  'readout',
  'won',
  'lost',
  'no_decision',
  'abandoned',
] as const;
export type Stage = (typeof stages)[number];

export const closedStages = ['won', 'lost', 'no_decision', 'abandoned'] as const;
export type ClosedStage = (typeof closedStages)[number];

export function isClosed(stage: Stage): stage is ClosedStage {
  return (closedStages as readonly string[]).includes(stage);
}

export const stageLabels: Record<Stage, string> = {
  draft: 'draft',
  awaiting_signoff: 'not signed off',
  signed_off: 'signed off, awaiting start',
  active: 'active',
  readout: 'readout',
  won: 'won',
  lost: 'lost',
  no_decision: 'no decision',
  abandoned: 'abandoned',
};

export const categories = ['functional', 'integration', 'performance', 'user_experience', 'business'] as const;
export type Category = (typeof categories)[number];
export const categoryLabels: Record<Category, string> = {
  functional: 'Functional',
  integration: 'Integration',
  performance: 'Performance',
  user_experience: 'User experience',
  business: 'Business',
};

export const pocKinds = ['poc', 'pov'] as const;
export type PocKind = (typeof pocKinds)[number];
/** 1 = Monday … 5 = Friday (ISO weekday numbers). */
export type Weekday = 1 | 2 | 3 | 4 | 5;

export interface Poc {
  id: number;
  teamId: string;
  /** The team's Enterprise Grid org ('' or absent when none): with teamId, whose token its posts use. */
  enterpriseId?: string | undefined;
  channelId: string;
  kind: PocKind;
  name: string;
  hypothesis: string;
  stage: Stage;
  timeZone: string;
  /** Calendar days in the POC's zone, 'YYYY-MM-DD'. */
  startDate: string;
  endDate: string;
  readoutDate: string;
  checkpointWeekday: number;
  /** 'HH:MM', local to timeZone. */
  standupTime: string;
  /** Each side's public holidays: ISO country code and optional state or region (see public-holidays.ts); null: none known. */
  vendorCountry: string | null;
  vendorRegion: string | null;
  customerCountry: string | null;
  customerRegion: string | null;
  longOverride: boolean;
  evaluatorId: string;
  economicBuyerId: string | null;
  aeId: string;
  seId: string;
  championId: string | null;
  procurementId: string | null;
  escalationChannelId: string | null;
  nextStep: string;
  outOfScope: string;
  metricName: string | null;
  metricBaseline: number | null;
  metricTarget: number | null;
  metricUnit: string | null;
  metricMeasured: number | null;
  metricNote: string | null;
  silenceNudgeDays: number;
  silenceEscalateDays: number;
  documentTs: string | null;
  scoreboardTs: string | null;
  signedOffBy: string | null;
  signedOffAt: string | null;
  /** When something signed changed after sign-off; null while the signature covers the document. */
  changedSinceSignoffAt: string | null;
  /** When the lead last signed again after a change (signedOffAt stays the first sign-off). */
  resignedOffAt: string | null;
  /** Whether the channel is shared with another organization, as last checked; null: not known. */
  channelShared: boolean | null;
  pausedUntil: string | null;
  pauseReason: string | null;
  outcomeReason: string | null;
  /** When the readout was last posted in the channel (ISO instant); null before. */
  readoutPostedAt: string | null;
  closedAt: string | null;
  jobsHaltedReason: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export const voteResults = ['pass', 'fail', 'partial'] as const;
export type Result = (typeof voteResults)[number];

/** What became of a scope request (`/poc scope`): not decided yet, after the POC, or in it. */
export const scopeDecisions = ['pending', 'deferred', 'accepted'] as const;
export type ScopeDecision = (typeof scopeDecisions)[number];

/** The two posts whose answers are recorded: the daily standup and the weekly checkpoint. */
export const answerKinds = ['standup', 'checkpoint'] as const;
export type AnswerKind = (typeof answerKinds)[number];
/**
 * Whose reaction a vote is: the lead evaluator's, another customer evaluator's, the vendor's (the
 * SE or the AE: a call awaiting the customer's confirmation), or anyone else's (an opinion).
 */
export const voterRoles = ['lead', 'evaluator', 'vendor', 'other'] as const;
export type VoterRole = (typeof voterRoles)[number];
export type CustomerRole = Extract<VoterRole, 'lead' | 'evaluator'>;

export interface Criterion {
  id: number;
  pocId: number;
  position: number;
  statement: string;
  threshold: string;
  category: Category;
  messageTs: string | null;
  droppedAt: string | null;
  droppedReason: string | null;
  /** Goes up each time the statement or threshold changes; calls on earlier revisions are history. */
  revision: number;
}

export interface Vote {
  criterionId: number;
  userId: string;
  role: VoterRole;
  result: Result;
  reaction: string;
  /** ISO instant of the reaction (from its event ts). */
  votedAt: string;
  /** The Slack ts of the reaction's event: the order calls were made in. */
  eventTs: string;
  /** The criterion's revision the call was made on. */
  revision: number;
}

/** A thread reply on a criterion message: its evidence. */
export interface Evidence {
  criterionId: number;
  userId: string;
  text: string;
  messageTs: string;
  /** A link to the thread reply; null when Slack would not give one. */
  permalink: string | null;
  postedAt: string;
}

/** Reactions that decide a criterion (DESIGN.md, Interaction model). */
export const reactionResults: Readonly<Record<string, Result>> = {
  white_check_mark: 'pass',
  heavy_check_mark: 'pass',
  x: 'fail',
  large_yellow_circle: 'partial',
};

/** The base name of a reaction: skin tones arrive as "x::skin-tone-2". */
export function reactionBase(reaction: string): string {
  return reaction.split('::')[0] ?? reaction;
}
