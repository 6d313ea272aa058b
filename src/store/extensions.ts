import { asc, eq } from 'drizzle-orm';
import { extensions } from '../../db/schema.js';
import type { Db } from './db.js';

export interface Extension {
  id: number;
  pocId: number;
  previousEndDate: string;
  newEndDate: string;
  reason: string;
  criterionPositions: number[];
  requestedBy: string;
  requestedAt: string;
}

/** End-date extensions granted with `/poc extend`, each with the criteria it was for. */
export class ExtensionStore {
  constructor(private readonly db: Db) {}

  insert(row: Omit<Extension, 'id'>): Extension {
    const saved = this.db
      .insert(extensions)
      .values({ ...row, criterionPositions: JSON.stringify(row.criterionPositions) })
      .returning()
      .get();
    return { ...saved, criterionPositions: row.criterionPositions };
  }

  forPoc(pocId: number): Extension[] {
    return this.db
      .select()
      .from(extensions)
      .where(eq(extensions.pocId, pocId))
      .orderBy(asc(extensions.id))
      .all()
      .map((r) => ({ ...r, criterionPositions: JSON.parse(r.criterionPositions) as number[] }));
  }
}
