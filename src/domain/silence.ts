// The silence detector. The customer's side is a team: the evaluators (the lead among them), the
// champion and the economic buyer. The side is quiet only when nobody on it has been active, so
// the count that escalates is the team's: the fewest quiet business days of anyone present.
//
// Each person's quiet days are counted in the customer side's business days (their public
// holidays and the POC's days off come in as `holidays`), in the POC's zone, from the latest of:
// their last activity, the sign-off, the start date, the end of a pause, and their first business
// day back from time off (a fresh count, so no escalation lands on the morning they return).
// Someone away today is neither counted quiet nor pinged. Friday → Monday is one day, not three.
import {
  addBusinessDays,
  addDays,
  businessDaysBetween,
  type Holidays,
  type LocalDate,
  localDate,
  slackTsToDate,
} from './calendar.js';
import { compareSlackTs } from './activity.js';
import { isPaused } from './pause.js';
import type { Poc } from './poc.js';

export type SilencePoc = Pick<
  Poc,
  'stage' | 'startDate' | 'signedOffAt' | 'pausedUntil' | 'timeZone' | 'silenceNudgeDays' | 'silenceEscalateDays'
>;

/** Who is on the customer's side of a POC. */
export type TeamRole = 'lead' | 'evaluator' | 'champion' | 'economic_buyer';

/** Time off, from and to inclusive, as days of the POC's calendar. */
export interface TimeOff {
  from: LocalDate;
  to: LocalDate;
}

export interface TeamMemberFacts {
  userId: string;
  role: TeamRole;
  /** Their newest activity in the POC's channel (a Slack ts); undefined when none yet. */
  lastTs: string | undefined;
  timeOff: readonly TimeOff[];
}

export interface MemberSilence {
  userId: string;
  role: TeamRole;
  lastTs: string | undefined;
  /** The time off that covers today, when they are away. */
  away: TimeOff | undefined;
  /** The local day their count starts after. */
  quietSince: LocalDate;
  /** 0 while away. */
  businessDaysQuiet: number;
}

export interface TeamSilence {
  /** Only signed-off/active POCs that have started are watched. */
  watched: boolean;
  paused: boolean;
  /** Identifies the team's quiet spell: its newest activity ts ('none' before any). Each level fires once per spell. */
  spell: string;
  /** The newest activity on the team: who, and its ts. */
  lastActive: { userId: string; ts: string } | undefined;
  /** Business days nobody present on the team has been active: the fewest of those not away (0 when all are away). */
  businessDaysQuiet: number;
  /** The local day the team's count starts after. */
  quietSince: LocalDate;
  /** 0 quiet enough, 1 nudge the SE, 2 escalate to the AE. Always 0 when paused, not watched, or everyone is away. */
  level: 0 | 1 | 2;
  /** Everyone on the team, in the order given. */
  members: MemberSilence[];
  everyoneAway: boolean;
  /**
   * Every evaluator (the lead and the evaluation team) is away. The count stops then even if the
   * champion or the economic buyer is around: the silence is counted less each evaluator's time
   * off, and a champion who never writes in the channel must not escalate the lead's vacation.
   */
  evaluatorsAway: boolean;
  /**
   * The lead, when they have been quiet for the nudge threshold while the team has not (someone
   * else on it was active): worth one lower-key DM to the SE, never an escalation.
   */
  leadQuiet: MemberSilence | undefined;
}

/** The time off that covers `day`, if any. */
export function timeOffOn(timeOff: readonly TimeOff[], day: LocalDate): TimeOff | undefined {
  return timeOff.find((t) => t.from <= day && day <= t.to);
}

/** The first business day after a time off ends: where a fresh count starts. */
export function firstDayBack(t: TimeOff, holidays: Holidays): LocalDate {
  return addBusinessDays(addDays(t.to, 1), 0, holidays);
}

const latest = (days: LocalDate[]): LocalDate => days.reduce((a, b) => (b > a ? b : a));

function memberSilence(
  poc: SilencePoc,
  today: LocalDate,
  holidays: Holidays,
  m: TeamMemberFacts,
  commonSince: LocalDate,
): MemberSilence {
  const away = m.timeOff.length > 0 ? timeOffOn(m.timeOff, today) : undefined;
  let quietSince = commonSince;
  if (m.lastTs) {
    const last = localDate(slackTsToDate(m.lastTs), poc.timeZone);
    if (last > quietSince) quietSince = last;
  }
  for (const t of m.timeOff) {
    if (t.to >= today) continue;
    const back = firstDayBack(t, holidays);
    if (back > quietSince) quietSince = back;
  }
  const businessDaysQuiet = away ? 0 : businessDaysBetween(quietSince, today, holidays);
  return { userId: m.userId, role: m.role, lastTs: m.lastTs, away, quietSince, businessDaysQuiet };
}

/**
 * The customer side's silence on `today`. `members` must hold the lead; the same person named in
 * two roles may appear once.
 */
export function teamSilence(
  poc: SilencePoc,
  today: LocalDate,
  holidays: Holidays,
  members: readonly TeamMemberFacts[],
): TeamSilence {
  const watched = (poc.stage === 'signed_off' || poc.stage === 'active') && today >= poc.startDate;
  const paused = isPaused(poc, today);
  const common: LocalDate[] = [poc.startDate];
  if (poc.signedOffAt) common.push(localDate(new Date(poc.signedOffAt), poc.timeZone));
  // A pause that is over restarts the count: its days were agreed quiet days.
  if (poc.pausedUntil && poc.pausedUntil < today) common.push(poc.pausedUntil);

  const commonSince = latest(common);
  const all = members.map((m) => memberSilence(poc, today, holidays, m, commonSince));
  let lastActive: TeamSilence['lastActive'];
  for (const m of all) {
    if (m.lastTs && (!lastActive || compareSlackTs(m.lastTs, lastActive.ts) > 0))
      lastActive = { userId: m.userId, ts: m.lastTs };
  }
  const present = all.filter((m) => !m.away);
  const everyoneAway = present.length === 0;
  const evaluatorsAway = !present.some((m) => m.role === 'lead' || m.role === 'evaluator');
  // The least quiet person present sets the team's count (and the day it counts from).
  const leastQuiet = present.reduce<MemberSilence | undefined>(
    (a, m) =>
      !a ||
      m.businessDaysQuiet < a.businessDaysQuiet ||
      (m.businessDaysQuiet === a.businessDaysQuiet && m.quietSince > a.quietSince)
        ? m
        : a,
    undefined,
  );
  const businessDaysQuiet = leastQuiet?.businessDaysQuiet ?? 0;
  const quietSince = leastQuiet?.quietSince ?? latest(common);

  let level: 0 | 1 | 2 = 0;
  const counting = watched && !paused && !everyoneAway && !evaluatorsAway;
  if (counting) {
    if (businessDaysQuiet >= poc.silenceEscalateDays) level = 2;
    else if (businessDaysQuiet >= poc.silenceNudgeDays) level = 1;
  }
  const lead = all.find((m) => m.role === 'lead');
  const leadQuiet =
    counting && level === 0 && lead && !lead.away && lead.businessDaysQuiet >= poc.silenceNudgeDays ? lead : undefined;
  return {
    watched,
    paused,
    spell: lastActive?.ts ?? 'none',
    lastActive,
    businessDaysQuiet,
    quietSince,
    level,
    members: all,
    everyoneAway,
    evaluatorsAway,
    leadQuiet,
  };
}

/** Team members active within the nudge threshold (not quiet), and those quiet, for the texts that name them. */
export function whoIsActive(
  s: Pick<TeamSilence, 'members'>,
  nudgeDays: number,
): { active: MemberSilence[]; quiet: MemberSilence[]; away: MemberSilence[] } {
  const away = s.members.filter((m) => m.away);
  const present = s.members.filter((m) => !m.away);
  return {
    active: present.filter((m) => m.businessDaysQuiet < nudgeDays),
    quiet: present.filter((m) => m.businessDaysQuiet >= nudgeDays),
    away,
  };
}

/**
 * Whether the quiet spell a nudge was about (its episode) is over: someone on the team has done
 * something since, so the team's newest activity is no longer the one the spell was named after.
 */
export function spellOver(episode: string, lastActivityTs: string | undefined): lastActivityTs is string {
  return lastActivityTs !== undefined && lastActivityTs !== episode;
}
