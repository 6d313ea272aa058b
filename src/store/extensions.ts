import { and, asc, eq } from 'drizzle-orm';
import type { extensions } from '../../db/schema.js';
import type { ExtensionStatus } from '../domain/extension.js';
import type { StoreDb } from './handle.js';

export interface Extension {
  id: number;
  pocId: number;
  previousEndDate: string;
  newEndDate: string;
  reason: string;
  criterionPositions: number[];
  requestedBy: string;
  requestedAt: string;
  status: ExtensionStatus;
  /** Who approved or declined it (the AE), or granted it at once. */
  decidedBy: string | null;
  decidedAt: string | null;
  previousReadoutDate: string | null;
  newReadoutDate: string | null;
}

type Optional = 'status' | 'decidedBy' | 'decidedAt' | 'previousReadoutDate' | 'newReadoutDate';
/** `status` defaults to granted. */
export type NewExtension = Omit<Extension, 'id' | Optional> & Partial<Pick<Extension, Optional>>;

const parse = (r: typeof extensions.$inferSelect): Extension => ({
  ...r,
  criterionPositions: JSON.parse(r.criterionPositions) as number[],
});

/** End-date extensions asked for with `/poc extend` (or by accepting scope), each with the criteria it was for and what became of it. */
export class ExtensionStore {
  constructor(private readonly h: StoreDb) {}

  async insert(row: NewExtension): Promise<Extension> {
    const { extensions } = this.h.t;
    const saved = await this.h.one(
      this.h.db
        .insert(extensions)
        .values({ ...row, criterionPositions: JSON.stringify(row.criterionPositions) })
        .returning(),
    );
    if (!saved) throw new Error('inserting an extension returned no row');
    return parse(saved);
  }

  async byId(id: number): Promise<Extension | undefined> {
    const { extensions } = this.h.t;
    const r = await this.h.one(this.h.db.select().from(extensions).where(eq(extensions.id, id)));
    return r ? parse(r) : undefined;
  }

  async forPoc(pocId: number): Promise<Extension[]> {
    const { extensions } = this.h.t;
    const rows = await this.h.all(
      this.h.db.select().from(extensions).where(eq(extensions.pocId, pocId)).orderBy(asc(extensions.id)),
    );
    return rows.map(parse);
  }

  /** A request nobody could be asked about (the AE's DM failed): as if it was never made. */
  async remove(id: number): Promise<void> {
    const { extensions } = this.h.t;
    await this.h.run(
      this.h.db.delete(extensions).where(and(eq(extensions.id, id), eq(extensions.status, 'awaiting_approval'))),
    );
  }

  /** Decides one still awaiting approval; false when it was decided already (a second click). */
  async decide(
    id: number,
    outcome: {
      status: Exclude<ExtensionStatus, 'awaiting_approval'>;
      by: string;
      at: string;
      previousEndDate?: string;
      previousReadoutDate?: string;
      newReadoutDate?: string;
    },
  ): Promise<boolean> {
    const { extensions } = this.h.t;
    const { status, by, at, ...dates } = outcome;
    return (
      (await this.h.run(
        this.h.db
          .update(extensions)
          .set({ status, decidedBy: by, decidedAt: at, ...dates })
          .where(and(eq(extensions.id, id), eq(extensions.status, 'awaiting_approval'))),
      )) > 0
    );
  }
}
