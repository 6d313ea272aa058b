import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { prepareAll } from './compiled.js';
import type { LocalDate } from '../domain/calendar.js';
import type { TimeOffRecord, TimeOffSource } from '../domain/time-off.js';
import type { StoreDb } from './handle.js';

export interface NewTimeOff {
  teamId: string;
  userId: string;
  from: LocalDate;
  to: LocalDate;
  note: string;
  source: TimeOffSource;
  pocId: number | null;
  createdBy: string;
  createdAt: string;
}

/** People's time off (a person's, across every POC of the workspace). */
export class TimeOffStore {
  constructor(private readonly h: StoreDb) {}

  private get fields() {
    const { timeOff } = this.h.t;
    return {
      id: timeOff.id,
      userId: timeOff.userId,
      from: timeOff.fromDate,
      to: timeOff.toDate,
      note: timeOff.note,
      source: timeOff.source,
      createdBy: timeOff.createdBy,
    };
  }

  /** Records it; false when the same days were already recorded for that person. */
  async add(t: NewTimeOff): Promise<boolean> {
    const { timeOff } = this.h.t;
    const changes = await this.h.run(
      this.h.db
        .insert(timeOff)
        .values({
          teamId: t.teamId,
          userId: t.userId,
          fromDate: t.from,
          toDate: t.to,
          note: t.note,
          source: t.source,
          pocId: t.pocId,
          createdBy: t.createdBy,
          createdAt: t.createdAt,
        })
        .onConflictDoNothing(),
    );
    return changes > 0;
  }

  async remove(teamId: string, id: number): Promise<boolean> {
    const { timeOff } = this.h.t;
    const changes = await this.h.run(
      this.h.db.delete(timeOff).where(and(eq(timeOff.teamId, teamId), eq(timeOff.id, id))),
    );
    return changes > 0;
  }

  /** The time off of these people, oldest first (every one: a past one still starts a fresh count after it). */
  async forUsers(teamId: string, userIds: readonly string[]): Promise<TimeOffRecord[]> {
    if (userIds.length === 0) return [];
    const { timeOff } = this.h.t;
    const fields = this.fields;
    // Prepared once, the people as one JSON parameter: every /poc status and nudge reads a team.
    this.preparedForUsers ??= prepareAll(this.h, fields, () =>
      this.h.db
        .select(fields)
        .from(timeOff)
        .where(
          and(
            eq(timeOff.teamId, sql.placeholder('teamId')),
            inArray(timeOff.userId, this.h.texts(sql.placeholder('userIds'))),
          ),
        )
        .orderBy(asc(timeOff.fromDate), asc(timeOff.id)),
    );
    return this.preparedForUsers({ teamId, userIds: JSON.stringify(userIds) });
  }

  private preparedForUsers: ((values: { teamId: string; userIds: string }) => Promise<TimeOffRecord[]>) | undefined;
}
