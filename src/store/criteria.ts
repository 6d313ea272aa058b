import { and, asc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import { criteria, criterionVotes, evidence } from '../../db/schema.js';
import type { Criterion, Evidence, Vote } from '../domain/poc.js';
import { compileAll, jsonList } from './compiled.js';
import type { Db } from './db.js';

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
};

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
      listActive: this.db.select().from(criteria).where(and(eq(criteria.pocId, p('pocId')), isNull(criteria.droppedAt))).orderBy(asc(criteria.position)).prepare(),
      byMessage: this.db.select().from(criteria).where(and(eq(criteria.pocId, p('pocId')), eq(criteria.messageTs, p('messageTs')))).prepare(),
      votesForOne: this.db.select(voteFields).from(criterionVotes).where(eq(criterionVotes.criterionId, p('criterionId'))).orderBy(asc(criterionVotes.id)).prepare(),
      addVote: this.db
        .insert(criterionVotes)
        .values({ criterionId: p('criterionId'), userId: p('userId'), role: p('role'), result: p('result'), reaction: p('reaction'), votedAt: p('votedAt') })
        .onConflictDoNothing()
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

  byMessage(pocId: number, messageTs: string): Criterion | undefined {
    return this.queries.byMessage.get({ pocId, messageTs });
  }

  update(id: number, patch: Partial<NewCriterion>): void {
    this.db.update(criteria).set(patch).where(eq(criteria.id, id)).run();
  }

  delete(id: number): void {
    this.db.delete(criteria).where(eq(criteria.id, id)).run();
  }

  votesFor(criterionIds: number[]): Vote[] {
    if (criterionIds.length === 0) return [];
    if (criterionIds.length === 1) return this.queries.votesForOne.all({ criterionId: criterionIds[0] });
    this.compiledVotesFor ??= compileAll(
      this.db,
      voteFields,
      this.db.select(voteFields).from(criterionVotes).where(inArray(criterionVotes.criterionId, jsonList('ids'))).orderBy(asc(criterionVotes.id)),
    );
    return this.compiledVotesFor({ ids: JSON.stringify(criterionIds) });
  }

  /** Records a reaction; false when that user already had that reaction on it (nothing changed). */
  addVote(vote: Vote): boolean {
    return this.queries.addVote.run({ ...vote }).changes > 0;
  }

  /** Removes a reaction; false when there was none to remove. */
  removeVote(criterionId: number, userId: string, reaction: string): boolean {
    const res = this.db
      .delete(criterionVotes)
      .where(
        and(
          eq(criterionVotes.criterionId, criterionId),
          eq(criterionVotes.userId, userId),
          eq(criterionVotes.reaction, reaction),
        ),
      )
      .run();
    return res.changes > 0;
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
      this.db.select(evidenceColumns).from(evidence).where(inArray(evidence.criterionId, jsonList('ids'))).orderBy(asc(evidence.messageTs)),
    );
    return this.compiledEvidenceFor({ ids: JSON.stringify(criterionIds) });
  }
}
