import { and, eq, sql } from 'drizzle-orm';
import { activity } from '../../db/schema.js';
import { type ActivityKind, compareSlackTs, maxSlackTs } from '../domain/activity.js';
import type { LocalDate } from '../domain/calendar.js';
import type { Db } from './db.js';
import { inTransaction } from './transaction.js';

export interface ActivityDay {
  pocId: number;
  userId: string;
  day: LocalDate;
  firstTs: string;
  lastTs: string;
  messages: number;
  reactions: number;
}

/** Activity per user per local day: one row a day, so a year of a busy channel stays small. */
export class ActivityStore {
  constructor(private readonly db: Db) {}

  // Every message and reaction in a POC channel records activity: prepared once, not per event.
  private prepare() {
    const p = sql.placeholder;
    const day = and(eq(activity.pocId, p('pocId')), eq(activity.userId, p('userId')), eq(activity.day, p('day')));
    return {
      day: this.db.select().from(activity).where(day).prepare(),
      lastTs: this.db
        .select({ lastTs: activity.lastTs })
        .from(activity)
        .where(and(eq(activity.pocId, p('pocId')), eq(activity.userId, p('userId'))))
        .prepare(),
      insert: this.db
        .insert(activity)
        .values({
          pocId: p('pocId'),
          userId: p('userId'),
          day: p('day'),
          firstTs: p('firstTs'),
          lastTs: p('lastTs'),
          messages: p('messages'),
          reactions: p('reactions'),
        })
        .prepare(),
      update: this.db
        .update(activity)
        .set({
          firstTs: sql`${p('firstTs')}`,
          lastTs: sql`${p('lastTs')}`,
          messages: sql`${p('messages')}`,
          reactions: sql`${p('reactions')}`,
        })
        .where(day)
        .prepare(),
    };
  }
  private prepared: ReturnType<ActivityStore['prepare']> | undefined;

  /** Counts one message or reaction at `ts` on `day`, keeping the day's first and last ts. */
  record(a: { pocId: number; userId: string; day: LocalDate; ts: string; kind: ActivityKind }): void {
    this.prepared ??= this.prepare();
    const q = this.prepared;
    inTransaction(this.db, () => {
      const key = { pocId: a.pocId, userId: a.userId, day: a.day };
      const row = q.day.get(key);
      const counts = { messages: a.kind === 'message' ? 1 : 0, reactions: a.kind === 'reaction' ? 1 : 0 };
      if (!row) {
        q.insert.run({ ...key, firstTs: a.ts, lastTs: a.ts, ...counts });
        return;
      }
      // Events can arrive out of order (retries, delayed events): compare, never overwrite blindly.
      q.update.run({
        ...key,
        firstTs: compareSlackTs(a.ts, row.firstTs) < 0 ? a.ts : row.firstTs,
        lastTs: compareSlackTs(a.ts, row.lastTs) > 0 ? a.ts : row.lastTs,
        messages: row.messages + counts.messages,
        reactions: row.reactions + counts.reactions,
      });
    });
  }

  /** The newest activity ts of the user in the POC. */
  lastTs(pocId: number, userId: string): string | undefined {
    this.prepared ??= this.prepare();
    const rows = this.prepared.lastTs.all({ pocId, userId });
    return rows.reduce<string | undefined>((best, r) => maxSlackTs(best, r.lastTs), undefined);
  }

  forPoc(pocId: number): ActivityDay[] {
    return this.db
      .select()
      .from(activity)
      .where(eq(activity.pocId, pocId))
      .orderBy(activity.day, activity.userId)
      .all();
  }
}
