// The nudge sweep of every tick: silence, drift and fatigue decided through the domain rules,
// each person's daily budget applied, the nudges rows written (never on a dry run), and the
// posts returned for the outbox. What the recipient then does with a DM is in nudge-dms.ts.
import {
  businessDaysBetween,
  isBusinessDay,
  type LocalDate,
  localDate,
  localParts,
  slackTsToDate,
} from '../domain/calendar.js';
import { type Finding, driftFindings } from '../domain/drift.js';
import { pushback, secondExtension, seOverloaded, standupsUnanswered } from '../domain/fatigue.js';
import { groupBy } from '../domain/group-by.js';
import { admit, applyBudget, type NudgeKind, nudgeTitle, type PriorNudge } from '../domain/nudge-rules.js';
import type { Poc } from '../domain/poc.js';
import { isPaused } from '../domain/pause.js';
import { metricChange } from '../domain/quantity.js';
import { spellOver, teamSilence, whoIsActive } from '../domain/silence.js';
import {
  type EscalationFacts,
  escalationChannelPost,
  escalationDetail,
  evaluatorBackPost,
  leadQuietEvidence,
  quietMember,
  quietMembers,
  teamSilenceEvidence,
} from '../slack/views/nudge-messages.js';
import type { Store } from '../store/index.js';
import type { NudgeRow } from '../store/nudge-records.js';
import type { PlannedMessage } from '../store/outbox.js';
import type { OutgoingMessage } from './ports.js';
import { nudgeDmPrefix } from './nudge-dms.js';
import { TickSnapshot } from './tick-snapshot.js';

/** The outbox kinds of the sweep's posts. */
export const nudgePostKinds = ['nudge', 'escalation', 'evaluator_back'] as const;

/** A post the sweep wants sent (the nudges job hands these to the outbox as PlannedPosts). */
export interface NudgePost {
  key: string;
  pocId: number;
  kind: (typeof nudgePostKinds)[number];
  target: string;
  message: PlannedMessage;
  summary: string;
}

export interface SweepResult {
  /** Built one by one as they are read (a sweep over thousands of POCs never holds all the messages at once). */
  posts: Iterable<NudgePost>;
  /** Lines for the tick report about what was not posted (deferred over budget, or left for a later sweep). */
  notes: string[];
}

export interface SweepOptions {
  dryRun: boolean;
  snapshot?: TickSnapshot;
  /**
   * At most this many posts (DMs and channel posts) are decided and recorded this sweep; none
   * given: every one due. People are taken whole, in the order their nudges were found, so each
   * person's daily budget still weighs all of their nudges at once; those left over are found
   * again, still due, by a later sweep.
   */
  maxPosts?: number;
}

/** A nudge decided this sweep, before the budget. */
interface Draft {
  poc: Poc;
  today: LocalDate;
  kind: NudgeKind;
  level: number;
  episode: string;
  recipientId: string;
  detail: string;
  key: string;
  signalIds: number[];
}

/** Waiting (deferred earlier) or fresh, for the budget. */
type BudgetItem = { kind: string; draft?: Draft; row?: NudgeRow };

const watchedStages = ['signed_off', 'active', 'readout'] as const;

export class NudgeSweep {
  constructor(private readonly store: Store) {}

  /**
   * Decides every nudge due at `now`; records them unless `dryRun`. Reads through the tick's
   * snapshot (bulk, shared with the other jobs) when one is given.
   */
  sweep(now: Date, options: SweepOptions): SweepResult {
    const snap = options.snapshot ?? new TickSnapshot(this.store);
    // Watched POCs in the order `listInStages` gave (by stage, then id): the budget keeps the
    // first nudges it meets, so the order decides which are deferred.
    const watched: readonly string[] = watchedStages;
    const pocs = snap
      .pocs()
      .filter((p) => watched.includes(p.stage) && !p.closedAt && !p.jobsHaltedReason)
      .sort((a, b) => (a.stage < b.stage ? -1 : a.stage > b.stage ? 1 : a.id - b.id));
    const seLoad = this.seLoad(pocs, now);

    const drafts: Draft[] = [];
    const channelPosts: Array<{ draft: Draft; message: () => OutgoingMessage; kind: NudgePost['kind'] }> = [];
    const historyByPoc = new Map<number, PriorNudge[]>();
    const historyOf = (pocId: number): PriorNudge[] => {
      let h = historyByPoc.get(pocId);
      if (!h) {
        h = [...snap.nudges(pocId)];
        historyByPoc.set(pocId, h);
      }
      return h;
    };
    // Admits a nudge against the history (and what this sweep already admitted), and keeps it.
    const consider = (d: Omit<Draft, 'key'>): Draft | undefined => {
      const history = historyOf(d.poc.id);
      const verdict = admit({ pocId: d.poc.id, kind: d.kind, episode: d.episode, recipientId: d.recipientId }, d.today, history);
      if (!verdict.admit) return undefined;
      const draft = { ...d, key: verdict.key };
      history.push({
        key: draft.key,
        pocId: d.poc.id,
        kind: d.kind,
        episode: d.episode,
        recipientId: d.recipientId,
        localDate: d.today,
        status: 'sent',
        outcome: null,
        snoozedUntil: null,
      });
      return draft;
    };

    for (const poc of pocs) {
      const holidays = snap.holidays(poc.id);
      const { date: today, time } = localParts(now, poc.timeZone);
      // The customer side is a team: it is quiet only when nobody present on it has been active,
      // counted in the customer side's business days (their public holidays and the days off),
      // less each member's time off.
      const silence = teamSilence(poc, today, holidays, snap.team(poc.id));

      // Someone on the team is back after an escalation: say so, whatever the day or hour; but only
      // about an escalation that went out (one still queued is withdrawn when its turn comes, see
      // NudgeService.withdrawIfStale).
      const lastEscalation = snap.latestNudge(poc.id, 'escalation');
      const back = silence.lastActive;
      if (lastEscalation && back && spellOver(lastEscalation.episode, back.ts) && this.postWentOut(lastEscalation.key)) {
        const target = poc.escalationChannelId ?? poc.aeId;
        const role = silence.members.find((m) => m.userId === back.userId)?.role;
        const draft = consider({ poc, today, kind: 'evaluator_back', level: 0, episode: lastEscalation.episode, recipientId: target, detail: `<@${back.userId}> is active again.`, signalIds: [] });
        if (draft) {
          const backOn = localDate(slackTsToDate(back.ts), poc.timeZone);
          channelPosts.push({ draft, kind: 'evaluator_back', message: () => evaluatorBackPost({ pocName: poc.name, channelId: poc.channelId, userId: back.userId, role, backOn }) });
        }
      }

      // Nudges go out on the POC's business days, from its standup time, and never while paused.
      if (!isBusinessDay(today, holidays) || time < poc.standupTime || isPaused(poc, today)) continue;

      const prog = snap.progress(poc.id);
      const toSe = (f: Finding, signalIds: number[] = []) => {
        const d = consider({ poc, today, kind: f.kind, level: 1, episode: f.episode, recipientId: poc.seId, detail: f.evidence, signalIds });
        if (d) drafts.push(d);
        if (f.copyAe && poc.aeId !== poc.seId) {
          const ae = consider({ poc, today, kind: f.kind, level: 1, episode: f.episode, recipientId: poc.aeId, detail: f.evidence, signalIds: [] });
          if (ae) drafts.push(ae);
        }
      };

      // Silence of the whole team: level 1 to the SE, level 2 to the AE and the escalation channel.
      const members = quietMembers(silence.members);
      const quiet = { timeZone: poc.timeZone, members, businessDaysQuiet: silence.businessDaysQuiet, quietSince: silence.quietSince, decided: prog.decided, total: prog.total };
      if (silence.level >= 1) toSe({ kind: 'silence', episode: silence.spell, evidence: teamSilenceEvidence(quiet) });
      if (silence.level >= 2) {
        const facts: EscalationFacts = {
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
        const detail = escalationDetail(facts);
        const ae = consider({ poc, today, kind: 'escalation', level: 2, episode: silence.spell, recipientId: poc.aeId, detail, signalIds: [] });
        if (ae) drafts.push(ae);
        if (poc.escalationChannelId) {
          const ch = consider({ poc, today, kind: 'escalation', level: 2, episode: silence.spell, recipientId: poc.escalationChannelId, detail, signalIds: [] });
          if (ch) channelPosts.push({ draft: ch, kind: 'escalation', message: () => escalationChannelPost(facts) });
        }
      }
      // The lead quiet while others on the team are not: one lower-key DM to the SE, never an escalation.
      if (silence.leadQuiet) {
        const lead = silence.leadQuiet;
        const { active, quiet: others } = whoIsActive(silence, poc.silenceNudgeDays);
        const evidence = leadQuietEvidence({
          timeZone: poc.timeZone,
          lead: quietMember(lead),
          businessDaysQuiet: lead.businessDaysQuiet,
          active: quietMembers(active),
          others: quietMembers(others.filter((m) => m.userId !== lead.userId)),
        });
        toSe({ kind: 'lead_quiet', episode: lead.lastTs ?? 'none', evidence });
      }

      // Drift.
      for (const f of driftFindings({
        poc,
        today,
        holidays,
        progress: prog,
        scopeRequestCount: snap.scopeRequestCount(poc.id),
        changesAfterSignoff: snap.changesAfterSignoff(poc.id),
      })) {
        toSe(f);
      }

      // Fatigue.
      const standups = snap
        .standupsSinceLastAnswered(poc.id)
        .map((r) => ({ key: r.key, day: localDate(new Date(r.sentAt ?? r.dueAt), poc.timeZone) }));
      const unanswered = standupsUnanswered(standups, today);
      if (unanswered) toSe(unanswered);
      const signals = snap.pendingSignals(poc.id, 'pushback');
      const push = pushback(signals);
      if (push) toSe(push, signals.map((s) => s.id));
      const ext = secondExtension(snap.extensionCount(poc.id));
      if (ext) toSe(ext);
      const load = seLoad.get(poc.id);
      if (load) toSe(load);
    }

    return this.budgetAndRecord(drafts, channelPosts, now, options, snap);
  }

  /** Whether the nudge's DM or post was sent (not still queued, skipped or failed). */
  private postWentOut(nudgeKey: string): boolean {
    const key = `${nudgeDmPrefix}${nudgeKey}`;
    return this.store.outbox.statuses([key]).get(key) === 'sent';
  }

  /** For each SE over the limit, the overload finding, attached to their newest running POC. */
  private seLoad(pocs: Poc[], now: Date): Map<number, Finding> {
    const bySe = new Map<string, Poc[]>();
    for (const p of pocs) {
      const today = localDate(now, p.timeZone);
      const running = (p.stage === 'active' || p.stage === 'readout' || (p.stage === 'signed_off' && today >= p.startDate)) && !isPaused(p, today);
      if (!running) continue;
      const k = `${p.teamId}:${p.seId}`;
      bySe.set(k, [...(bySe.get(k) ?? []), p]);
    }
    const out = new Map<number, Finding>();
    for (const list of bySe.values()) {
      const f = seOverloaded(list);
      const newest = list.reduce((a, b) => (b.id > a.id ? b : a));
      if (f) out.set(newest.id, f);
    }
    return out;
  }

  private budgetAndRecord(
    drafts: Draft[],
    channelPosts: Array<{ draft: Draft; message: () => OutgoingMessage; kind: NudgePost['kind'] }>,
    now: Date,
    options: SweepOptions,
    snap: TickSnapshot,
  ): SweepResult {
    const posts: Array<() => NudgePost> = [];
    const notes: string[] = [];
    const writes: Array<() => void> = [];
    let room = options.maxPosts ?? Number.POSITIVE_INFINITY;
    let peopleLeft = 0;
    const createdAt = now.toISOString();
    const rowOf = (d: Draft, status: NudgeRow['status']) => ({
      key: d.key,
      pocId: d.poc.id,
      kind: d.kind,
      level: d.level,
      recipientId: d.recipientId,
      localDate: d.today,
      detail: d.detail,
      createdAt,
      episode: d.episode,
      status,
    });
    const consumeSignals = (d: Draft) => {
      if (d.signalIds.length > 0) writes.push(() => this.store.nudges.consumeSignals(d.signalIds, d.key));
    };

    const byRecipient = groupBy(drafts, (d) => d.recipientId);
    // People with nudges waiting from an earlier day get them today even when nothing new is due.
    const recipients = new Map<string, LocalDate>();
    for (const d of drafts) if (!recipients.has(d.recipientId)) recipients.set(d.recipientId, d.today);
    // Read once for every recipient (nothing is written until the end): deferred rows oldest
    // first, and the DMs already sent per person and day.
    const allWaiting = this.store.nudges.allWaiting();
    const waitingBy = groupBy(allWaiting, (r) => r.recipientId);
    for (const w of this.waitingRecipients(now, allWaiting, snap)) if (!recipients.has(w.recipientId)) recipients.set(w.recipientId, w.today);
    const sentCounts = this.store.nudges.sentCounts([...recipients.keys()], [...new Set(recipients.values())]);

    for (const [recipient, today] of recipients) {
      const fresh: BudgetItem[] = (byRecipient.get(recipient) ?? []).map((d) => ({ kind: d.kind, draft: d }));
      const waiting: BudgetItem[] = (waitingBy.get(recipient) ?? []).filter((r) => r.localDate < today).map((r) => ({ kind: r.kind, row: r }));
      const plan = applyBudget(fresh, waiting, sentCounts.get(recipient)?.get(today) ?? 0);
      // Once one person's DMs do not fit, nobody after them is decided this sweep (first found, first served).
      if (peopleLeft > 0 || plan.send.length > room) {
        peopleLeft++;
        continue;
      }
      room -= plan.send.length;
      const carried = plan.carried.map((i) => i.row).filter((r): r is NudgeRow => r !== undefined);
      plan.send.forEach((item, index) => {
        // The DM lists the folded nudges whose POC is still there (renderDm); the report line counts them.
        const pendingCount = index === 0 ? carried.filter((r) => snap.pocById(r.pocId)).length : 0;
        if (item.draft) {
          const d = item.draft;
          writes.push(() => this.store.nudges.insert(rowOf(d, 'sent')));
          consumeSignals(d);
          posts.push(() => this.dmPost(d.key, d.poc, d.kind, d.recipientId, pendingCount));
          if (index === 0 && carried.length > 0) writes.push(() => this.store.nudges.fold(carried.map((r) => r.key), d.key));
        } else if (item.row) {
          const r = item.row;
          const poc = snap.pocById(r.pocId);
          if (!poc) return;
          writes.push(() => this.store.nudges.promote(r.key, today));
          posts.push(() => this.dmPost(r.key, poc, r.kind, r.recipientId, pendingCount));
          if (index === 0 && carried.length > 0) writes.push(() => this.store.nudges.fold(carried.map((c) => c.key), r.key));
        }
      });
      for (const item of plan.defer) {
        const d = item.draft;
        if (!d) continue;
        writes.push(() => this.store.nudges.insert(rowOf(d, 'deferred')));
        consumeSignals(d);
        notes.push(`deferred ${d.kind} for ${d.poc.name} → ${recipient}: over today's budget, folded into the next day's first nudge`);
      }
    }

    let channelPostsLeft = 0;
    for (const c of channelPosts) {
      if (channelPostsLeft > 0 || room < 1) {
        channelPostsLeft++;
        continue;
      }
      room--;
      writes.push(() => this.store.nudges.insert(rowOf(c.draft, 'sent')));
      posts.push(() => ({
        key: `${nudgeDmPrefix}${c.draft.key}`,
        pocId: c.draft.poc.id,
        kind: c.kind,
        target: c.draft.recipientId,
        message: c.message(),
        summary: `${nudgeTitle(c.draft.kind)} · ${c.draft.poc.name}`,
      }));
    }

    if (peopleLeft > 0 || channelPostsLeft > 0) {
      const who = [
        peopleLeft > 0 ? `${peopleLeft} ${peopleLeft === 1 ? "person's" : "people's"} nudges` : '',
        channelPostsLeft > 0 ? `${channelPostsLeft} channel post${channelPostsLeft === 1 ? '' : 's'}` : '',
      ]
        .filter(Boolean)
        .join(' and ');
      notes.push(`${who} left for a later tick: decided when the outbox has room for their posts (room for ${options.maxPosts ?? 0} this tick)`);
    }
    if (!options.dryRun && writes.length > 0) this.store.transaction(() => writes.forEach((w) => w()));
    return {
      posts: (function* () {
        for (const make of posts) yield make();
      })(),
      notes,
    };
  }

  /** People with deferred nudges from an earlier local day, with that person's "today". */
  private waitingRecipients(now: Date, allWaiting: NudgeRow[], snap: TickSnapshot): Array<{ recipientId: string; today: LocalDate }> {
    const out: Array<{ recipientId: string; today: LocalDate }> = [];
    const seen = new Set<string>();
    for (const r of allWaiting) {
      if (seen.has(r.recipientId)) continue;
      const poc = snap.pocById(r.pocId);
      if (!poc) continue;
      const today = localDate(now, poc.timeZone);
      const { time } = localParts(now, poc.timeZone);
      const holidays = snap.holidays(poc.id);
      if (r.localDate >= today || !isBusinessDay(today, holidays) || time < poc.standupTime) continue;
      seen.add(r.recipientId);
      out.push({ recipientId: r.recipientId, today });
    }
    return out;
  }

  /**
   * The DM of a nudge recorded this sweep. Its message is built when it is sent
   * (NudgeService.dmFor), from the nudge row and the rows folded into it, which the sweep has
   * written by then.
   */
  private dmPost(key: string, poc: Poc, kind: string, recipientId: string, pendingCount: number): NudgePost {
    const pending = pendingCount > 0 ? ` (+${pendingCount} pending)` : '';
    return {
      key: `${nudgeDmPrefix}${key}`,
      pocId: poc.id,
      kind: kind === 'escalation' ? 'escalation' : 'nudge',
      target: recipientId,
      message: { deferred: { view: 'nudge', key } },
      summary: `${nudgeTitle(kind)} · ${poc.name}${pending}`,
    };
  }
}
