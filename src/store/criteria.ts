import { and, asc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import { criteria, criterionVotes, evidence } from '../../db/schema.js';
import type { Criterion, Evidence, Vote, VoterRole } from '../domain/poc.js';
import { replacesState } from '../domain/reaction-order.js';
import { compileAll, jsonList } from './compiled.js';
import type { Db } from './db.js';
import { inTransaction } from './transaction.js';

export type NewCriterion = Omit<Criterion, 'id'>;

export type StoredEvidence = Evidence & { id: number };

const evidenceColumns = getTableColumns(evidence);

/** The columns of a Vote. */
const voteFields = {
  criterionId: criterionVotes.criterionId,
  userId: criterionVotes.userId,
  role: criterionVotes.role,
  result: criterionVotes.result,
  reaction: criterionVotes.reaction,
  votedAt: criterionVotes.votedAt,
  eventTs: criterionVotes.eventTs,
  revision: criterionVotes.revision,
};

const live = eq(criterionVotes.removed, false);

export class CriteriaStore {
  constructor(private readonly db: Db) {}

  private prepared: ReturnType<CriteriaStore['prepare']> | undefined;
  // Lists of criterion ids (a POC's criteria) bound as JSON: one compiled statement for any length.
  private compiledVotesFor: ((values: { ids: string }) => Vote[]) | undefined;
  private compiledEvidenceFor: ((values: { ids: string }) => StoredEvidence[]) | undefined;

  // Each reaction runs these (and /poc status the first two): prepared once, not rebuilt per event.
  private prepare() {
    const p = sql.placeholder;
    return {
      listActive: this.db
        .select()
        .from(criteria)
        .where(and(eq(criteria.pocId, p('pocId')), isNull(criteria.droppedAt)))
        .orderBy(asc(criteria.position))
        .prepare(),
      byMessage: this.db
        .select()
        .from(criteria)
        .where(and(eq(criteria.pocId, p('pocId')), eq(criteria.messageTs, p('messageTs'))))
        .prepare(),
      votesForOne: this.db
        .select(voteFields)
        .from(criterionVotes)
        .where(and(eq(criterionVotes.criterionId, p('criterionId')), live))
        .orderBy(asc(criterionVotes.id))
        .prepare(),
      voteState: this.db
        .select({ eventTs: criterionVotes.eventTs, removed: criterionVotes.removed })
        .from(criterionVotes)
        .where(
          and(
            eq(criterionVotes.criterionId, p('criterionId')),
            eq(criterionVotes.revision, p('revision')),
            eq(criterionVotes.userId, p('userId')),
            eq(criterionVotes.reaction, p('reaction')),
          ),
        )
        .prepare(),
      setVote: this.db
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
        })
        .prepare(),
    };
  }

  private get queries(): ReturnType<CriteriaStore['prepare']> {
    this.prepared ??= this.prepare();
    return this.prepared;
  }

  insertMany(rows: NewCriterion[]): Criterion[] {
    if (rows.length === 0) return [];
    return this.db.insert(criteria).values(rows).returning().all();
  }

  /** Criteria still in the POC (not dropped), in order. */
  listActive(pocId: number): Criterion[] {
    return this.queries.listActive.all({ pocId });
  }

  listAll(pocId: number): Criterion[] {
    return this.db.select().from(criteria).where(eq(criteria.pocId, pocId)).orderBy(asc(criteria.position)).all();
  }

  byId(id: number): Criterion | undefined {
    if (!Number.isSafeInteger(id)) return undefined;
    return this.db.select().from(criteria).where(eq(criteria.id, id)).get();
  }

  byMessage(pocId: number, messageTs: string): Criterion | undefined {
    return this.queries.byMessage.get({ pocId, messageTs });
  }

  update(id: number, patch: Partial<NewCriterion>): void {
    this.db.update(criteria).set(patch).where(eq(criteria.id, id)).run();
  }

  delete(id: number): void {
    this.db.delete(criteria).where(eq(criteria.id, id)).run();
  }

  /** The calls standing on these criteria (every revision; removed ones are not calls), oldest first. */
  votesFor(criterionIds: number[]): Vote[] {
    if (criterionIds.length === 0) return [];
    if (criterionIds.length === 1) return this.queries.votesForOne.all({ criterionId: criterionIds[0] });
    this.compiledVotesFor ??= compileAll(
      this.db,
      voteFields,
      this.db
        .select(voteFields)
        .from(criterionVotes)
        .where(and(inArray(criterionVotes.criterionId, jsonList('ids')), live))
        .orderBy(asc(criterionVotes.id)),
    );
    return this.compiledVotesFor({ ids: JSON.stringify(criterionIds) });
  }

  /**
   * A reaction added (`removed` false) or removed, applied in Slack's order: it replaces the stored
   * state of that person's reaction only when its event is newer than the one that set it; a
   * removal is kept as a tombstone, so an addition delivered after it with an older ts changes
   * nothing. True when the call it makes stands or stops standing.
   */
  applyVote(vote: Vote, removed: boolean): boolean {
    const q = this.queries;
    return inTransaction(this.db, () => {
      const key = {
        criterionId: vote.criterionId,
        revision: vote.revision,
        userId: vote.userId,
        reaction: vote.reaction,
      };
      const stored = q.voteState.get(key);
      if (!replacesState(vote.eventTs, stored)) return false;
      q.setVote.run({ ...vote, removed: removed ? 1 : 0 });
      const wasLive = stored !== undefined && !stored.removed;
      return wasLive === removed;
    });
  }

  /**
   * Gives every vote on the POC's criteria the role its voter has now (after the team, the SE or
   * the AE changed): whose call counts follows who the people are, not who they were.
   */
  restampRoles(pocId: number, roleOf: (userId: string) => VoterRole): void {
    const ofPoc = this.db.select({ id: criteria.id }).from(criteria).where(eq(criteria.pocId, pocId));
    const voters = this.db
      .selectDistinct({ userId: criterionVotes.userId })
      .from(criterionVotes)
      .where(inArray(criterionVotes.criterionId, ofPoc))
      .all();
    for (const { userId } of voters) {
      this.db
        .update(criterionVotes)
        .set({ role: roleOf(userId) })
        .where(and(eq(criterionVotes.userId, userId), inArray(criterionVotes.criterionId, ofPoc)))
        .run();
    }
  }

  addEvidence(row: Evidence): boolean {
    return this.db.insert(evidence).values(row).onConflictDoNothing().run().changes > 0;
  }

  /** An evidence reply was edited in Slack: keep the latest text. */
  updateEvidenceText(criterionId: number, messageTs: string, text: string): boolean {
    return (
      this.db
        .update(evidence)
        .set({ text })
        .where(and(eq(evidence.criterionId, criterionId), eq(evidence.messageTs, messageTs)))
        .run().changes > 0
    );
  }

  /** An evidence reply was deleted in Slack: it is no longer evidence. */
  removeEvidence(criterionId: number, messageTs: string): boolean {
    return (
      this.db
        .delete(evidence)
        .where(and(eq(evidence.criterionId, criterionId), eq(evidence.messageTs, messageTs)))
        .run().changes > 0
    );
  }

  evidenceFor(criterionIds: number[]): StoredEvidence[] {
    if (criterionIds.length === 0) return [];
    this.compiledEvidenceFor ??= compileAll(
      this.db,
      evidenceColumns,
      this.db
        .select(evidenceColumns)
        .from(evidence)
        .where(inArray(evidence.criterionId, jsonList('ids')))
        .orderBy(asc(evidence.messageTs)),
    );
    return this.compiledEvidenceFor({ ids: JSON.stringify(criterionIds) });
  }
}
