// What `/poc status`, `/poc list` and the App Home show about a POC: one read model built from
// rows the service loaded, so the three surfaces cannot disagree. Pure: `now` comes in.
import { businessDaysBetween, type Holidays, type LocalDate, localDate, slackTsToDate } from './calendar.js';
import { isStaleBlocker, type PocIssue } from './issues.js';
import { type Criterion, type Evidence, isClosed, type Poc, type Stage, type Vote } from './poc.js';
import { type CriterionStanding, type Progress, progress, standings } from './results.js';
import { nextCheckpoint, nextStandup } from './schedule-dates.js';
import { awaitingResignoffLabel } from './signoff.js';
import type { TeamMemberFacts, TeamRole } from './silence.js';
import { type Timeline, timeline } from './timeline.js';

export interface PocSummaryInput {
  poc: Poc;
  criteria: Criterion[];
  votes: Vote[];
  evidence: Evidence[];
  issues: PocIssue[];
  holidays: Holidays;
  /** The customer side (services/team.ts), each with their newest activity in the channel. */
  team: ReadonlyArray<Pick<TeamMemberFacts, 'userId' | 'role' | 'lastTs'>>;
  pendingScopeRequests: number;
  now: Date;
}

export interface MemberActivity {
  userId: string;
  role: TeamRole;
  lastActivity: Date | undefined;
  /** Business days since their last activity; undefined when none was recorded. */
  quietDays: number | undefined;
}

export interface PocSummary {
  poc: Poc;
  today: LocalDate;
  timeline: Timeline;
  standings: CriterionStanding[];
  progress: Progress;
  evidenceByCriterion: Map<number, Evidence[]>;
  openIssues: PocIssue[];
  staleBlockers: PocIssue[];
  /** The customer side, lead first, with each one's last activity. */
  team: MemberActivity[];
  /** Business days since anyone on the customer side was active; undefined when nobody has been. */
  teamQuietDays: number | undefined;
  nextStandup: Date | undefined;
  nextCheckpoint: LocalDate | undefined;
  pendingScopeRequests: number;
  risks: string[];
}

export function summarize(input: PocSummaryInput): PocSummary {
  const { poc, holidays, now } = input;
  const today = localDate(now, poc.timeZone);
  const list = standings(input.criteria, input.votes);
  const prog = progress(list);
  const line = timeline(poc, today, holidays);
  const evidenceByCriterion = new Map<number, Evidence[]>();
  for (const e of input.evidence) {
    const bucket = evidenceByCriterion.get(e.criterionId) ?? [];
    bucket.push(e);
    evidenceByCriterion.set(e.criterionId, bucket);
  }
  const openIssues = input.issues.filter((i) => i.resolvedAt === null);
  const staleBlockers = openIssues.filter((i) => isStaleBlocker(i, today, poc.timeZone, holidays));
  const team: MemberActivity[] = input.team.map((m) => {
    const lastActivity = m.lastTs ? slackTsToDate(m.lastTs) : undefined;
    const quietDays = lastActivity
      ? businessDaysBetween(localDate(lastActivity, poc.timeZone), today, holidays)
      : undefined;
    return { userId: m.userId, role: m.role, lastActivity, quietDays };
  });
  const known = team.map((m) => m.quietDays).filter((d): d is number => d !== undefined);
  const teamQuietDays = known.length > 0 ? Math.min(...known) : undefined;
  const summary: PocSummary = {
    poc,
    today,
    timeline: line,
    standings: list,
    progress: prog,
    evidenceByCriterion,
    openIssues,
    staleBlockers,
    team,
    teamQuietDays,
    nextStandup: nextStandup(poc, now, holidays),
    nextCheckpoint: nextCheckpoint(poc, now, holidays),
    pendingScopeRequests: input.pendingScopeRequests,
    risks: [],
  };
  summary.risks = riskFlags(summary);
  return summary;
}

/** Short flags for the list and the Home tab: what needs the SE's attention first. */
export function riskFlags(s: Omit<PocSummary, 'risks'>): string[] {
  const { poc, progress: p, timeline: t, today } = s;
  if (isClosed(poc.stage)) return [];
  const flags: string[] = [];
  if (poc.stage === 'awaiting_signoff') flags.push('criteria not signed off');
  if (poc.changedSinceSignoffAt !== null) flags.push(`criteria ${awaitingResignoffLabel}`);
  if (poc.stage === 'draft') flags.push('draft: criteria not posted');
  if (poc.stage === 'active' || poc.stage === 'readout') {
    if (today > poc.endDate && p.undecided > 0) flags.push(`past end date with ${p.undecided} undecided`);
    else if (t.businessDaysLeft <= 2 && p.undecided > 0)
      flags.push(`${p.undecided} undecided, ${t.businessDaysLeft} business days left`);
    if (today > poc.readoutDate && poc.stage === 'active') flags.push('readout date passed');
  }
  if (s.staleBlockers.length > 0) flags.push(`${s.staleBlockers.length} blocker(s) open > 2 business days`);
  if (poc.stage === 'active' && s.teamQuietDays !== undefined && s.teamQuietDays >= poc.silenceNudgeDays) {
    flags.push(`evaluation team quiet ${s.teamQuietDays} business days`);
  } else if (poc.stage === 'active') {
    // The lead quiet while others on the team are not: worth knowing, never "the team is quiet".
    const lead = s.team.find((m) => m.role === 'lead');
    if (lead?.quietDays !== undefined && lead.quietDays >= poc.silenceNudgeDays && s.team.length > 1)
      flags.push(`lead evaluator quiet ${lead.quietDays} business days`);
  }
  if (p.awaiting > 0) flags.push(`${p.awaiting} vendor call(s) awaiting customer confirmation`);
  if (s.pendingScopeRequests > 0) flags.push(`${s.pendingScopeRequests} scope request(s) to decide`);
  if (p.fail > 0 && !isClosed(poc.stage)) flags.push(`${p.fail} failed`);
  return flags;
}

/** Two active POCs and one in design is what one SE can run well (issue 4). */
export const sustainableLoad = { active: 2, design: 1 } as const;

const activeStages: readonly Stage[] = ['signed_off', 'active', 'readout'];
const designStages: readonly Stage[] = ['draft', 'awaiting_signoff'];

export interface Load {
  active: number;
  design: number;
  overloaded: boolean;
}

export function loadOf(pocs: Array<Pick<Poc, 'stage'>>): Load {
  const active = pocs.filter((p) => activeStages.includes(p.stage)).length;
  const design = pocs.filter((p) => designStages.includes(p.stage)).length;
  return { active, design, overloaded: active > sustainableLoad.active || design > sustainableLoad.design };
}
