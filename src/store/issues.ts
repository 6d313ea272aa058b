import { and, asc, eq, getTableColumns, isNull, max, sql } from 'drizzle-orm';
import type { PocIssue, Severity } from '../domain/issues.js';
import { prepareAll } from './compiled.js';
import type { StoreDb } from './handle.js';

/** Issues logged with `/poc issue`, numbered per POC. */
export class IssueStore {
  constructor(private readonly h: StoreDb) {}

  /** Inserts with the next per-POC number (call inside a transaction when racing is possible). */
  async open(row: {
    pocId: number;
    text: string;
    severity: Severity | null;
    openedBy: string;
    openedAt: string;
  }): Promise<PocIssue> {
    const { pocIssues } = this.h.t;
    const last = await this.h.one(
      this.h.db
        .select({ n: max(pocIssues.number) })
        .from(pocIssues)
        .where(eq(pocIssues.pocId, row.pocId)),
    );
    const saved = await this.h.one(
      this.h.db
        .insert(pocIssues)
        .values({ ...row, number: (last?.n ?? 0) + 1 })
        .returning(),
    );
    if (!saved) throw new Error('inserting an issue returned no row');
    return saved;
  }

  async byId(id: number): Promise<PocIssue | undefined> {
    const { pocIssues } = this.h.t;
    return this.h.one(this.h.db.select().from(pocIssues).where(eq(pocIssues.id, id)));
  }

  async byNumber(pocId: number, number: number): Promise<PocIssue | undefined> {
    const { pocIssues } = this.h.t;
    return this.h.one(
      this.h.db
        .select()
        .from(pocIssues)
        .where(and(eq(pocIssues.pocId, pocId), eq(pocIssues.number, number))),
    );
  }

  // /poc status and the App Home read this for every POC they show: prepared once (compiled.ts).
  private preparedForPoc: ((values: { pocId: number }) => Promise<PocIssue[]>) | undefined;

  async forPoc(pocId: number): Promise<PocIssue[]> {
    const { pocIssues } = this.h.t;
    const columns = getTableColumns(pocIssues);
    this.preparedForPoc ??= prepareAll(this.h, columns, () =>
      this.h.db
        .select(columns)
        .from(pocIssues)
        .where(eq(pocIssues.pocId, sql.placeholder('pocId')))
        .orderBy(asc(pocIssues.number)),
    );
    return this.preparedForPoc({ pocId });
  }

  async setSeverity(id: number, severity: Severity): Promise<PocIssue | undefined> {
    const { pocIssues } = this.h.t;
    return this.h.one(this.h.db.update(pocIssues).set({ severity }).where(eq(pocIssues.id, id)).returning());
  }

  async setWorkaround(id: number, workaround: string): Promise<void> {
    const { pocIssues } = this.h.t;
    await this.h.run(this.h.db.update(pocIssues).set({ workaround }).where(eq(pocIssues.id, id)));
  }

  /** false when it was already resolved (or does not exist). */
  async resolve(id: number, by: string, at: string): Promise<boolean> {
    const { pocIssues } = this.h.t;
    const changes = await this.h.run(
      this.h.db
        .update(pocIssues)
        .set({ resolvedBy: by, resolvedAt: at })
        .where(and(eq(pocIssues.id, id), isNull(pocIssues.resolvedAt))),
    );
    return changes > 0;
  }
}
