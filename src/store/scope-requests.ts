import { and, asc, eq, getTableColumns, sql } from 'drizzle-orm';
import { prepareAll } from './compiled.js';
import type { StoreDb } from './handle.js';

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
  constructor(private readonly h: StoreDb) {}

  async insert(row: { pocId: number; text: string; requestedBy: string; requestedAt: string }): Promise<ScopeRequest> {
    const { scopeRequests } = this.h.t;
    const saved = await this.h.one(
      this.h.db
        .insert(scopeRequests)
        .values({ ...row, decision: 'pending' })
        .returning(),
    );
    if (!saved) throw new Error('inserting a scope request returned no row');
    return saved;
  }

  async byId(id: number): Promise<ScopeRequest | undefined> {
    const { scopeRequests } = this.h.t;
    return this.h.one(this.h.db.select().from(scopeRequests).where(eq(scopeRequests.id, id)));
  }

  // /poc status and the App Home read this for every POC they show: prepared once (compiled.ts).
  private preparedForPoc: ((values: { pocId: number }) => Promise<ScopeRequest[]>) | undefined;

  async forPoc(pocId: number): Promise<ScopeRequest[]> {
    const { scopeRequests } = this.h.t;
    const columns = getTableColumns(scopeRequests);
    this.preparedForPoc ??= prepareAll(this.h, columns, () =>
      this.h.db
        .select(columns)
        .from(scopeRequests)
        .where(eq(scopeRequests.pocId, sql.placeholder('pocId')))
        .orderBy(asc(scopeRequests.id)),
    );
    return this.preparedForPoc({ pocId });
  }

  /** Decides a pending request; false when it was decided already (a double click). */
  async decide(
    id: number,
    patch: {
      decision: 'deferred' | 'accepted';
      decidedBy: string;
      decidedAt: string;
      newEndDate?: string | null;
      droppedCriterionId?: number | null;
    },
  ): Promise<boolean> {
    const { scopeRequests } = this.h.t;
    const changes = await this.h.run(
      this.h.db
        .update(scopeRequests)
        .set(patch)
        .where(and(eq(scopeRequests.id, id), eq(scopeRequests.decision, 'pending'))),
    );
    return changes > 0;
  }
}
