import { and, asc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import type { Criterion, Evidence, Vote, VoterRole } from '../domain/poc.js';
import { replacesState } from '../domain/reaction-order.js';
import { prepareAll, prepareGet, prepareRun } from './compiled.js';
import type { StoreDb } from './handle.js';

export type NewCriterion = Omit<Criterion, 'id'>;

export type StoredEvidence = Evidence & { id: number };

type VoteKey = { criterionId: number; revision: number; userId: string; reaction: string };

/** A criterion with one of its calls (activeWithVotes): the call's fields null where it has none. */
type CriterionVoteRow = Criterion & {
  voteId: number | null;
  voteCriterionId: number | null;
  voteUserId: string;
  voteRole: Vote['role'];
  voteResult: Vote['result'];
  voteReaction: string;
  voteVotedAt: string;
  voteEventTs: string;
  voteRevision: number;
};

export class CriteriaStore {
  constructor(private readonly h: StoreDb) {}

  /** The columns of a Vote. */
  private get voteFields() {
    const { criterionVotes } = this.h.t;
    return {
      criterionId: criterionVotes.criterionId,
      userId: criterionVotes.userId,
      role: criterionVotes.role,
      result: criterionVotes.result,
      reaction: criterionVotes.reaction,
      votedAt: criterionVotes.votedAt,
      eventTs: criterionVotes.eventTs,
      revision: criterionVotes.revision,
    };
  }

  /** Calls not removed. */
  private get live() {
    return eq(this.h.t.criterionVotes.removed, false);
  }

  // Each reaction runs these (and /poc status the first two): prepared once (see compiled.ts), not
  // rebuilt per event.
  private preparedListActive: ((values: { pocId: number }) => Promise<Criterion[]>) | undefined;
  private preparedByMessage:
    | ((values: { pocId: number; messageTs: string }) => Promise<Criterion | undefined>)
    | undefined;
  private preparedVotesForOne: ((values: { criterionId: number }) => Promise<Vote[]>) | undefined;
  private preparedVoteState:
    | ((values: VoteKey) => Promise<{ eventTs: string; removed: boolean } | undefined>)
    | undefined;
  private preparedSetVote: ((values: Record<string, unknown>) => Promise<number>) | undefined;
  // Lists of criterion ids (a POC's criteria) bound as JSON: one prepared statement for any length.
  private preparedVotesFor: ((values: { ids: string }) => Promise<Vote[]>) | undefined;
  private preparedActiveWithVotes: ((values: { pocId: number }) => Promise<CriterionVoteRow[]>) | undefined;
  private preparedEvidenceFor: ((values: { ids: string }) => Promise<StoredEvidence[]>) | undefined;

  async insertMany(rows: NewCriterion[]): Promise<Criterion[]> {
    if (rows.length === 0) return [];
    const { criteria } = this.h.t;
    return this.h.all(this.h.db.insert(criteria).values(rows).returning());
  }

  /** Criteria still in the POC (not dropped), in order. */
  async listActive(pocId: number): Promise<Criterion[]> {
    const { criteria } = this.h.t;
    const columns = getTableColumns(criteria);
    this.preparedListActive ??= prepareAll(this.h, columns, () =>
      this.h.db
        .select(columns)
        .from(criteria)
        .where(and(eq(criteria.pocId, sql.placeholder('pocId')), isNull(criteria.droppedAt)))
        .orderBy(asc(criteria.position)),
    );
    return this.preparedListActive({ pocId });
  }

  /**
   * The POC's active criteria (by position) and the calls standing on them (not removed, oldest
   * first), in one statement: what `listActive` then `votesFor` give, in one round trip. Every
   * post the dispatcher builds (a standup, a checkpoint), every scoreboard update and every
   * evaluator nudge reads them together.
   */
  async activeWithVotes(pocId: number): Promise<{ criteria: Criterion[]; votes: Vote[] }> {
    this.preparedActiveWithVotes ??= this.prepareActiveWithVotes();
    const rows = await this.preparedActiveWithVotes({ pocId });
    const active: Criterion[] = [];
    const votes: Array<Vote & { id: number }> = [];
    for (const row of rows) {
      if (active.at(-1)?.id !== row.id) {
        active.push({
          id: row.id,
          pocId: row.pocId,
          position: row.position,
          statement: row.statement,
          threshold: row.threshold,
          category: row.category,
          messageTs: row.messageTs,
          droppedAt: row.droppedAt,
          droppedReason: row.droppedReason,
          revision: row.revision,
        });
      }
      if (row.voteId === null || row.voteCriterionId === null) continue;
      votes.push({
        id: row.voteId,
        criterionId: row.voteCriterionId,
        userId: row.voteUserId,
        role: row.voteRole,
        result: row.voteResult,
        reaction: row.voteReaction,
        votedAt: row.voteVotedAt,
        eventTs: row.voteEventTs,
        revision: row.voteRevision,
      });
    }
    // Oldest call first across the criteria, as votesFor gives them.
    votes.sort((a, b) => a.id - b.id);
    return { criteria: active, votes: votes.map(({ id: _id, ...vote }) => vote) };
  }

  private prepareActiveWithVotes() {
    const { criteria, criterionVotes } = this.h.t;
    const { criterionId, userId, role, result, reaction, votedAt, eventTs, revision } = this.voteFields;
    // Flat fields (compiled.ts maps them so); the call's are null where a criterion has none.
    const fields = {
      ...getTableColumns(criteria),
      voteId: criterionVotes.id,
      voteCriterionId: criterionId,
      voteUserId: userId,
      voteRole: role,
      voteResult: result,
      voteReaction: reaction,
      voteVotedAt: votedAt,
      voteEventTs: eventTs,
      voteRevision: revision,
    };
    return prepareAll(this.h, fields, () =>
      this.h.db
        .select(fields)
        .from(criteria)
        .leftJoin(criterionVotes, and(eq(criterionVotes.criterionId, criteria.id), this.live))
        .where(and(eq(criteria.pocId, sql.placeholder('pocId')), isNull(criteria.droppedAt)))
        .orderBy(asc(criteria.position), asc(criterionVotes.id)),
    ) as unknown as (values: { pocId: number }) => Promise<CriterionVoteRow[]>;
  }

  async listAll(pocId: number): Promise<Criterion[]> {
    const { criteria } = this.h.t;
    return this.h.all(
      this.h.db.select().from(criteria).where(eq(criteria.pocId, pocId)).orderBy(asc(criteria.position)),
    );
  }

  async byId(id: number): Promise<Criterion | undefined> {
    if (!Number.isSafeInteger(id)) return undefined;
    const { criteria } = this.h.t;
    return this.h.one(this.h.db.select().from(criteria).where(eq(criteria.id, id)));
  }

  async byMessage(pocId: number, messageTs: string): Promise<Criterion | undefined> {
    const { criteria } = this.h.t;
    const columns = getTableColumns(criteria);
    // The first match (a prepared get reads one row), as before: no `limit`, which drizzle binds as
    // a parameter.
    this.preparedByMessage ??= prepareGet(this.h, columns, () =>
      this.h.db
        .select(columns)
        .from(criteria)
        .where(and(eq(criteria.pocId, sql.placeholder('pocId')), eq(criteria.messageTs, sql.placeholder('messageTs')))),
    );
    return this.preparedByMessage({ pocId, messageTs });
  }

  async update(id: number, patch: Partial<NewCriterion>): Promise<void> {
    const { criteria } = this.h.t;
    await this.h.run(this.h.db.update(criteria).set(patch).where(eq(criteria.id, id)));
  }

  async delete(id: number): Promise<void> {
    const { criteria } = this.h.t;
    await this.h.run(this.h.db.delete(criteria).where(eq(criteria.id, id)));
  }

  /**
   * Holds the criterion's row until the caller's transaction ends (PostgreSQL; SQLite's
   * transactions run alone): two reactions on it handled at once, or on two replicas, take turns
   * reading its calls and storing theirs.
   */
  async lock(id: number): Promise<void> {
    const { criteria } = this.h.t;
    await this.h.lock(() => this.h.db.select({ id: criteria.id }).from(criteria).where(eq(criteria.id, id)));
  }

  /** The calls standing on these criteria (every revision; removed ones are not calls), oldest first. */
  async votesFor(criterionIds: number[]): Promise<Vote[]> {
    if (criterionIds.length === 0) return [];
    const { criterionVotes } = this.h.t;
    const fields = this.voteFields;
    if (criterionIds.length === 1) {
      this.preparedVotesForOne ??= prepareAll(this.h, fields, () =>
        this.h.db
          .select(fields)
          .from(criterionVotes)
          .where(and(eq(criterionVotes.criterionId, sql.placeholder('criterionId')), this.live))
          .orderBy(asc(criterionVotes.id)),
      );
      return this.preparedVotesForOne({ criterionId: criterionIds[0] as number });
    }
    this.preparedVotesFor ??= prepareAll(this.h, fields, () =>
      this.h.db
        .select(fields)
        .from(criterionVotes)
        .where(and(inArray(criterionVotes.criterionId, this.h.ids(sql`${sql.placeholder('ids')}`)), this.live))
        .orderBy(asc(criterionVotes.id)),
    );
    return this.preparedVotesFor({ ids: JSON.stringify(criterionIds) });
  }

  /**
   * A reaction added (`removed` false) or removed, applied in Slack's order: it replaces the stored
   * state of that person's reaction only when its event is newer than the one that set it; a
   * removal is kept as a tombstone, so an addition delivered after it with an older ts changes
   * nothing. True when the call it makes stands or stops standing.
   */
  async applyVote(vote: Vote, removed: boolean): Promise<boolean> {
    const { criterionVotes } = this.h.t;
    const p = sql.placeholder;
    const stateFields = { eventTs: criterionVotes.eventTs, removed: criterionVotes.removed };
    this.preparedVoteState ??= prepareGet(this.h, stateFields, () =>
      this.h.db
        .select(stateFields)
        .from(criterionVotes)
        .where(
          and(
            eq(criterionVotes.criterionId, p('criterionId')),
            eq(criterionVotes.revision, p('revision')),
            eq(criterionVotes.userId, p('userId')),
            eq(criterionVotes.reaction, p('reaction')),
          ),
        ),
    );
    this.preparedSetVote ??= prepareRun(this.h, () =>
      this.h.db
        .insert(criterionVotes)
        .values({
          criterionId: p('criterionId'),
          userId: p('userId'),
          role: p('role'),
          result: p('result'),
          reaction: p('reaction'),
          votedAt: p('votedAt'),
          eventTs: p('eventTs'),
          removed: p('removed'),
          revision: p('revision'),
        })
        .onConflictDoUpdate({
          target: [criterionVotes.criterionId, criterionVotes.revision, criterionVotes.userId, criterionVotes.reaction],
          set: {
            role: sql`excluded.role`,
            result: sql`excluded.result`,
            votedAt: sql`excluded.voted_at`,
            eventTs: sql`excluded.event_ts`,
            removed: sql`excluded.removed`,
          },
        }),
    );
    const voteState = this.preparedVoteState;
    const setVote = this.preparedSetVote;
    return this.h.atomic(async () => {
      const key = {
        criterionId: vote.criterionId,
        revision: vote.revision,
        userId: vote.userId,
        reaction: vote.reaction,
      };
      const stored = await voteState(key);
      if (!replacesState(vote.eventTs, stored)) return false;
      await setVote({ ...vote, removed });
      const wasLive = stored !== undefined && !stored.removed;
      return wasLive === removed;
    });
  }

  /**
   * Gives every vote on the POC's criteria the role its voter has now (after the team, the SE or
   * the AE changed): whose call counts follows who the people are, not who they were.
   */
  async restampRoles(pocId: number, roleOf: (userId: string) => VoterRole): Promise<void> {
    const { criteria, criterionVotes } = this.h.t;
    const ofPoc = this.h.db.select({ id: criteria.id }).from(criteria).where(eq(criteria.pocId, pocId));
    const voters = await this.h.all(
      this.h.db
        .selectDistinct({ userId: criterionVotes.userId })
        .from(criterionVotes)
        .where(inArray(criterionVotes.criterionId, ofPoc)),
    );
    for (const { userId } of voters) {
      await this.h.run(
        this.h.db
          .update(criterionVotes)
          .set({ role: roleOf(userId) })
          .where(and(eq(criterionVotes.userId, userId), inArray(criterionVotes.criterionId, ofPoc))),
      );
    }
  }

  async addEvidence(row: Evidence): Promise<boolean> {
    const { evidence } = this.h.t;
    return (await this.h.run(this.h.db.insert(evidence).values(row).onConflictDoNothing())) > 0;
  }

  /** An evidence reply was edited in Slack: keep the latest text. */
  async updateEvidenceText(criterionId: number, messageTs: string, text: string): Promise<boolean> {
    const { evidence } = this.h.t;
    return (
      (await this.h.run(
        this.h.db
          .update(evidence)
          .set({ text })
          .where(and(eq(evidence.criterionId, criterionId), eq(evidence.messageTs, messageTs))),
      )) > 0
    );
  }

  /** An evidence reply was deleted in Slack: it is no longer evidence. */
  async removeEvidence(criterionId: number, messageTs: string): Promise<boolean> {
    const { evidence } = this.h.t;
    return (
      (await this.h.run(
        this.h.db.delete(evidence).where(and(eq(evidence.criterionId, criterionId), eq(evidence.messageTs, messageTs))),
      )) > 0
    );
  }

  async evidenceFor(criterionIds: number[]): Promise<StoredEvidence[]> {
    if (criterionIds.length === 0) return [];
    const { evidence } = this.h.t;
    const columns = getTableColumns(evidence);
    this.preparedEvidenceFor ??= prepareAll(this.h, columns, () =>
      this.h.db
        .select(columns)
        .from(evidence)
        .where(inArray(evidence.criterionId, this.h.ids(sql`${sql.placeholder('ids')}`)))
        .orderBy(asc(evidence.messageTs)),
    );
    return this.preparedEvidenceFor({ ids: JSON.stringify(criterionIds) });
  }
}
