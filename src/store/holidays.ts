import { and, asc, eq, sql } from 'drizzle-orm';
import { holidays } from '../../db/schema.js';
import type { Holidays, LocalDate } from '../domain/calendar.js';
import { compileAll } from './compiled.js';
import type { Db } from './db.js';

const dateField = { date: holidays.date };

/** Non-working dates for either company, per POC. */
export class HolidayStore {
  constructor(private readonly db: Db) {}

  add(pocId: number, dates: LocalDate[]): number {
    if (dates.length === 0) return 0;
    return this.db
      .insert(holidays)
      .values(dates.map((date) => ({ pocId, date })))
      .onConflictDoNothing()
      .run().changes;
  }

  remove(pocId: number, date: LocalDate): boolean {
    return (
      this.db
        .delete(holidays)
        .where(and(eq(holidays.pocId, pocId), eq(holidays.date, date)))
        .run().changes > 0
    );
  }

  // Compiled once (see compiled.ts): every `/poc status` reads it, and drizzle would build and
  // prepare the statement anew on each call.
  private compiledForPoc: ((values: { pocId: number }) => Array<{ date: LocalDate }>) | undefined;

  forPoc(pocId: number): Holidays {
    this.compiledForPoc ??= compileAll(
      this.db,
      dateField,
      this.db
        .select(dateField)
        .from(holidays)
        .where(eq(holidays.pocId, sql.placeholder('pocId')))
        .orderBy(asc(holidays.date)),
    );
    return new Set(this.compiledForPoc({ pocId }).map((r) => r.date));
  }
}
