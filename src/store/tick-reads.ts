// Bulk reads for the scheduler: what every job of a tick needs about the POCs it plans (the open
// POCs due by its `now`, see poc-schedule.ts), one query per table for all of them (not one per
// POC). Each takes those POCs' ids as one JSON parameter (`scope`), unpacked by json_each: one
// statement for any number of them, and a quiet minute's few POCs cost a few index seeks.
import { and, asc, count, eq, getTableColumns, gt, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Statement } from 'better-sqlite3';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import {
  holidays,
  criteria,
  criterionVotes,
  extensions,
  nudgeSignals,
  nudges,
  outbox,
  pocChanges,
  pocEvaluators,
  pocIssues,
  pocs,
  scopeRequests,
  timeOff,
} from '../../db/schema.js';
import type { Holidays, LocalDate } from '../domain/calendar.js';
import type { Call } from '../domain/results.js';
import { compileAll } from './compiled.js';
import type { Db } from './db.js';
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

const nudgeColumns = getTableColumns(nudges);

/** Compiled on first use (see compiled.ts): these return tens of thousands of rows per tick. */
type Compiled<T> = ((values?: Record<string, unknown>) => T[]) | undefined;

/** The ids of the POCs a tick plans, as a JSON array (see `scopeOf`). */
export type Scope = string & { readonly __scope: true };

export function scopeOf(ids: readonly number[]): Scope {
  return JSON.stringify(ids) as Scope;
}

export class TickReadStore {
  constructor(private readonly db: Db) {}

  private compiledCriteriaCounts: Compiled<{ pocId: number; n: number }>;
  private compiledCalls: Compiled<Call & { pocId: number }>;
  private compiledNudges: Compiled<NudgeRow>;
  private compiledEvaluators: Compiled<{ pocId: number; userId: string }>;
  private lastActivityStatement: Statement | undefined;
  private compiledHolidays: Compiled<{ pocId: number; date: LocalDate }>;
  private compiledSinceAnswered: Compiled<SentStandupRow>;

  /** The days off of the open POCs that have any. */
  holidays(scope: Scope): Map<number, Holidays> {
    const out = new Map<number, Set<LocalDate>>();
    const fields = { pocId: holidays.pocId, date: holidays.date };
    this.compiledHolidays ??= compileAll(
      this.db,
      fields,
      this.db.select(fields).from(holidays).where(inArray(holidays.pocId, this.openIds())),
    );
    for (const r of this.compiledHolidays({ scope })) {
      const days = out.get(r.pocId);
      if (days) days.add(r.date);
      else out.set(r.pocId, new Set([r.date]));
    }
    return out;
  }

  /** The POCs planned, from the `scope` placeholder (compiled statements) or a value. */
  private openIds(scope?: Scope) {
    return sql`(select value from json_each(${scope ?? sql.placeholder('scope')}))`;
  }

  private countsByPoc(rows: Array<{ pocId: number; n: number }>): Map<number, number> {
    return new Map(rows.map((r) => [r.pocId, r.n]));
  }

  /** How many criteria each open POC has that were not dropped. */
  activeCriteriaCounts(scope: Scope): Map<number, number> {
    const fields = { pocId: criteria.pocId, n: sql<number>`count(*)` };
    this.compiledCriteriaCounts ??= compileAll(
      this.db,
      fields,
      this.db
        .select(fields)
        .from(criteria)
        .where(and(inArray(criteria.pocId, this.openIds()), isNull(criteria.droppedAt)))
        .groupBy(criteria.pocId),
    );
    return this.countsByPoc(this.compiledCriteriaCounts({ scope }));
  }

  /**
   * Every call standing on the active criteria of the open POCs (not removed, on the criterion's
   * current revision), oldest first, with only what deciding a criterion reads. The votes are
   * scanned in id order and joined to their criterion by key (a cross join fixes that order):
   * cheaper than finding each criterion's votes, and no sort.
   */
  callsOnActiveCriteria(scope: Scope): Array<Call & { pocId: number }> {
    const fields = {
      pocId: criteria.pocId,
      criterionId: criterionVotes.criterionId,
      role: criterionVotes.role,
      result: criterionVotes.result,
      votedAt: criterionVotes.votedAt,
      eventTs: criterionVotes.eventTs,
    };
    this.compiledCalls ??= compileAll(
      this.db,
      fields,
      this.db
        .select(fields)
        .from(criterionVotes)
        .crossJoin(criteria)
        .where(
          and(
            eq(criteria.id, criterionVotes.criterionId),
            eq(criterionVotes.removed, false),
            eq(criterionVotes.revision, criteria.revision),
            isNull(criteria.droppedAt),
            inArray(criteria.pocId, this.openIds()),
          ),
        )
        .orderBy(asc(criterionVotes.id)),
    );
    return this.compiledCalls({ scope });
  }

  /** The other evaluators (not the lead) of every open POC that has any, in the order named. */
  evaluators(scope: Scope): Map<number, string[]> {
    const fields = { pocId: pocEvaluators.pocId, userId: pocEvaluators.userId };
    this.compiledEvaluators ??= compileAll(
      this.db,
      fields,
      this.db
        .select(fields)
        .from(pocEvaluators)
        .where(and(eq(pocEvaluators.role, 'evaluator'), inArray(pocEvaluators.pocId, this.openIds())))
        .orderBy(asc(sql`rowid`)),
    );
    const out = new Map<number, string[]>();
    for (const r of this.compiledEvaluators({ scope })) {
      const list = out.get(r.pocId);
      if (list) list.push(r.userId);
      else out.set(r.pocId, [r.userId]);
    }
    return out;
  }

  /** How many rows of `table` each open POC has (those matching `where`, when given). */
  private countsPerOpenPoc(scope: Scope, table: SQLiteTable, pocId: SQLiteColumn, where?: SQL): Map<number, number> {
    return this.countsByPoc(
      this.db
        .select({ pocId: sql<number>`${pocId}`, n: count() })
        .from(table)
        .where(and(inArray(pocId, this.openIds(scope)), where))
        .groupBy(pocId)
        .all(),
    );
  }

  openIssueCounts(scope: Scope): Map<number, number> {
    return this.countsPerOpenPoc(scope, pocIssues, pocIssues.pocId, isNull(pocIssues.resolvedAt));
  }

  scopeRequestCounts(scope: Scope): Map<number, number> {
    return this.countsPerOpenPoc(scope, scopeRequests, scopeRequests.pocId);
  }

  /** Extensions granted (the dates moved), per open POC. */
  extensionCounts(scope: Scope): Map<number, number> {
    return this.countsPerOpenPoc(scope, extensions, extensions.pocId, eq(extensions.status, 'granted'));
  }

  /** Changes made after sign-off, oldest first. */
  changesAfterSignoff(scope: Scope): PocChangeRow[] {
    return this.db
      .select()
      .from(pocChanges)
      .where(and(inArray(pocChanges.pocId, this.openIds(scope)), eq(pocChanges.afterSignoff, true)))
      .orderBy(asc(pocChanges.id))
      .all();
  }

  /** Every nudge of the open POCs, oldest first (what `nudges.forPoc` gives per POC). */
  nudges(scope: Scope): NudgeRow[] {
    this.compiledNudges ??= compileAll(
      this.db,
      nudgeColumns,
      this.db.select(nudgeColumns).from(nudges).where(inArray(nudges.pocId, this.openIds())).orderBy(asc(nudges.id)),
    );
    return this.compiledNudges({ scope });
  }

  /** Signals of this kind not reported yet, oldest first. */
  pendingSignals(scope: Scope, kind: string): NudgeSignal[] {
    return this.db
      .select()
      .from(nudgeSignals)
      .where(
        and(
          inArray(nudgeSignals.pocId, this.openIds(scope)),
          eq(nudgeSignals.kind, kind),
          isNull(nudgeSignals.consumedBy),
        ),
      )
      .orderBy(asc(nudgeSignals.id))
      .all();
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
  standupsSinceLastAnswered(scope: Scope): SentStandupRow[] {
    // Written out: drizzle leaves column names unqualified in a one-table select, and this
    // correlated subquery names two outbox rows and a POC.
    const newestAnswered = sql<number>`coalesce((select answered.id from outbox answered
      where answered.poc_id = pocs.id and answered.kind = 'standup' and answered.status = 'sent'
        and exists (select 1 from answers where answers.outbox_key = answered.key and answers.kind = 'standup'
          and (answers.user_id in (pocs.evaluator_id, pocs.champion_id, pocs.economic_buyer_id)
            or exists (select 1 from poc_evaluators e where e.poc_id = pocs.id and e.user_id = answers.user_id)))
      order by answered.id desc limit 1), 0)`;
    const open = this.db
      .select({ pocId: pocs.id, afterId: newestAnswered.as('after_id') })
      .from(pocs)
      .where(inArray(pocs.id, this.openIds()))
      .as('open_pocs');
    const fields = { pocId: sql<number>`${outbox.pocId}`, key: outbox.key, sentAt: outbox.sentAt, dueAt: outbox.dueAt };
    this.compiledSinceAnswered ??= compileAll(
      this.db,
      fields,
      this.db
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
        .orderBy(asc(outbox.id)),
      { read: 'all' },
    );
    return this.compiledSinceAnswered({ scope });
  }

  /**
   * The newest activity ts of each of these people in their POC (undefined: none), in the order of
   * `pairs`. The pairs come in as one JSON parameter (one statement for any number of them), are
   * unpacked once (a materialized CTE: unpacking inside the correlated subquery cost
   * twice as much), and each is one seek to the end of its range in activity_last (poc_id, user_id,
   * last_ts). Slack ts of real messages are all 10.6 digits, so max() as text is the newest, as
   * `activity.lastTs` finds it.
   */
  lastActivity(pairs: ReadonlyArray<readonly [number, string]>): Array<string | undefined> {
    if (pairs.length === 0) return [];
    // Written out: a CTE over json_each has no drizzle form.
    this.lastActivityStatement ??= this.db.$client
      .prepare(
        `with wanted as materialized (select key as i, value ->> 0 as poc_id, value ->> 1 as user_id from json_each(?))
         select i, (select max(a.last_ts) from activity a where a.poc_id = wanted.poc_id and a.user_id = wanted.user_id) from wanted`,
      )
      .raw(true);
    const out = new Array<string | undefined>(pairs.length).fill(undefined);
    for (const [i, lastTs] of this.lastActivityStatement.all(JSON.stringify(pairs)) as Array<[number, string | null]>) {
      if (lastTs !== null) out[i] = lastTs;
    }
    return out;
  }

  /** Every recorded time off (people's, not POCs': a small table), oldest first. */
  timeOff(): TimeOffRow[] {
    return this.db
      .select({ teamId: timeOff.teamId, userId: timeOff.userId, from: timeOff.fromDate, to: timeOff.toDate })
      .from(timeOff)
      .orderBy(asc(timeOff.fromDate))
      .all();
  }
}
