import { and, asc, eq, notInArray, sql } from 'drizzle-orm';
import { pocEvaluators } from '../../db/schema.js';
import { otherEvaluators } from '../domain/team.js';
import { compileAll } from './compiled.js';
import type { Db } from './db.js';

const fields = { userId: pocEvaluators.userId };

/**
 * The customer's evaluation team of each POC: the lead (the same person as `pocs.evaluator_id`,
 * written together with it) and the other evaluators.
 */
export class EvaluatorStore {
  constructor(private readonly db: Db) {}

  // Every reaction on a criterion message reads it: compiled once.
  private compiledOthers: ((values: { pocId: number }) => Array<{ userId: string }>) | undefined;

  /** The evaluators other than the lead, in the order they were named. */
  others(pocId: number): string[] {
    this.compiledOthers ??= compileAll(
      this.db,
      fields,
      this.db
        .select(fields)
        .from(pocEvaluators)
        .where(and(eq(pocEvaluators.pocId, sql.placeholder('pocId')), eq(pocEvaluators.role, 'evaluator')))
        .orderBy(asc(sql`rowid`)),
    );
    return this.compiledOthers({ pocId }).map((r) => r.userId);
  }

  /**
   * Names the team: the lead and the others, in the caller's transaction with `pocs.evaluator_id`.
   * People still on it keep the day they were first named.
   */
  setTeam(pocId: number, leadId: string, others: readonly string[], at: string): void {
    const team = [
      { userId: leadId, role: 'lead' as const },
      ...otherEvaluators(leadId, others).map((userId) => ({ userId, role: 'evaluator' as const })),
    ];
    this.db
      .delete(pocEvaluators)
      .where(
        and(
          eq(pocEvaluators.pocId, pocId),
          notInArray(
            pocEvaluators.userId,
            team.map((m) => m.userId),
          ),
        ),
      )
      .run();
    for (const m of team) {
      this.db
        .insert(pocEvaluators)
        .values({ pocId, userId: m.userId, role: m.role, addedAt: at })
        .onConflictDoUpdate({ target: [pocEvaluators.pocId, pocEvaluators.userId], set: { role: m.role } })
        .run();
    }
  }
}
