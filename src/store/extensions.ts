import { and, asc, eq } from 'drizzle-orm';
import { extensions } from '../../db/schema.js';
import type { ExtensionStatus } from '../domain/extension.js';
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
  constructor(private readonly db: Db) {}

  insert(row: NewExtension): Extension {
    const saved = this.db
      .insert(extensions)
      .values({ ...row, criterionPositions: JSON.stringify(row.criterionPositions) })
      .returning()
      .get();
    return parse(saved);
  }

  byId(id: number): Extension | undefined {
    const r = this.db.select().from(extensions).where(eq(extensions.id, id)).get();
    return r ? parse(r) : undefined;
  }

  forPoc(pocId: number): Extension[] {
    return this.db
      .select()
      .from(extensions)
      .where(eq(extensions.pocId, pocId))
      .orderBy(asc(extensions.id))
      .all()
      .map(parse);
  }

  /** A request nobody could be asked about (the AE's DM failed): as if it was never made. */
  remove(id: number): void {
    this.db
      .delete(extensions)
      .where(and(eq(extensions.id, id), eq(extensions.status, 'awaiting_approval')))
      .run();
  }

  /** Decides one still awaiting approval; false when it was decided already (a second click). */
  decide(
    id: number,
    outcome: {
      status: Exclude<ExtensionStatus, 'awaiting_approval'>;
      by: string;
      at: string;
      previousEndDate?: string;
      previousReadoutDate?: string;
      newReadoutDate?: string;
    },
  ): boolean {
    const { status, by, at, ...dates } = outcome;
    return (
      this.db
        .update(extensions)
        .set({ status, decidedBy: by, decidedAt: at, ...dates })
        .where(and(eq(extensions.id, id), eq(extensions.status, 'awaiting_approval')))
        .run().changes > 0
    );
  }
}
