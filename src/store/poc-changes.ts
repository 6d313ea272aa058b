import { asc, eq } from 'drizzle-orm';
import { pocChanges } from '../../db/schema.js';
import type { ChangeRow } from '../domain/readout-model.js';
import type { Db } from './db.js';

/** A change-log row: what the readout reads (ChangeRow), with its id and POC. */
export interface PocChangeRow extends ChangeRow {
  id: number;
  pocId: number;
}

/** The change log of a POC's criteria document (`/poc edit`). */
export class PocChangeStore {
  constructor(private readonly db: Db) {}

  insertMany(rows: Array<Omit<PocChangeRow, 'id'>>): void {
    if (rows.length === 0) return;
    this.db.insert(pocChanges).values(rows).run();
  }

  list(pocId: number): PocChangeRow[] {
    return this.db.select().from(pocChanges).where(eq(pocChanges.pocId, pocId)).orderBy(asc(pocChanges.id)).all();
  }
}
