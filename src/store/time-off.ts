import { and, asc, eq, inArray } from 'drizzle-orm';
import { timeOff } from '../../db/schema.js';
import type { LocalDate } from '../domain/calendar.js';
import type { TimeOffRecord, TimeOffSource } from '../domain/time-off.js';
import type { Db } from './db.js';

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

const fields = {
  id: timeOff.id,
  userId: timeOff.userId,
  from: timeOff.fromDate,
  to: timeOff.toDate,
  note: timeOff.note,
  source: timeOff.source,
  createdBy: timeOff.createdBy,
};

/** People's time off (a person's, across every POC of the workspace). */
export class TimeOffStore {
  constructor(private readonly db: Db) {}

  /** Records it; false when the same days were already recorded for that person. */
  add(t: NewTimeOff): boolean {
    return (
      this.db
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
        .onConflictDoNothing()
        .run().changes > 0
    );
  }

  remove(teamId: string, id: number): boolean {
    return (
      this.db
        .delete(timeOff)
        .where(and(eq(timeOff.teamId, teamId), eq(timeOff.id, id)))
        .run().changes > 0
    );
  }

  /** The time off of these people, oldest first (every one: a past one still starts a fresh count after it). */
  forUsers(teamId: string, userIds: readonly string[]): TimeOffRecord[] {
    if (userIds.length === 0) return [];
    return this.db
      .select(fields)
      .from(timeOff)
      .where(and(eq(timeOff.teamId, teamId), inArray(timeOff.userId, [...userIds])))
      .orderBy(asc(timeOff.fromDate), asc(timeOff.id))
      .all();
  }
}
