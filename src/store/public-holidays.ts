import { eq, ne } from 'drizzle-orm';
import { publicHolidayYears } from '../../db/schema.js';
import type { PublicHoliday } from '../domain/public-holidays.js';
import type { Db } from './db.js';

export interface StoredHolidayYear {
  country: string;
  region: string | null;
  year: number;
  days: PublicHoliday[];
}

/** Each place's public holidays per year, computed once (see the schema). */
export class PublicHolidayStore {
  constructor(private readonly db: Db) {}

  /** Every stored year computed by `source`; rows of another version are dropped first. */
  all(source: string): StoredHolidayYear[] {
    this.db.delete(publicHolidayYears).where(ne(publicHolidayYears.source, source)).run();
    return this.db
      .select()
      .from(publicHolidayYears)
      .where(eq(publicHolidayYears.source, source))
      .all()
      .map((r) => ({
        country: r.country,
        region: r.region === '' ? null : r.region,
        year: r.year,
        days: JSON.parse(r.days) as PublicHoliday[],
      }));
  }

  save(rows: StoredHolidayYear[], source: string): void {
    if (rows.length === 0) return;
    this.db
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
      .onConflictDoNothing()
      .run();
  }
}
