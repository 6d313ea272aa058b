import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { criteria, criterionVotes, evidence } from '../../db/schema.js';
import type { Criterion, Evidence, Vote } from '../domain/poc.js';
import type { Db } from './db.js';

export type NewCriterion = Omit<Criterion, 'id'>;

export type StoredEvidence = Evidence & { id: number };

export class CriteriaStore {
  constructor(private readonly db: Db) {}

  insertMany(rows: NewCriterion[]): Criterion[] {
    if (rows.length === 0) return [];
    return this.db.insert(criteria).values(rows).returning().all();
  }

  /** Criteria still in the POC (not dropped), in order. */
  listActive(pocId: number): Criterion[] {
    return this.db
      .select()
      .from(criteria)
      .where(and(eq(criteria.pocId, pocId), isNull(criteria.droppedAt)))
      .orderBy(asc(criteria.position))
      .all();
  }

  listAll(pocId: number): Criterion[] {
    return this.db.select().from(criteria).where(eq(criteria.pocId, pocId)).orderBy(asc(criteria.position)).all();
  }

  byMessage(pocId: number, messageTs: string): Criterion | undefined {
    return this.db
      .select()
      .from(criteria)
      .where(and(eq(criteria.pocId, pocId), eq(criteria.messageTs, messageTs)))
      .get();
  }

  update(id: number, patch: Partial<NewCriterion>): void {
    this.db.update(criteria).set(patch).where(eq(criteria.id, id)).run();
  }

  delete(id: number): void {
    this.db.delete(criteria).where(eq(criteria.id, id)).run();
  }

  votesFor(criterionIds: number[]): Vote[] {
    if (criterionIds.length === 0) return [];
    return this.db
      .select({
        criterionId: criterionVotes.criterionId,
        userId: criterionVotes.userId,
        role: criterionVotes.role,
        result: criterionVotes.result,
        reaction: criterionVotes.reaction,
        votedAt: criterionVotes.votedAt,
      })
      .from(criterionVotes)
      .where(inArray(criterionVotes.criterionId, criterionIds))
      .orderBy(asc(criterionVotes.id))
      .all();
  }

  /** Records a reaction; false when that user already had that reaction on it (nothing changed). */
  addVote(vote: Vote): boolean {
    const res = this.db.insert(criterionVotes).values(vote).onConflictDoNothing().run();
    return res.changes > 0;
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
    return this.db
      .select()
      .from(evidence)
      .where(inArray(evidence.criterionId, criterionIds))
      .orderBy(asc(evidence.messageTs))
      .all();
  }
}
