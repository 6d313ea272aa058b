import { asc, eq } from 'drizzle-orm';
import type { StoreDb } from './handle.js';

export interface PocDecision {
  id: number;
  pocId: number;
  text: string;
  decidedBy: string;
  decidedAt: string;
}

/** `/poc decision <text>`: decisions taken during the POC, carried into the hand-off. */
export class DecisionStore {
  constructor(private readonly h: StoreDb) {}

  async insert(row: Omit<PocDecision, 'id'>): Promise<PocDecision> {
    const { pocDecisions } = this.h.t;
    const saved = await this.h.one(this.h.db.insert(pocDecisions).values(row).returning());
    if (!saved) throw new Error('inserting a decision returned no row');
    return saved;
  }

  async forPoc(pocId: number): Promise<PocDecision[]> {
    const { pocDecisions } = this.h.t;
    return this.h.all(
      this.h.db.select().from(pocDecisions).where(eq(pocDecisions.pocId, pocId)).orderBy(asc(pocDecisions.id)),
    );
  }
}
