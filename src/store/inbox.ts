import { and, asc, eq, inArray, isNull, lt, lte, ne, sql } from 'drizzle-orm';
import type { InboxKind, InboxStatus } from '../domain/inbox.js';
import { pgStatement, prepareGet, prepareRun } from './compiled.js';
import type { StoreDb } from './handle.js';

export interface NewInboxRow {
  key: string;
  kind: InboxKind;
  /** The parsed request body as JSON. */
  body: string;
  retryNum: number | undefined;
  retryReason: string | undefined;
  receivedAt: Date;
}

/** A new row's columns as stored (dates as ISO text, absent retry fields as null). */
function columnsOf(row: NewInboxRow) {
  return {
    key: row.key,
    kind: row.kind,
    body: row.body,
    retryNum: row.retryNum ?? null,
    retryReason: row.retryReason ?? null,
    receivedAt: row.receivedAt.toISOString(),
  };
}

export interface InboxRow {
  id: number;
  key: string;
  kind: InboxKind;
  body: string;
  retryNum: number | null;
  retryReason: string | null;
  receivedAt: string;
  status: InboxStatus;
  attempts: number;
  error: string | null;
  /** When the process doing it last vouched for it (PostgreSQL replicas; null: never). */
  aliveAt: string | null;
}

/**
 * The requests pocbot has acknowledged (domain/inbox.ts). Run on the connection that never waits
 * for a lock (store/write-gate.ts): every request writes here before it is answered.
 */
export class InboxStore {
  constructor(private readonly h: StoreDb) {}

  // Every request adds a row and marks it done: prepared once (compiled.ts), not rebuilt per request.
  private preparedAdd: ((values: Record<string, unknown>) => Promise<{ id: number } | undefined>) | undefined;
  private preparedDone: ((values: { id: number; at: string }) => Promise<number>) | undefined;

  /** Runs `fn` in one transaction on this store's connection (one commit for a batch of rows). */
  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.h.transaction(fn);
  }

  /** The new row's id, or undefined when a row with this key is there already (a duplicate delivery). */
  async add(row: NewInboxRow): Promise<number | undefined> {
    const { inbox } = this.h.t;
    const p = (name: string) => sql.placeholder(name);
    const idField = { id: inbox.id };
    this.preparedAdd ??= prepareGet(this.h, idField, () =>
      this.h.db
        .insert(inbox)
        .values({
          key: p('key'),
          kind: p('kind'),
          body: p('body'),
          retryNum: p('retryNum'),
          retryReason: p('retryReason'),
          receivedAt: p('receivedAt'),
          status: 'pending',
          attempts: 0,
        })
        .onConflictDoNothing()
        .returning(idField),
    );
    const added = await this.preparedAdd(columnsOf(row));
    return added?.id;
  }

  /**
   * Several requests stored at once, each its id (undefined: received before). On SQLite each
   * row's compiled insert, in one transaction (a commit costs more than a row); on PostgreSQL one
   * statement, one round trip, atomic by itself: a request waits for it before its ack.
   */
  async addMany(rows: readonly NewInboxRow[]): Promise<Array<number | undefined>> {
    if (this.h.dialect === 'sqlite')
      return this.h.transaction(async () => {
        const ids: Array<number | undefined> = [];
        for (const row of rows) ids.push(await this.add(row));
        return ids;
      });
    // One named statement whatever the batch's size (the rows as arrays, unnested): prepared once
    // per connection, where drizzle would build a VALUES list for each batch and the server
    // parse it again. A request waits for this before its ack.
    const values = rows.map(columnsOf);
    const { rows: stored } = await pgStatement(
      this.h,
      'inbox_add_many',
      `insert into inbox (key, kind, body, retry_num, retry_reason, received_at, status, attempts)
        select key, kind, body, retry_num, retry_reason, received_at, 'pending', 0
        from unnest($1::text[], $2::text[], $3::text[], $4::int4[], $5::text[], $6::text[])
          as r(key, kind, body, retry_num, retry_reason, received_at)
        on conflict do nothing
        returning id, key`,
      [
        values.map((v) => v.key),
        values.map((v) => v.kind),
        values.map((v) => v.body),
        values.map((v) => v.retryNum),
        values.map((v) => v.retryReason),
        values.map((v) => v.receivedAt),
      ],
    );
    const ids = new Map(stored.map(([id, key]) => [key as string, id as number]));
    // The same key twice in one batch (a retry in the same turn): the first is the one stored.
    const seen = new Set<string>();
    return rows.map((row) => {
      if (seen.has(row.key)) return undefined;
      seen.add(row.key);
      return ids.get(row.key);
    });
  }

  /** Several marked done at once (as addMany: one transaction on SQLite, one statement on PostgreSQL). */
  async markDoneMany(ids: readonly number[], at: Date): Promise<void> {
    if (this.h.dialect === 'sqlite') {
      await this.h.transaction(async () => {
        for (const id of ids) await this.markDone(id, at);
      });
      return;
    }
    await pgStatement(
      this.h,
      'inbox_done_many',
      `update inbox set status = 'done', body = '', error = null, done_at = $2 where id = any($1::int4[])`,
      [ids, at.toISOString()],
    );
  }

  /** Its work is done: only the key stays, for the retry window (the body is let go). */
  async markDone(id: number, at: Date): Promise<void> {
    const { inbox } = this.h.t;
    const p = (name: string) => sql.placeholder(name);
    this.preparedDone ??= prepareRun(this.h, () =>
      this.h.db
        .update(inbox)
        .set({ status: 'done', body: '', error: null, doneAt: sql`${p('at')}` })
        .where(eq(inbox.id, p('id'))),
    );
    await this.preparedDone({ id, at: at.toISOString() });
  }

  /** A try of its work failed; it stays pending, to be tried again. */
  async markAttemptFailed(id: number, attempts: number, error: string): Promise<void> {
    const { inbox } = this.h.t;
    await this.h.run(
      this.h.db
        .update(inbox)
        .set({ attempts, error })
        .where(and(eq(inbox.id, id), eq(inbox.status, 'pending'))),
    );
  }

  /**
   * Takes up a request left unfinished, as read (`seen`: its error and its last vouching then):
   * true for the one caller whose update finds it still so. Two replicas starting at once read
   * the same leftover; only one does it. The note replaces the error, so the next one to read it
   * sees a new value; the taker vouches for it from then on (keepAlive). A replica that vouched
   * for it since it was read (it was slow, not dead) keeps it.
   */
  async takeUp(seen: Pick<InboxRow, 'id' | 'error' | 'aliveAt'>, note: string, at: Date): Promise<boolean> {
    const { inbox } = this.h.t;
    const changes = await this.h.run(
      this.h.db
        .update(inbox)
        .set({ error: note, aliveAt: at.toISOString() })
        .where(
          and(
            eq(inbox.id, seen.id),
            eq(inbox.status, 'pending'),
            seen.error === null ? isNull(inbox.error) : eq(inbox.error, seen.error),
            seen.aliveAt === null ? isNull(inbox.aliveAt) : eq(inbox.aliveAt, seen.aliveAt),
          ),
        ),
    );
    return changes > 0;
  }

  /**
   * The process doing these rows' work still is (one statement for all of them): another replica
   * leaves them alone (services/inbox.ts, unfinished). Rows finished meanwhile are not touched.
   */
  async keepAlive(ids: readonly number[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    const { inbox } = this.h.t;
    await this.h.run(
      this.h.db
        .update(inbox)
        .set({ aliveAt: at.toISOString() })
        .where(and(inArray(inbox.id, this.h.ids(JSON.stringify(ids))), eq(inbox.status, 'pending'))),
    );
  }

  /** Given up: `failed` (the work kept failing) or `expired` (too late to do). */
  async markGivenUp(id: number, status: 'failed' | 'expired', error: string): Promise<void> {
    const { inbox } = this.h.t;
    await this.h.run(this.h.db.update(inbox).set({ status, error }).where(eq(inbox.id, id)));
  }

  /** A request that was refused after all (never acknowledged): as if it had not come, so a retry is taken. */
  async remove(id: number): Promise<void> {
    const { inbox } = this.h.t;
    await this.h.run(this.h.db.delete(inbox).where(eq(inbox.id, id)));
  }

  async byKey(key: string): Promise<InboxRow | undefined> {
    const { inbox } = this.h.t;
    return this.h.one(this.h.db.select().from(inbox).where(eq(inbox.key, key)));
  }

  /** Rows acknowledged and not yet done, in the order they came, up to row `upTo` (every one without it). */
  async unfinished(upTo?: number): Promise<InboxRow[]> {
    const { inbox } = this.h.t;
    // No bound at all rather than a huge one: PostgreSQL would take it as an integer and refuse it.
    return this.h.all(
      this.h.db
        .select()
        .from(inbox)
        .where(and(eq(inbox.status, 'pending'), upTo === undefined ? undefined : lte(inbox.id, upTo)))
        .orderBy(asc(inbox.id)),
    );
  }

  /** The newest row's id (0 when empty). */
  async lastId(): Promise<number> {
    const { inbox } = this.h.t;
    const row = await this.h.one(this.h.db.select({ id: sql<number>`coalesce(max(${inbox.id}), 0)` }).from(inbox));
    return row?.id ?? 0;
  }

  /** Drops rows received before `before` whose work is over; pending ones are kept whatever their age. */
  async prune(before: Date): Promise<number> {
    const { inbox } = this.h.t;
    return this.h.run(
      this.h.db.delete(inbox).where(and(lt(inbox.receivedAt, before.toISOString()), ne(inbox.status, 'pending'))),
    );
  }
}
