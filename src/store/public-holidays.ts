import { eq, ne } from 'drizzle-orm';
import type { PublicHoliday } from '../domain/public-holidays.js';
import type { StoreDb } from './handle.js';

export interface StoredHolidayYear {
  country: string;
  region: string | null;
  year: number;
  days: PublicHoliday[];
}

/** Each place's public holidays per year, computed once (see the schema). */
export class PublicHolidayStore {
  constructor(private readonly h: StoreDb) {}

  /** Every stored year computed by `source`; rows of another version are dropped first. */
  async all(source: string): Promise<StoredHolidayYear[]> {
    const { publicHolidayYears } = this.h.t;
    await this.h.run(this.h.db.delete(publicHolidayYears).where(ne(publicHolidayYears.source, source)));
    const rows = await this.h.all(
      this.h.db.select().from(publicHolidayYears).where(eq(publicHolidayYears.source, source)),
    );
    return rows.map((r) => ({
      country: r.country,
      region: r.region === '' ? null : r.region,
      year: r.year,
      days: JSON.parse(r.days) as PublicHoliday[],
    }));
  }

  async save(rows: StoredHolidayYear[], source: string): Promise<void> {
    if (rows.length === 0) return;
    const { publicHolidayYears } = this.h.t;
    await this.h.run(
      this.h.db
        .insert(publicHolidayYears)
        .values(
          rows.map((r) => ({
            country: r.country,
            region: r.region ?? '',
            year: r.year,
            days: JSON.stringify(r.days),
            source,
          })),
        )
        .onConflictDoNothing(),
    );
  }
}
