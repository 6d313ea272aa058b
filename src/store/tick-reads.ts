// Bulk reads for the scheduler: what every job of a tick needs about the POCs it plans (the open
// POCs due by its `now`, see poc-schedule.ts), one query per table for all of them (not one per
// POC). Each takes those POCs' ids as one JSON parameter (`scope`), unpacked by the handle's `ids`
// (handle.ts): one statement for any number of them, and a quiet minute's few POCs cost a few
// index seeks.
import { and, asc, count, eq, getTableColumns, gt, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Holidays, LocalDate } from '../domain/calendar.js';
import type { Call } from '../domain/results.js';
import { prepareAll } from './compiled.js';
import type { StoreDb } from './handle.js';
import type { NudgeRow, NudgeSignal } from './nudge-records.js';
import type { PocChangeRow } from './poc-changes.js';

/** A person's time off in their workspace (the tick reads it for every team member). */
export interface TimeOffRow {
  teamId: string;
  userId: string;
  from: LocalDate;
  to: LocalDate;
}

export interface SentStandupRow {
  pocId: number;
  key: string;
  sentAt: string | null;
  dueAt: string;
}

/** Prepared on first use (see compiled.ts): these return tens of thousands of rows per tick. */
type Prepared<T> = ((values?: Record<string, unknown>) => Promise<T[]>) | undefined;

/** The ids of the POCs a tick plans, as a JSON array (see `scopeOf`). */
export type Scope = string & { readonly __scope: true };

export function scopeOf(ids: readonly number[]): Scope {
  return JSON.stringify(ids) as Scope;
}

export class TickReadStore {
  constructor(private readonly h: StoreDb) {}

  private preparedCriteriaCounts: Prepared<{ pocId: number; n: number }>;
  private preparedCalls: Prepared<Call & { pocId: number }>;
  private preparedNudges: Prepared<NudgeRow>;
  private preparedEvaluators: Prepared<{ pocId: number; userId: string }>;
  private preparedLastActivity: Prepared<{ pocId: number; userId: string; lastTs: string | null }>;
  private preparedHolidays: Prepared<{ pocId: number; date: LocalDate }>;
  private preparedSinceAnswered: Prepared<SentStandupRow>;

  /** The days off of the open POCs that have any. */
  async holidays(scope: Scope): Promise<Map<number, Holidays>> {
    const { holidays } = this.h.t;
    const out = new Map<number, Set<LocalDate>>();
    const fields = { pocId: holidays.pocId, date: holidays.date };
    this.preparedHolidays ??= prepareAll(this.h, fields, () =>
      this.h.db.select(fields).from(holidays).where(inArray(holidays.pocId, this.openIds())),
    );
    for (const r of await this.preparedHolidays({ scope })) {
      const days = out.get(r.pocId);
      if (days) days.add(r.date);
      else out.set(r.pocId, new Set([r.date]));
    }
    return out;
  }

  /** The POCs planned, from the `scope` placeholder (prepared statements) or a value. */
  private openIds(scope?: Scope) {
    return this.h.ids(scope ?? sql`${sql.placeholder('scope')}`);
  }

  private countsByPoc(rows: Array<{ pocId: number; n: number }>): Map<number, number> {
    return new Map(rows.map((r) => [r.pocId, r.n]));
  }

  /** How many criteria each open POC has that were not dropped. */
  async activeCriteriaCounts(scope: Scope): Promise<Map<number, number>> {
    const { criteria } = this.h.t;
    const fields = { pocId: criteria.pocId, n: sql<number>`count(*)` };
    this.preparedCriteriaCounts ??= prepareAll(this.h, fields, () =>
      this.h.db
        .select(fields)
        .from(criteria)
        .where(and(inArray(criteria.pocId, this.openIds()), isNull(criteria.droppedAt)))
        .groupBy(criteria.pocId),
    );
    return this.countsByPoc(await this.preparedCriteriaCounts({ scope }));
  }

  /**
   * Every call standing on the active criteria of the open POCs (not removed, on the criterion's
   * current revision), oldest first, with only what deciding a criterion reads. Each planned
   * POC's criteria are found by criteria_position and their votes by criterion_votes_state, then
   * sorted: a tick plans a batch of a few hundred POCs, and scanning every vote to keep the ones
   * of the batch cost 8 ms warm and 45 ms on a cold page cache (2 to 4 ms this way; at 10,000
   * POCs the seeks are still no slower than the scan).
   */
  async callsOnActiveCriteria(scope: Scope): Promise<Array<Call & { pocId: number }>> {
    const { criteria, criterionVotes } = this.h.t;
    const fields = {
      pocId: criteria.pocId,
      criterionId: criterionVotes.criterionId,
      role: criterionVotes.role,
      result: criterionVotes.result,
      votedAt: criterionVotes.votedAt,
      eventTs: criterionVotes.eventTs,
    };
    this.preparedCalls ??= prepareAll(this.h, fields, () =>
      this.h.db
        .select(fields)
        .from(criteria)
        .innerJoin(
          criterionVotes,
          and(eq(criterionVotes.criterionId, criteria.id), eq(criterionVotes.revision, criteria.revision)),
        )
        .where(
          and(inArray(criteria.pocId, this.openIds()), isNull(criteria.droppedAt), eq(criterionVotes.removed, false)),
        )
        .orderBy(asc(criterionVotes.id)),
    );
    return this.preparedCalls({ scope });
  }

  /** The other evaluators (not the lead) of every open POC that has any, in the order named. */
  async evaluators(scope: Scope): Promise<Map<number, string[]>> {
    const { pocEvaluators } = this.h.t;
    const fields = { pocId: pocEvaluators.pocId, userId: pocEvaluators.userId };
    this.preparedEvaluators ??= prepareAll(this.h, fields, () =>
      this.h.db
        .select(fields)
        .from(pocEvaluators)
        .where(and(eq(pocEvaluators.role, 'evaluator'), inArray(pocEvaluators.pocId, this.openIds())))
        .orderBy(asc(pocEvaluators.pocId), asc(pocEvaluators.position)),
    );
    const out = new Map<number, string[]>();
    for (const r of await this.preparedEvaluators({ scope })) {
      const list = out.get(r.pocId);
      if (list) list.push(r.userId);
      else out.set(r.pocId, [r.userId]);
    }
    return out;
  }

  /** How many rows of `table` each open POC has (those matching `where`, when given). */
  private async countsPerOpenPoc(
    scope: Scope,
    table: SQLiteTable,
    pocId: SQLiteColumn,
    where?: SQL,
  ): Promise<Map<number, number>> {
    return this.countsByPoc(
      await this.h.all(
        this.h.db
          .select({ pocId: sql<number>`${pocId}`, n: count() })
          .from(table)
          .where(and(inArray(pocId, this.openIds(scope)), where))
          .groupBy(pocId),
      ),
    );
  }

  async openIssueCounts(scope: Scope): Promise<Map<number, number>> {
    const { pocIssues } = this.h.t;
    return this.countsPerOpenPoc(scope, pocIssues, pocIssues.pocId, isNull(pocIssues.resolvedAt));
  }

  async scopeRequestCounts(scope: Scope): Promise<Map<number, number>> {
    const { scopeRequests } = this.h.t;
    return this.countsPerOpenPoc(scope, scopeRequests, scopeRequests.pocId);
  }

  /** Extensions granted (the dates moved), per open POC. */
  async extensionCounts(scope: Scope): Promise<Map<number, number>> {
    const { extensions } = this.h.t;
    return this.countsPerOpenPoc(scope, extensions, extensions.pocId, eq(extensions.status, 'granted'));
  }

  /** Changes made after sign-off, oldest first. */
  async changesAfterSignoff(scope: Scope): Promise<PocChangeRow[]> {
    const { pocChanges } = this.h.t;
    return this.h.all(
      this.h.db
        .select()
        .from(pocChanges)
        .where(and(inArray(pocChanges.pocId, this.openIds(scope)), eq(pocChanges.afterSignoff, true)))
        .orderBy(asc(pocChanges.id)),
    );
  }

  /** Every nudge of the open POCs, oldest first (what `nudges.forPoc` gives per POC). */
  async nudges(scope: Scope): Promise<NudgeRow[]> {
    const { nudges } = this.h.t;
    const nudgeColumns = getTableColumns(nudges);
    this.preparedNudges ??= prepareAll(this.h, nudgeColumns, () =>
      this.h.db.select(nudgeColumns).from(nudges).where(inArray(nudges.pocId, this.openIds())).orderBy(asc(nudges.id)),
    );
    return this.preparedNudges({ scope });
  }

  /** Signals of this kind not reported yet, oldest first. */
  async pendingSignals(scope: Scope, kind: string): Promise<NudgeSignal[]> {
    const { nudgeSignals } = this.h.t;
    return this.h.all(
      this.h.db
        .select()
        .from(nudgeSignals)
        .where(
          and(
            inArray(nudgeSignals.pocId, this.openIds(scope)),
            eq(nudgeSignals.kind, kind),
            isNull(nudgeSignals.consumedBy),
          ),
        )
        .orderBy(asc(nudgeSignals.id)),
    );
  }

  /**
   * For every open POC, the standups that went out after the newest one anyone on its customer
   * side answered (every one, when none was), oldest first: what `sinceLastAnswered` keeps, and all
   * the fatigue rule reads. Only the columns it needs (no payload). The newest answered standup is
   * found per POC by walking its sent standups newest first through outbox_poc_kind, whose entries
   * carry the id, each looked up in answers_unique (key, user): most teams answered the latest one,
   * so the walk stops at the first step. Going the other way, from each of the POC's answers to
   * its standup by key, cost a third more. The customer side is the one of domain/team.ts
   * (customerTeam): the lead, the other evaluators, the champion and the economic buyer.
   */
  async standupsSinceLastAnswered(scope: Scope): Promise<SentStandupRow[]> {
    const { outbox, pocs } = this.h.t;
    const fields = { pocId: sql<number>`${outbox.pocId}`, key: outbox.key, sentAt: outbox.sentAt, dueAt: outbox.dueAt };
    this.preparedSinceAnswered ??= prepareAll(
      this.h,
      fields,
      () => {
        // Written out: drizzle leaves column names unqualified in a one-table select, and this
        // correlated subquery names two outbox rows and a POC.
        const newestAnswered = sql<number>`coalesce((select answered.id from outbox answered
          where answered.poc_id = pocs.id and answered.kind = 'standup' and answered.status = 'sent'
            and exists (select 1 from answers where answers.outbox_key = answered.key and answers.kind = 'standup'
              and (answers.user_id in (pocs.evaluator_id, pocs.champion_id, pocs.economic_buyer_id)
                or exists (select 1 from poc_evaluators e where e.poc_id = pocs.id and e.user_id = answers.user_id)))
          order by answered.id desc limit 1), 0)`;
        const open = this.h.db
          .select({ pocId: pocs.id, afterId: newestAnswered.as('after_id') })
          .from(pocs)
          .where(inArray(pocs.id, this.openIds()))
          .as('open_pocs');
        return this.h.db
          .select(fields)
          .from(open)
          .crossJoin(outbox)
          .where(
            and(
              eq(outbox.pocId, open.pocId),
              eq(outbox.kind, 'standup'),
              eq(outbox.status, 'sent'),
              gt(outbox.id, open.afterId),
            ),
          )
          .orderBy(asc(outbox.id));
      },
      { read: 'all' },
    );
    return this.preparedSinceAnswered({ scope });
  }

  /**
   * The newest activity ts of each of these people in their POC (undefined: none), in the order of
   * `pairs`. The pairs come in as one JSON parameter (one statement for any number of them), are
   * unpacked once (a materialized CTE: unpacking inside the correlated subquery cost
   * twice as much), and each is one seek to the end of its range in activity_last (poc_id, user_id,
   * last_ts). Slack ts of real messages are all 10.6 digits, so max() as text is the newest, as
   * `activity.lastTs` finds it. Each row names its pair (the unpacked list has no index on both
   * databases), and the POC id comes out of the JSON as text on PostgreSQL: cast back to integer.
   */
  async lastActivity(pairs: ReadonlyArray<readonly [number, string]>): Promise<Array<string | undefined>> {
    if (pairs.length === 0) return [];
    const fields = {
      pocId: sql<number>`latest.poc_id`,
      userId: sql<string>`latest.user_id`,
      lastTs: sql<string | null>`latest.last_ts`,
    };
    // Written out: a CTE with named columns over the unpacked list has no drizzle form.
    this.preparedLastActivity ??= prepareAll(
      this.h,
      fields,
      () =>
        this.h.db
          .select(fields)
          .from(sql`(with wanted(poc_id, user_id) as materialized ${this.h.pairs(sql`${sql.placeholder('pairs')}`)}
          select cast(wanted.poc_id as integer) as poc_id, wanted.user_id as user_id,
            (select max(a.last_ts) from activity a
              where a.poc_id = cast(wanted.poc_id as integer) and a.user_id = wanted.user_id) as last_ts
          from wanted) as latest`),
      { read: 'all' },
    );
    const found = new Map<string, string>();
    for (const r of await this.preparedLastActivity({ pairs: JSON.stringify(pairs) })) {
      if (r.lastTs !== null) found.set(`${r.pocId}\u0000${r.userId}`, r.lastTs);
    }
    return pairs.map(([pocId, userId]) => found.get(`${pocId}\u0000${userId}`));
  }

  /** Every recorded time off (people's, not POCs': a small table), oldest first. */
  async timeOff(): Promise<TimeOffRow[]> {
    const { timeOff } = this.h.t;
    return this.h.all(
      this.h.db
        .select({ teamId: timeOff.teamId, userId: timeOff.userId, from: timeOff.fromDate, to: timeOff.toDate })
        .from(timeOff)
        .orderBy(asc(timeOff.fromDate)),
    );
  }
}
