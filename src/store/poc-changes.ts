import { asc, eq } from 'drizzle-orm';
import type { ChangeRow } from '../domain/readout-model.js';
import type { StoreDb } from './handle.js';

/** A change-log row: what the readout reads (ChangeRow), with its id and POC. */
export interface PocChangeRow extends ChangeRow {
  id: number;
  pocId: number;
}

/** The change log of a POC's criteria document (`/poc edit`). */
export class PocChangeStore {
  constructor(private readonly h: StoreDb) {}

  async insertMany(rows: Array<Omit<PocChangeRow, 'id'>>): Promise<void> {
    if (rows.length === 0) return;
    const { pocChanges } = this.h.t;
    await this.h.run(this.h.db.insert(pocChanges).values(rows));
  }

  async list(pocId: number): Promise<PocChangeRow[]> {
    const { pocChanges } = this.h.t;
    return this.h.all(
      this.h.db.select().from(pocChanges).where(eq(pocChanges.pocId, pocId)).orderBy(asc(pocChanges.id)),
    );
  }
}
