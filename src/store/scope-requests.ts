import { and, asc, eq, sql } from 'drizzle-orm';
import { scopeRequests } from '../../db/schema.js';
import type { Db } from './db.js';

export type { ScopeDecision } from '../domain/poc.js';
import type { ScopeDecision } from '../domain/poc.js';

export interface ScopeRequest {
  id: number;
  pocId: number;
  text: string;
  decision: ScopeDecision;
  newEndDate: string | null;
  droppedCriterionId: number | null;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

/** Out-of-scope requests logged with `/poc scope` and what was decided about them. */
export class ScopeRequestStore {
  constructor(private readonly db: Db) {}

  insert(row: { pocId: number; text: string; requestedBy: string; requestedAt: string }): ScopeRequest {
    return this.db
      .insert(scopeRequests)
      .values({ ...row, decision: 'pending' })
      .returning()
      .get();
  }

  byId(id: number): ScopeRequest | undefined {
    return this.db.select().from(scopeRequests).where(eq(scopeRequests.id, id)).get();
  }

  // /poc status and the App Home read this for every POC they show: prepared once.
  private forPocQuery: ReturnType<ScopeRequestStore['prepareForPoc']> | undefined;
  private prepareForPoc() {
    return this.db
      .select()
      .from(scopeRequests)
      .where(eq(scopeRequests.pocId, sql.placeholder('pocId')))
      .orderBy(asc(scopeRequests.id))
      .prepare();
  }

  forPoc(pocId: number): ScopeRequest[] {
    this.forPocQuery ??= this.prepareForPoc();
    return this.forPocQuery.all({ pocId });
  }

  /** Decides a pending request; false when it was decided already (a double click). */
  decide(
    id: number,
    patch: {
      decision: 'deferred' | 'accepted';
      decidedBy: string;
      decidedAt: string;
      newEndDate?: string | null;
      droppedCriterionId?: number | null;
    },
  ): boolean {
    return (
      this.db
        .update(scopeRequests)
        .set(patch)
        .where(and(eq(scopeRequests.id, id), eq(scopeRequests.decision, 'pending')))
        .run().changes > 0
    );
  }
}
