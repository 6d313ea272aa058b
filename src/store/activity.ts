import { and, eq, inArray, sql } from 'drizzle-orm';
import { activity } from '../../db/schema.js';
import { type ActivityKind, compareSlackTs, maxSlackTs } from '../domain/activity.js';
import type { LocalDate } from '../domain/calendar.js';
import type { Db } from './db.js';

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

  /** Counts one message or reaction at `ts` on `day`, keeping the day's first and last ts. */
  record(a: { pocId: number; userId: string; day: LocalDate; ts: string; kind: ActivityKind }): void {
    this.db.transaction((tx) => {
      const where = and(eq(activity.pocId, a.pocId), eq(activity.userId, a.userId), eq(activity.day, a.day));
      const row = tx.select().from(activity).where(where).get();
      const counts = { messages: a.kind === 'message' ? 1 : 0, reactions: a.kind === 'reaction' ? 1 : 0 };
      if (!row) {
        tx.insert(activity)
          .values({ pocId: a.pocId, userId: a.userId, day: a.day, firstTs: a.ts, lastTs: a.ts, ...counts })
          .run();
        return;
      }
      // Events can arrive out of order (retries, delayed events): compare, never overwrite blindly.
      tx.update(activity)
        .set({
          firstTs: compareSlackTs(a.ts, row.firstTs) < 0 ? a.ts : row.firstTs,
          lastTs: compareSlackTs(a.ts, row.lastTs) > 0 ? a.ts : row.lastTs,
          messages: row.messages + counts.messages,
          reactions: row.reactions + counts.reactions,
        })
        .where(where)
        .run();
    });
  }

  /** The newest activity ts of the user in the POC. */
  lastTs(pocId: number, userId: string): string | undefined {
    const rows = this.db
      .select({ lastTs: activity.lastTs })
      .from(activity)
      .where(and(eq(activity.pocId, pocId), eq(activity.userId, userId)))
      .all();
    return rows.reduce<string | undefined>((best, r) => maxSlackTs(best, r.lastTs), undefined);
  }

  /** The newest activity ts of one user per POC (the evaluator of each), for many POCs in few queries. */
  lastTsByPoc(pairs: ReadonlyArray<{ pocId: number; userId: string }>): Map<number, string> {
    const wanted = new Map(pairs.map((p) => [p.pocId, p.userId]));
    const out = new Map<number, string>();
    const ids = [...wanted.keys()];
    for (let i = 0; i < ids.length; i += 400) {
      const chunk = ids.slice(i, i + 400);
      const users = [...new Set(chunk.map((id) => wanted.get(id) as string))];
      // Grouped in SQL so a long POC costs one row per user here, not one per day. Slack ts of
      // real messages are all 10.6 digits, so max() as text is exact; the reduce below re-checks.
      const rows = this.db
        .select({ pocId: activity.pocId, userId: activity.userId, lastTs: sql<string>`max(${activity.lastTs})` })
        .from(activity)
        .where(and(inArray(activity.pocId, chunk), inArray(activity.userId, users)))
        .groupBy(activity.pocId, activity.userId)
        .all();
      for (const r of rows) {
        if (wanted.get(r.pocId) !== r.userId) continue;
        const best = maxSlackTs(out.get(r.pocId), r.lastTs);
        if (best) out.set(r.pocId, best);
      }
    }
    return out;
  }

  forPoc(pocId: number): ActivityDay[] {
    return this.db.select().from(activity).where(eq(activity.pocId, pocId)).orderBy(activity.day, activity.userId).all();
  }
}
