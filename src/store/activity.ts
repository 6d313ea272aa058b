import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { type ActivityKind, compareSlackTs, maxSlackTs } from '../domain/activity.js';
import type { LocalDate } from '../domain/calendar.js';
import { prepareAll, prepareGet, prepareRun } from './compiled.js';
import type { StoreDb } from './handle.js';

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
  constructor(private readonly h: StoreDb) {}

  // Every message and reaction in a POC channel records activity: prepared once (see
  // compiled.ts), not per event.
  private prepare() {
    const { activity } = this.h.t;
    const p = sql.placeholder;
    const columns = getTableColumns(activity);
    const day = () => and(eq(activity.pocId, p('pocId')), eq(activity.userId, p('userId')), eq(activity.day, p('day')));
    // A day's row as the event's own (its first count).
    const newDay = {
      pocId: p('pocId'),
      userId: p('userId'),
      day: p('day'),
      firstTs: p('firstTs'),
      lastTs: p('lastTs'),
      messages: p('messages'),
      reactions: p('reactions'),
    };
    return {
      // SQLite counts with insert, day and update in one transaction (one writer at a time);
      // PostgreSQL with the one upsert below, atomic whoever counts the same day at once.
      day: prepareGet(this.h, columns, () => this.h.db.select(columns).from(activity).where(day())),
      // A team's members at once (`users`: one JSON list), for reads of one POC's whole team.
      lastTsOf: prepareAll(
        this.h,
        { userId: activity.userId, lastTs: activity.lastTs },
        () =>
          this.h.db
            .select({ userId: activity.userId, lastTs: activity.lastTs })
            .from(activity)
            .where(and(eq(activity.pocId, p('pocId')), inArray(activity.userId, this.h.texts(p('users'))))),
        { read: 'all' },
      ),
      insert: prepareRun(this.h, () => this.h.db.insert(activity).values(newDay).onConflictDoNothing()),
      // PostgreSQL: the whole count in one statement, one round trip per event instead of five
      // (begin, insert, read locked, update, commit). Slack ts compare as numbers there, exactly.
      upsert:
        this.h.dialect === 'postgres'
          ? prepareRun(this.h, () =>
              this.h.db
                .insert(activity)
                .values(newDay)
                .onConflictDoUpdate({
                  target: [activity.pocId, activity.userId, activity.day],
                  set: {
                    firstTs: sql`case when (excluded.first_ts)::numeric < (${activity.firstTs})::numeric then excluded.first_ts else ${activity.firstTs} end`,
                    lastTs: sql`case when (excluded.last_ts)::numeric > (${activity.lastTs})::numeric then excluded.last_ts else ${activity.lastTs} end`,
                    messages: sql`${activity.messages} + excluded.messages`,
                    reactions: sql`${activity.reactions} + excluded.reactions`,
                  },
                }),
            )
          : undefined,
      update: prepareRun(this.h, () =>
        this.h.db
          .update(activity)
          .set({
            firstTs: sql`${p('firstTs')}`,
            lastTs: sql`${p('lastTs')}`,
            messages: sql`${p('messages')}`,
            reactions: sql`${p('reactions')}`,
          })
          .where(day()),
      ),
    };
  }
  private prepared: ReturnType<ActivityStore['prepare']> | undefined;

  /** Counts one message or reaction at `ts` on `day`, keeping the day's first and last ts. */
  async record(a: { pocId: number; userId: string; day: LocalDate; ts: string; kind: ActivityKind }): Promise<void> {
    this.prepared ??= this.prepare();
    const q = this.prepared;
    const key = { pocId: a.pocId, userId: a.userId, day: a.day };
    const counts = { messages: a.kind === 'message' ? 1 : 0, reactions: a.kind === 'reaction' ? 1 : 0 };
    if (q.upsert) {
      await q.upsert({ ...key, firstTs: a.ts, lastTs: a.ts, ...counts });
      return;
    }
    await this.h.transaction(async () => {
      // The day's first: a row of its own. Otherwise added to it.
      if ((await q.insert({ ...key, firstTs: a.ts, lastTs: a.ts, ...counts })) > 0) return;
      const row = await q.day(key);
      if (!row) throw new Error(`activity of ${a.userId} on ${a.day} in POC ${a.pocId}: neither inserted nor found`);
      // Events can arrive out of order (retries, delayed events): compare, never overwrite blindly.
      await q.update({
        ...key,
        firstTs: compareSlackTs(a.ts, row.firstTs) < 0 ? a.ts : row.firstTs,
        lastTs: compareSlackTs(a.ts, row.lastTs) > 0 ? a.ts : row.lastTs,
        messages: row.messages + counts.messages,
        reactions: row.reactions + counts.reactions,
      });
    });
  }

  /**
   * The newest activity ts of each of these users in the POC (compared as Slack ts): one statement
   * for the whole team, where a read per member cost a round trip each on PostgreSQL.
   * Users without activity are absent from the map.
   */
  async lastTsOf(pocId: number, userIds: readonly string[]): Promise<Map<string, string>> {
    const newest = new Map<string, string>();
    if (userIds.length === 0) return newest;
    this.prepared ??= this.prepare();
    for (const r of await this.prepared.lastTsOf({ pocId, users: JSON.stringify(userIds) })) {
      newest.set(r.userId, maxSlackTs(newest.get(r.userId), r.lastTs) as string);
    }
    return newest;
  }

  /** The newest activity ts of the user in the POC. */
  async lastTs(pocId: number, userId: string): Promise<string | undefined> {
    return (await this.lastTsOf(pocId, [userId])).get(userId);
  }

  async forPoc(pocId: number): Promise<ActivityDay[]> {
    const { activity } = this.h.t;
    return this.h.all(
      this.h.db.select().from(activity).where(eq(activity.pocId, pocId)).orderBy(activity.day, activity.userId),
    );
  }
}
