import { and, asc, eq, isNull, max, sql } from 'drizzle-orm';
import { pocIssues } from '../../db/schema.js';
import type { PocIssue, Severity } from '../domain/issues.js';
import type { Db } from './db.js';

/** Issues logged with `/poc issue`, numbered per POC. */
export class IssueStore {
  constructor(private readonly db: Db) {}

  /** Inserts with the next per-POC number (call inside a transaction when racing is possible). */
  open(row: { pocId: number; text: string; severity: Severity | null; openedBy: string; openedAt: string }): PocIssue {
    const last = this.db
      .select({ n: max(pocIssues.number) })
      .from(pocIssues)
      .where(eq(pocIssues.pocId, row.pocId))
      .get();
    return this.db
      .insert(pocIssues)
      .values({ ...row, number: (last?.n ?? 0) + 1 })
      .returning()
      .get();
  }

  byId(id: number): PocIssue | undefined {
    return this.db.select().from(pocIssues).where(eq(pocIssues.id, id)).get();
  }

  byNumber(pocId: number, number: number): PocIssue | undefined {
    return this.db
      .select()
      .from(pocIssues)
      .where(and(eq(pocIssues.pocId, pocId), eq(pocIssues.number, number)))
      .get();
  }

  // /poc status and the App Home read this for every POC they show: prepared once.
  private forPocQuery: ReturnType<IssueStore['prepareForPoc']> | undefined;
  private prepareForPoc() {
    return this.db
      .select()
      .from(pocIssues)
      .where(eq(pocIssues.pocId, sql.placeholder('pocId')))
      .orderBy(asc(pocIssues.number))
      .prepare();
  }

  forPoc(pocId: number): PocIssue[] {
    this.forPocQuery ??= this.prepareForPoc();
    return this.forPocQuery.all({ pocId });
  }

  setSeverity(id: number, severity: Severity): PocIssue | undefined {
    return this.db.update(pocIssues).set({ severity }).where(eq(pocIssues.id, id)).returning().get();
  }

  setWorkaround(id: number, workaround: string): void {
    this.db.update(pocIssues).set({ workaround }).where(eq(pocIssues.id, id)).run();
  }

  /** false when it was already resolved (or does not exist). */
  resolve(id: number, by: string, at: string): boolean {
    return (
      this.db
        .update(pocIssues)
        .set({ resolvedBy: by, resolvedAt: at })
        .where(and(eq(pocIssues.id, id), isNull(pocIssues.resolvedAt)))
        .run().changes > 0
    );
  }
}
