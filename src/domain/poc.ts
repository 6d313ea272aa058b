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

export type PocKind = 'poc' | 'pov';
/** 1 = Monday … 5 = Friday (ISO weekday numbers). */
export type Weekday = 1 | 2 | 3 | 4 | 5;

export interface Poc {
  id: number;
  teamId: string;
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

export type Result = 'pass' | 'fail' | 'partial';
export type VoterRole = 'evaluator' | 'se' | 'other';

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
}

export interface Vote {
  criterionId: number;
  userId: string;
  role: VoterRole;
  result: Result;
  reaction: string;
  votedAt: string;
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

export function roleOf(poc: Pick<Poc, 'evaluatorId' | 'seId'>, userId: string): VoterRole {
  if (userId === poc.evaluatorId) return 'evaluator';
  if (userId === poc.seId) return 'se';
  return 'other';
}
