import { and, asc, eq, lt, ne, sql } from 'drizzle-orm';
import { inbox } from '../../db/schema.js';
import type { InboxKind, InboxStatus } from '../domain/inbox.js';
import { compileRun } from './compiled.js';
import type { Db } from './db.js';
import { inTransaction } from './transaction.js';

export interface NewInboxRow {
  key: string;
  kind: InboxKind;
  /** The parsed request body as JSON. */
  body: string;
  retryNum: number | undefined;
  retryReason: string | undefined;
  receivedAt: Date;
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
}

/**
 * The requests pocbot has acknowledged (domain/inbox.ts). Run on the connection that never waits
 * for a lock (store/write-gate.ts): every request writes here before it is answered.
 */
export class InboxStore {
  constructor(private readonly db: Db) {}

  // Every request adds a row and marks it done: compiled once, not rebuilt per request.
  private compiledAdd: ReturnType<typeof compileRun> | undefined;
  private compiledDone: ReturnType<typeof compileRun> | undefined;

  /** Runs `fn` in one transaction on this store's connection (one commit for a batch of rows). */
  transaction<T>(fn: () => T): T {
    return inTransaction(this.db, fn);
  }

  /** The new row's id, or undefined when a row with this key is there already (a duplicate delivery). */
  add(row: NewInboxRow): number | undefined {
    const p = (name: string) => sql.placeholder(name);
    this.compiledAdd ??= compileRun(
      this.db,
      this.db
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
        .onConflictDoNothing(),
    );
    const res = this.compiledAdd({
      key: row.key,
      kind: row.kind,
      body: row.body,
      retryNum: row.retryNum ?? null,
      retryReason: row.retryReason ?? null,
      receivedAt: row.receivedAt.toISOString(),
    }) as { changes: number; lastInsertRowid: number | bigint };
    return res.changes > 0 ? Number(res.lastInsertRowid) : undefined;
  }

  /** Its work is done: only the key stays, for the retry window (the body is let go). */
  markDone(id: number, at: Date): void {
    const p = (name: string) => sql.placeholder(name);
    this.compiledDone ??= compileRun(
      this.db,
      this.db
        .update(inbox)
        .set({ status: 'done', body: '', error: null, doneAt: sql`${p('at')}` })
        .where(eq(inbox.id, p('id'))),
    );
    this.compiledDone({ id, at: at.toISOString() });
  }

  /** A try of its work failed; it stays pending, to be tried again. */
  markAttemptFailed(id: number, attempts: number, error: string): void {
    this.db
      .update(inbox)
      .set({ attempts, error })
      .where(and(eq(inbox.id, id), eq(inbox.status, 'pending')))
      .run();
  }

  /** Given up: `failed` (the work kept failing) or `expired` (too late to do). */
  markGivenUp(id: number, status: 'failed' | 'expired', error: string): void {
    this.db.update(inbox).set({ status, error }).where(eq(inbox.id, id)).run();
  }

  /** A request that was refused after all (never acknowledged): as if it had not come, so a retry is taken. */
  remove(id: number): void {
    this.db.delete(inbox).where(eq(inbox.id, id)).run();
  }

  byKey(key: string): InboxRow | undefined {
    return this.db.select().from(inbox).where(eq(inbox.key, key)).get();
  }

  /** Rows acknowledged and not yet done, in the order they came, up to row `upTo`. */
  unfinished(upTo = Number.MAX_SAFE_INTEGER): InboxRow[] {
    return this.db
      .select()
      .from(inbox)
      .where(and(eq(inbox.status, 'pending'), sql`${inbox.id} <= ${upTo}`))
      .orderBy(asc(inbox.id))
      .all();
  }

  /** The newest row's id (0 when empty). */
  lastId(): number {
    return (
      this.db
        .select({ id: sql<number>`coalesce(max(${inbox.id}), 0)` })
        .from(inbox)
        .get()?.id ?? 0
    );
  }

  /** Drops rows received before `before` whose work is over; pending ones are kept whatever their age. */
  prune(before: Date): number {
    return this.db
      .delete(inbox)
      .where(and(lt(inbox.receivedAt, before.toISOString()), ne(inbox.status, 'pending')))
      .run().changes;
  }
}
