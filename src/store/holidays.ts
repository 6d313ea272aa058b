import { and, asc, eq, sql } from 'drizzle-orm';
import type { Holidays, LocalDate } from '../domain/calendar.js';
import { prepareAll } from './compiled.js';
import type { StoreDb } from './handle.js';

/** Non-working dates for either company, per POC. */
export class HolidayStore {
  constructor(private readonly h: StoreDb) {}

  async add(pocId: number, dates: LocalDate[]): Promise<number> {
    if (dates.length === 0) return 0;
    const { holidays } = this.h.t;
    return this.h.run(
      this.h.db
        .insert(holidays)
        .values(dates.map((date) => ({ pocId, date })))
        .onConflictDoNothing(),
    );
  }

  async remove(pocId: number, date: LocalDate): Promise<boolean> {
    const { holidays } = this.h.t;
    const changes = await this.h.run(
      this.h.db.delete(holidays).where(and(eq(holidays.pocId, pocId), eq(holidays.date, date))),
    );
    return changes > 0;
  }

  // Prepared once (see compiled.ts): every `/poc status` reads it, and drizzle would build and
  // prepare the statement anew on each call.
  private preparedForPoc: ((values: { pocId: number }) => Promise<Array<{ date: LocalDate }>>) | undefined;

  async forPoc(pocId: number): Promise<Holidays> {
    const { holidays } = this.h.t;
    const dateField = { date: holidays.date };
    this.preparedForPoc ??= prepareAll(this.h, dateField, () =>
      this.h.db
        .select(dateField)
        .from(holidays)
        .where(eq(holidays.pocId, sql.placeholder('pocId')))
        .orderBy(asc(holidays.date)),
    );
    return new Set((await this.preparedForPoc({ pocId })).map((r) => r.date));
  }
}
