import { asc, eq } from 'drizzle-orm';
import { pocDecisions } from '../../db/schema.js';
import type { Db } from './db.js';

export interface PocDecision {
  id: number;
  pocId: number;
  text: string;
  decidedBy: string;
  decidedAt: string;
}

/** `/poc decision <text>`: decisions taken during the POC, carried into the hand-off. */
export class DecisionStore {
  constructor(private readonly db: Db) {}

  insert(row: Omit<PocDecision, 'id'>): PocDecision {
    return this.db.insert(pocDecisions).values(row).returning().get();
  }

  forPoc(pocId: number): PocDecision[] {
    return this.db.select().from(pocDecisions).where(eq(pocDecisions.pocId, pocId)).orderBy(asc(pocDecisions.id)).all();
  }
}
