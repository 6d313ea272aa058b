// The nudge sweep of every tick: loads the watched POCs' facts (through the tick's snapshot), lets
// the pure plan (domain/nudge-plan.ts) decide the nudges due, applies each person's daily budget,
// writes the nudges rows (never on a dry run), and returns the posts for the outbox. What the
// recipient then does with a DM is in nudge-dms.ts.
import { isBusinessDay, type LocalDate, localDate, localParts } from '../domain/calendar.js';
import { groupBy } from '../domain/group-by.js';
import { isWatched, type PlannedNudge, planNudges, type PocNudgeFacts } from '../domain/nudge-plan.js';
import { applyBudget, nudgeTitle } from '../domain/nudge-rules.js';
import type { Poc } from '../domain/poc.js';
import { nudgeEvidenceText, plannedChannelPost } from '../slack/views/nudge-messages.js';
import type { Store } from '../store/index.js';
import type { NewNudge, NudgeRow } from '../store/nudge-records.js';
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
  /** The POCs of the nudges left for a later sweep (no room this tick): still due. */
  left: number[];
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

/** A nudge decided this sweep, before the budget: the plan's, its evidence written out. */
type Draft = Omit<PlannedNudge, 'evidence'> & { detail: string };

/** Waiting (deferred earlier) or fresh, for the budget. */
type BudgetItem = { kind: string; draft?: Draft; row?: NudgeRow };

export class NudgeSweep {
  constructor(private readonly store: Store) {}

  /**
   * Decides every nudge due at `now`; records them unless `dryRun`. Reads through the tick's
   * snapshot (bulk, shared with the other jobs) when one is given.
   */
  async sweep(now: Date, options: SweepOptions): Promise<SweepResult> {
    const snap = options.snapshot ?? (await TickSnapshot.load(this.store));
    const plan = planNudges(
      snap
        .pocs()
        .filter(isWatched)
        .map((poc) => this.factsOf(poc, snap)),
      now,
    );
    const drafts: Draft[] = plan.nudges.map((n) => this.draftOf(n));
    const channelPosts = plan.channelPosts.map((c) => ({
      draft: this.draftOf(c.nudge),
      kind: c.kind,
      message: () => plannedChannelPost(c),
    }));
    return this.budgetAndRecord(drafts, channelPosts, now, options, snap);
  }

  /** What the rules read about one POC, from the snapshot's bulk reads, each read when a rule asks. */
  private factsOf(poc: Poc, snap: TickSnapshot): PocNudgeFacts {
    const id = poc.id;
    return {
      poc,
      holidays: snap.holidays(id),
      get team() {
        return snap.team(id);
      },
      get history() {
        return snap.nudges(id);
      },
      get lastEscalation() {
        const row = snap.latestNudge(id, 'escalation');
        return (
          row && {
            episode: row.episode,
            get wentOut() {
              return snap.escalationWentOut(row.key);
            },
          }
        );
      },
      get progress() {
        return snap.progress(id);
      },
      get scopeRequestCount() {
        return snap.scopeRequestCount(id);
      },
      get changesAfterSignoff() {
        return snap.changesAfterSignoff(id);
      },
      get standupsSinceLastAnswered() {
        return snap.standupsSinceLastAnswered(id);
      },
      get pendingPushback() {
        return snap.pendingSignals(id, 'pushback');
      },
      get extensionCount() {
        return snap.extensionCount(id);
      },
    };
  }

  private draftOf(n: PlannedNudge): Draft {
    const { evidence, ...rest } = n;
    return { ...rest, detail: nudgeEvidenceText(evidence) };
  }

  private async budgetAndRecord(
    drafts: Draft[],
    channelPosts: Array<{ draft: Draft; message: () => OutgoingMessage; kind: NudgePost['kind'] }>,
    now: Date,
    options: SweepOptions,
    snap: TickSnapshot,
  ): Promise<SweepResult> {
    const posts: Array<() => NudgePost> = [];
    const notes: string[] = [];
    // Run in one transaction at the end, in order; new nudge rows next to each other go in one insert.
    const writes: Array<(() => Promise<unknown>) | NewNudge> = [];
    let room = options.maxPosts ?? Number.POSITIVE_INFINITY;
    let peopleLeft = 0;
    const left = new Set<number>();
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

    // A tick that plans no POC (a quiet minute) has nothing to budget: a deferred nudge waits for
    // its POC's next business day from its standup time, when the POC is due and planned.
    if (drafts.length === 0 && channelPosts.length === 0 && snap.pocs().length === 0)
      return { posts: [], notes, left: [] };
    const byRecipient = groupBy(drafts, (d) => d.recipientId);
    // People with nudges waiting from an earlier day get them today even when nothing new is due.
    const recipients = new Map<string, LocalDate>();
    for (const d of drafts) if (!recipients.has(d.recipientId)) recipients.set(d.recipientId, d.today);
    // Read once for every recipient (nothing is written until the end): deferred rows oldest
    // first, and the DMs already sent per person and day.
    const allWaiting = await this.store.nudges.allWaiting();
    // Their POCs, when the snapshot does not hold them (a POC not planned this tick, or closed).
    await snap.include(allWaiting.map((r) => r.pocId));
    const waitingBy = groupBy(allWaiting, (r) => r.recipientId);
    for (const w of this.waitingRecipients(now, allWaiting, snap))
      if (!recipients.has(w.recipientId)) recipients.set(w.recipientId, w.today);
    const sentCounts = await this.store.nudges.sentCounts([...recipients.keys()], [...new Set(recipients.values())]);

    for (const [recipient, today] of recipients) {
      const fresh: BudgetItem[] = (byRecipient.get(recipient) ?? []).map((d) => ({ kind: d.kind, draft: d }));
      const waiting: BudgetItem[] = (waitingBy.get(recipient) ?? [])
        .filter((r) => r.localDate < today)
        .map((r) => ({ kind: r.kind, row: r }));
      const plan = applyBudget(fresh, waiting, sentCounts.get(recipient)?.get(today) ?? 0);
      // Once one person's DMs do not fit, nobody after them is decided this sweep (first found, first served).
      if (peopleLeft > 0 || plan.send.length > room) {
        peopleLeft++;
        for (const d of byRecipient.get(recipient) ?? []) left.add(d.poc.id);
        continue;
      }
      room -= plan.send.length;
      const carried = plan.carried.map((i) => i.row).filter((r): r is NudgeRow => r !== undefined);
      plan.send.forEach((item, index) => {
        // The DM lists the folded nudges whose POC is still there (renderDm); the report line counts them.
        const pendingCount = index === 0 ? carried.filter((r) => snap.pocById(r.pocId)).length : 0;
        if (item.draft) {
          const d = item.draft;
          writes.push(rowOf(d, 'sent'));
          consumeSignals(d);
          posts.push(() => this.dmPost(d.key, d.poc, d.kind, d.recipientId, pendingCount));
          if (index === 0 && carried.length > 0)
            writes.push(() =>
              this.store.nudges.fold(
                carried.map((r) => r.key),
                d.key,
              ),
            );
        } else if (item.row) {
          const r = item.row;
          const poc = snap.pocById(r.pocId);
          if (!poc) return;
          writes.push(() => this.store.nudges.promote(r.key, today));
          posts.push(() => this.dmPost(r.key, poc, r.kind, r.recipientId, pendingCount));
          if (index === 0 && carried.length > 0)
            writes.push(() =>
              this.store.nudges.fold(
                carried.map((c) => c.key),
                r.key,
              ),
            );
        }
      });
      for (const item of plan.defer) {
        const d = item.draft;
        if (!d) continue;
        writes.push(rowOf(d, 'deferred'));
        consumeSignals(d);
        notes.push(
          `deferred ${d.kind} for ${d.poc.name} → ${recipient}: over today's budget, folded into the next day's first nudge`,
        );
      }
    }

    let channelPostsLeft = 0;
    for (const c of channelPosts) {
      if (channelPostsLeft > 0 || room < 1) {
        channelPostsLeft++;
        left.add(c.draft.poc.id);
        continue;
      }
      room--;
      writes.push(rowOf(c.draft, 'sent'));
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
      notes.push(
        `${who} left for a later tick: decided when the outbox has room for their posts (room for ${options.maxPosts ?? 0} this tick)`,
      );
    }
    if (!options.dryRun && writes.length > 0)
      await this.store.transaction(async () => {
        let rows: NewNudge[] = [];
        for (const write of writes) {
          if (typeof write !== 'function') {
            rows.push(write);
            continue;
          }
          await this.store.nudges.insertMany(rows);
          rows = [];
          await write();
        }
        await this.store.nudges.insertMany(rows);
      });
    return {
      posts: (function* () {
        for (const make of posts) yield make();
      })(),
      notes,
      left: [...left],
    };
  }

  /** People with deferred nudges from an earlier local day, with that person's "today". */
  private waitingRecipients(
    now: Date,
    allWaiting: NudgeRow[],
    snap: TickSnapshot,
  ): Array<{ recipientId: string; today: LocalDate }> {
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
