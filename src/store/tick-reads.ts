// Bulk reads for the scheduler: what every job of a tick needs about every open POC, one query
// per table for all of them (not one per POC). Each selects rows of POCs whose `closed_at` is null
// through a sub-select, so the caller never builds an IN list of thousands of ids.
import { and, asc, count, eq, getTableColumns, gt, inArray, isNull, type SQL, sql } from 'drizzle-orm';
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
  pocIssues,
  pocs,
  scopeRequests,
  timeOff,
} from '../../db/schema.js';
import type { Holidays, LocalDate } from '../domain/calendar.js';
import type { Call } from '../domain/results.js';
import { compileAll } from './compiled.js';
import type { Db } from './db.js';
import type { NudgeRow, NudgeSignal } from './nudges.js';
import type { PocChangeRow } from './poc-changes.js';

/** The newest activity of the named people of the customer's side of one POC (null: none, or nobody named). */
export interface TeamLastTsRow {
  pocId: number;
  evaluatorId: string;
  championId: string | null;
  economicBuyerId: string | null;
  evaluatorTs: string | null;
  championTs: string | null;
  economicBuyerTs: string | null;
}

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

export class TickReadStore {
  constructor(private readonly db: Db) {}

  private compiledCriteriaCounts: Compiled<{ pocId: number; n: number }>;
  private compiledCalls: Compiled<Call & { pocId: number }>;
  private compiledNudges: Compiled<NudgeRow>;
  private compiledTeamLastTs: Compiled<TeamLastTsRow>;
  private compiledHolidays: Compiled<{ pocId: number; date: LocalDate }>;
  private compiledSinceAnswered: Compiled<SentStandupRow>;

  /** The days off of the open POCs that have any. */
  holidays(): Map<number, Holidays> {
    const out = new Map<number, Set<LocalDate>>();
    const fields = { pocId: holidays.pocId, date: holidays.date };
    this.compiledHolidays ??= compileAll(this.db, fields, this.db.select(fields).from(holidays).where(inArray(holidays.pocId, this.openIds())));
    for (const r of this.compiledHolidays()) {
      const days = out.get(r.pocId);
      if (days) days.add(r.date);
      else out.set(r.pocId, new Set([r.date]));
    }
    return out;
  }

  private openIds() {
    return this.db.select({ id: pocs.id }).from(pocs).where(isNull(pocs.closedAt));
  }

  private countsByPoc(rows: Array<{ pocId: number; n: number }>): Map<number, number> {
    return new Map(rows.map((r) => [r.pocId, r.n]));
  }

  /** How many criteria each open POC has that were not dropped. */
  activeCriteriaCounts(): Map<number, number> {
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
    return this.countsByPoc(this.compiledCriteriaCounts());
  }

  /**
   * Every vote on the active criteria of the open POCs, oldest first, with only what deciding a
   * criterion reads. The votes are scanned in id order and joined to their criterion by key (a
   * cross join fixes that order): cheaper than finding each criterion's votes, and no sort.
   */
  callsOnActiveCriteria(): Array<Call & { pocId: number }> {
    const fields = { pocId: criteria.pocId, criterionId: criterionVotes.criterionId, role: criterionVotes.role, result: criterionVotes.result, votedAt: criterionVotes.votedAt };
    this.compiledCalls ??= compileAll(
      this.db,
      fields,
      this.db
        .select(fields)
        .from(criterionVotes)
        .crossJoin(criteria)
        .where(and(eq(criteria.id, criterionVotes.criterionId), isNull(criteria.droppedAt), inArray(criteria.pocId, this.openIds())))
        .orderBy(asc(criterionVotes.id)),
    );
    return this.compiledCalls();
  }

  /** How many rows of `table` each open POC has (those matching `where`, when given). */
  private countsPerOpenPoc(table: SQLiteTable, pocId: SQLiteColumn, where?: SQL): Map<number, number> {
    return this.countsByPoc(
      this.db
        .select({ pocId: sql<number>`${pocId}`, n: count() })
        .from(table)
        .where(and(inArray(pocId, this.openIds()), where))
        .groupBy(pocId)
        .all(),
    );
  }

  openIssueCounts(): Map<number, number> {
    return this.countsPerOpenPoc(pocIssues, pocIssues.pocId, isNull(pocIssues.resolvedAt));
  }

  scopeRequestCounts(): Map<number, number> {
    return this.countsPerOpenPoc(scopeRequests, scopeRequests.pocId);
  }

  extensionCounts(): Map<number, number> {
    return this.countsPerOpenPoc(extensions, extensions.pocId);
  }

  /** Changes made after sign-off, oldest first. */
  changesAfterSignoff(): PocChangeRow[] {
    return this.db
      .select()
      .from(pocChanges)
      .where(and(inArray(pocChanges.pocId, this.openIds()), eq(pocChanges.afterSignoff, true)))
      .orderBy(asc(pocChanges.id))
      .all();
  }

  /** Every nudge of the open POCs, oldest first (what `nudges.forPoc` gives per POC). */
  nudges(): NudgeRow[] {
    this.compiledNudges ??= compileAll(
      this.db,
      nudgeColumns,
      this.db.select(nudgeColumns).from(nudges).where(inArray(nudges.pocId, this.openIds())).orderBy(asc(nudges.id)),
    );
    return this.compiledNudges();
  }

  /** Signals of this kind not reported yet, oldest first. */
  pendingSignals(kind: string): NudgeSignal[] {
    return this.db
      .select()
      .from(nudgeSignals)
      .where(and(inArray(nudgeSignals.pocId, this.openIds()), eq(nudgeSignals.kind, kind), isNull(nudgeSignals.consumedBy)))
      .orderBy(asc(nudgeSignals.id))
      .all();
  }

  /**
   * For every open POC, the standups that went out after the newest one its evaluator answered
   * (every one, when none was), oldest first: what `sinceLastAnswered` keeps, and all the fatigue
   * rule reads. Only the columns it needs (no payload). The newest answered standup is found per
   * POC by walking its sent standups newest first through outbox_poc_kind, whose entries carry the
   * id, each looked up in answers_unique (key, user): most evaluators answered the latest one, so
   * the walk stops at the first step. Going the other way, from each of the POC's answers to its
   * standup by key, cost a third more.
   */
  standupsSinceLastAnswered(): SentStandupRow[] {
    // Written out: drizzle leaves column names unqualified in a one-table select, and this
    // correlated subquery names two outbox rows and a POC.
    const newestAnswered = sql<number>`coalesce((select answered.id from outbox answered
      where answered.poc_id = pocs.id and answered.kind = 'standup' and answered.status = 'sent'
        and exists (select 1 from answers where answers.outbox_key = answered.key and answers.user_id = pocs.evaluator_id and answers.kind = 'standup')
      order by answered.id desc limit 1), 0)`;
    const open = this.db.select({ pocId: pocs.id, afterId: newestAnswered.as('after_id') }).from(pocs).where(isNull(pocs.closedAt)).as('open_pocs');
    const fields = { pocId: sql<number>`${outbox.pocId}`, key: outbox.key, sentAt: outbox.sentAt, dueAt: outbox.dueAt };
    this.compiledSinceAnswered ??= compileAll(
      this.db,
      fields,
      this.db
        .select(fields)
        .from(open)
        .crossJoin(outbox)
        .where(and(eq(outbox.pocId, open.pocId), eq(outbox.kind, 'standup'), eq(outbox.status, 'sent'), gt(outbox.id, open.afterId)))
        .orderBy(asc(outbox.id)),
      { read: 'all' },
    );
    return this.compiledSinceAnswered();
  }

  /**
   * The newest activity ts of the lead evaluator, the champion and the economic buyer of each open
   * POC (customer-team.ts names them). One seek per person to the end of their range in
   * activity_last (poc_id, user_id, last_ts), rather than grouping every activity row joined to
   * its POC. Slack ts of real messages are all 10.6 digits, so max() as text is the newest, as
   * `activity.lastTs` finds it.
   */
  teamLastTs(): TeamLastTsRow[] {
    // Written out: drizzle leaves column names unqualified in a one-table select.
    const newest = (column: string) => sql<string | null>`(select max(a.last_ts) from activity a where a.poc_id = pocs.id and a.user_id = ${sql.raw(`pocs.${column}`)})`;
    const fields = {
      pocId: pocs.id,
      evaluatorId: pocs.evaluatorId,
      championId: pocs.championId,
      economicBuyerId: pocs.economicBuyerId,
      evaluatorTs: newest('evaluator_id'),
      championTs: newest('champion_id'),
      economicBuyerTs: newest('economic_buyer_id'),
    };
    this.compiledTeamLastTs ??= compileAll(this.db, fields, this.db.select(fields).from(pocs).where(isNull(pocs.closedAt)), { read: 'all' });
    return this.compiledTeamLastTs();
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
