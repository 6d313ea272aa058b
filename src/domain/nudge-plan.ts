// The nudges due at `now`, decided from the watched POCs' facts: the silence, drift and fatigue
// rules, each finding admitted against the POC's earlier nudges (and those admitted earlier in the
// same plan). Pure: facts in, nudges out. The sweep (services/nudge-sweep.ts) loads the facts,
// applies each person's daily budget, records; the words are built in slack/views/nudges.ts from
// the evidence the plan gives.
import {
  businessDaysBetween,
  type Holidays,
  isBusinessDay,
  type LocalDate,
  localDate,
  localParts,
  slackTsToDate,
} from './calendar.js';
import { driftFindings, type Finding } from './drift.js';
import { pushback, type PushbackSignal, secondExtension, seOverloaded, standupsUnanswered } from './fatigue.js';
import { admit, type NudgeKind, type PriorNudge } from './nudge-rules.js';
import { isPaused } from './pause.js';
import type { Poc } from './poc.js';
import { metricChange } from './quantity.js';
import type { Progress } from './results.js';
import { type MemberSilence, spellOver, type TeamMemberFacts, teamSilence, whoIsActive } from './silence.js';

/**
 * What the rules read about one watched POC. The sweep may hand getters over its bulk reads: the
 * plan reads a fact only when a rule needs it (progress only on a nudging day, the escalation's
 * delivery only when someone is back).
 */
export interface PocNudgeFacts {
  poc: Poc;
  /** The customer side's days off (public holidays and the POC's own). */
  holidays: Holidays;
  team: readonly TeamMemberFacts[];
  /** The POC's recorded nudges, oldest first. */
  history: readonly PriorNudge[];
  /** The newest escalation recorded, and whether its post went out (not still queued, skipped or failed). */
  lastEscalation: { episode: string; wentOut: boolean } | undefined;
  progress: Pick<Progress, 'total' | 'decided' | 'undecided'>;
  scopeRequestCount: number;
  changesAfterSignoff: ReadonlyArray<{ id: number; field: string }>;
  /** Standups sent after the newest one the customer side answered, oldest first. */
  standupsSinceLastAnswered: ReadonlyArray<{ key: string; sentAt: string | null; dueAt: string }>;
  pendingPushback: ReadonlyArray<PushbackSignal & { id: number }>;
  extensionCount: number;
}

/** The silence of the team as the texts show it. */
export interface SilenceEvidence {
  timeZone: string;
  members: MemberSilence[];
  businessDaysQuiet: number;
  quietSince: LocalDate;
  decided: number;
  total: number;
}

/** What a nudge says, as facts: the words are slack/views' (nudgeEvidenceText). */
export type NudgeEvidence =
  | { type: 'text'; text: string }
  | { type: 'silence'; silence: SilenceEvidence }
  | { type: 'escalation'; escalation: EscalationEvidence }
  | {
      type: 'lead_quiet';
      timeZone: string;
      lead: MemberSilence;
      businessDaysQuiet: number;
      active: MemberSilence[];
      others: MemberSilence[];
    };

export interface EscalationEvidence extends SilenceEvidence {
  pocName: string;
  channelId: string;
  economicBuyerId: string | null;
  seId: string;
  aeId: string;
  endDate: LocalDate;
  businessDaysToEnd: number;
  metric: string | null;
}

/** A nudge admitted by the plan, before the budget. */
export interface PlannedNudge {
  poc: Poc;
  today: LocalDate;
  kind: NudgeKind;
  level: number;
  episode: string;
  recipientId: string;
  evidence: NudgeEvidence;
  key: string;
  /** Signals the nudge reports (consumed when it is recorded). */
  signalIds: number[];
}

/** A post to a channel (the escalation channel, or the AE when there is none). */
export type PlannedChannelPost =
  | { kind: 'escalation'; nudge: PlannedNudge; escalation: EscalationEvidence }
  | {
      kind: 'evaluator_back';
      nudge: PlannedNudge;
      back: {
        pocName: string;
        channelId: string;
        userId: string;
        role: MemberSilence['role'] | undefined;
        backOn: LocalDate;
      };
    };

export interface NudgePlan {
  /** DMs, in the order found: POC by POC, rule by rule (the budget keeps the first it meets). */
  nudges: PlannedNudge[];
  channelPosts: PlannedChannelPost[];
}

const watchedStages: readonly string[] = ['signed_off', 'active', 'readout'];

/** Watched POCs: signed off, active or in readout, not closed, jobs not halted. */
export function isWatched(poc: Pick<Poc, 'stage' | 'closedAt' | 'jobsHaltedReason'>): boolean {
  return watchedStages.includes(poc.stage) && !poc.closedAt && !poc.jobsHaltedReason;
}

/**
 * Every nudge due at `now` for these POCs, in the order the budget must meet them: by stage, then
 * id. `allPocs` (default: the POCs of `facts`) are the open POCs the SE overload rule counts; an
 * SE's overload is reported on their newest running POC, which must be among `facts` to be found.
 */
export function planNudges(facts: readonly PocNudgeFacts[], now: Date, allPocs?: readonly Poc[]): NudgePlan {
  const watched = facts
    .filter((f) => isWatched(f.poc))
    .sort((a, b) => (a.poc.stage < b.poc.stage ? -1 : a.poc.stage > b.poc.stage ? 1 : a.poc.id - b.poc.id));
  const seLoad = seLoadFindings((allPocs ?? watched.map((f) => f.poc)).filter(isWatched), now);
  const nudges: PlannedNudge[] = [];
  const channelPosts: PlannedChannelPost[] = [];

  for (const f of watched) {
    const { poc, holidays } = f;
    // What this plan admits is added to the POC's history: one rule's nudge holds back another's
    // (the cool-down) as the stored ones do.
    const history: PriorNudge[] = [...f.history];
    const consider = (d: Omit<PlannedNudge, 'key'>): PlannedNudge | undefined => {
      const verdict = admit(
        { pocId: poc.id, kind: d.kind, episode: d.episode, recipientId: d.recipientId },
        d.today,
        history,
      );
      if (!verdict.admit) return undefined;
      history.push({
        key: verdict.key,
        pocId: poc.id,
        kind: d.kind,
        episode: d.episode,
        recipientId: d.recipientId,
        localDate: d.today,
        status: 'sent',
        outcome: null,
        snoozedUntil: null,
      });
      return { ...d, key: verdict.key };
    };
    const { date: today, time } = localParts(now, poc.timeZone);
    // The customer side is a team: it is quiet only when nobody present on it has been active,
    // counted in the customer side's business days (their public holidays and the days off),
    // less each member's time off.
    const silence = teamSilence(poc, today, holidays, f.team);

    // Someone on the team is back after an escalation: say so, whatever the day or hour; but only
    // about an escalation that went out (one still queued is withdrawn when its turn comes).
    const back = silence.lastActive;
    const lastEscalation = back ? f.lastEscalation : undefined;
    if (lastEscalation && back && spellOver(lastEscalation.episode, back.ts) && lastEscalation.wentOut) {
      const target = poc.escalationChannelId ?? poc.aeId;
      const role = silence.members.find((m) => m.userId === back.userId)?.role;
      const nudge = consider({
        poc,
        today,
        kind: 'evaluator_back',
        level: 0,
        episode: lastEscalation.episode,
        recipientId: target,
        evidence: { type: 'text', text: `<@${back.userId}> is active again.` },
        signalIds: [],
      });
      if (nudge) {
        const backOn = localDate(slackTsToDate(back.ts), poc.timeZone);
        channelPosts.push({
          kind: 'evaluator_back',
          nudge,
          back: { pocName: poc.name, channelId: poc.channelId, userId: back.userId, role, backOn },
        });
      }
    }

    // Nudges go out on the POC's business days, from its standup time, and never while paused.
    if (!isBusinessDay(today, holidays) || time < poc.standupTime || isPaused(poc, today)) continue;

    const prog = f.progress;
    const toSe = (
      finding: Finding | { kind: NudgeKind; episode: string; evidence: NudgeEvidence; copyAe?: boolean },
      signalIds: number[] = [],
    ) => {
      const evidence: NudgeEvidence =
        typeof finding.evidence === 'string' ? { type: 'text', text: finding.evidence } : finding.evidence;
      const d = consider({
        poc,
        today,
        kind: finding.kind,
        level: 1,
        episode: finding.episode,
        recipientId: poc.seId,
        evidence,
        signalIds,
      });
      if (d) nudges.push(d);
      if (finding.copyAe && poc.aeId !== poc.seId) {
        const ae = consider({
          poc,
          today,
          kind: finding.kind,
          level: 1,
          episode: finding.episode,
          recipientId: poc.aeId,
          evidence,
          signalIds: [],
        });
        if (ae) nudges.push(ae);
      }
    };

    // Silence of the whole team: level 1 to the SE, level 2 to the AE and the escalation channel.
    const quiet: SilenceEvidence = {
      timeZone: poc.timeZone,
      members: silence.members,
      businessDaysQuiet: silence.businessDaysQuiet,
      quietSince: silence.quietSince,
      decided: prog.decided,
      total: prog.total,
    };
    if (silence.level >= 1)
      toSe({ kind: 'silence', episode: silence.spell, evidence: { type: 'silence', silence: quiet } });
    if (silence.level >= 2) {
      const escalation: EscalationEvidence = {
        ...quiet,
        pocName: poc.name,
        channelId: poc.channelId,
        economicBuyerId: poc.economicBuyerId,
        seId: poc.seId,
        aeId: poc.aeId,
        endDate: poc.endDate,
        businessDaysToEnd: businessDaysBetween(today, poc.endDate, holidays),
        metric: metricChange(poc),
      };
      const evidence: NudgeEvidence = { type: 'escalation', escalation };
      const ae = consider({
        poc,
        today,
        kind: 'escalation',
        level: 2,
        episode: silence.spell,
        recipientId: poc.aeId,
        evidence,
        signalIds: [],
      });
      if (ae) nudges.push(ae);
      if (poc.escalationChannelId) {
        const ch = consider({
          poc,
          today,
          kind: 'escalation',
          level: 2,
          episode: silence.spell,
          recipientId: poc.escalationChannelId,
          evidence,
          signalIds: [],
        });
        if (ch) channelPosts.push({ kind: 'escalation', nudge: ch, escalation });
      }
    }
    // The lead quiet while others on the team are not: one lower-key DM to the SE, never an escalation.
    if (silence.leadQuiet) {
      const lead = silence.leadQuiet;
      const { active, quiet: others } = whoIsActive(silence, poc.silenceNudgeDays);
      toSe({
        kind: 'lead_quiet',
        episode: lead.lastTs ?? 'none',
        evidence: {
          type: 'lead_quiet',
          timeZone: poc.timeZone,
          lead,
          businessDaysQuiet: lead.businessDaysQuiet,
          active,
          others: others.filter((m) => m.userId !== lead.userId),
        },
      });
    }

    // Drift.
    for (const finding of driftFindings({
      poc,
      today,
      holidays,
      progress: prog,
      scopeRequestCount: f.scopeRequestCount,
      changesAfterSignoff: f.changesAfterSignoff,
    })) {
      toSe(finding);
    }

    // Fatigue.
    const standups = f.standupsSinceLastAnswered.map((r) => ({
      key: r.key,
      day: localDate(new Date(r.sentAt ?? r.dueAt), poc.timeZone),
    }));
    const unanswered = standupsUnanswered(standups, today);
    if (unanswered) toSe(unanswered);
    const signals = f.pendingPushback;
    const push = pushback(signals);
    if (push)
      toSe(
        push,
        signals.map((s) => s.id),
      );
    const ext = secondExtension(f.extensionCount);
    if (ext) toSe(ext);
    const load = seLoad.get(poc.id);
    if (load) toSe(load);
  }
  return { nudges, channelPosts };
}

/** For each SE over the limit, the overload finding, attached to their newest running POC. */
export function seLoadFindings(pocs: readonly Poc[], now: Date): Map<number, Finding> {
  const bySe = new Map<string, Poc[]>();
  for (const p of pocs) {
    const today = localDate(now, p.timeZone);
    const running =
      (p.stage === 'active' || p.stage === 'readout' || (p.stage === 'signed_off' && today >= p.startDate)) &&
      !isPaused(p, today);
    if (!running) continue;
    const k = `${p.teamId}:${p.seId}`;
    const list = bySe.get(k);
    if (list) list.push(p);
    else bySe.set(k, [p]);
  }
  const out = new Map<number, Finding>();
  for (const list of bySe.values()) {
    const f = seOverloaded(list);
    const newest = list.reduce((a, b) => (b.id > a.id ? b : a));
    if (f) out.set(newest.id, f);
  }
  return out;
}
