import { and, asc, eq, notInArray, sql } from 'drizzle-orm';
import { otherEvaluators } from '../domain/team.js';
import { prepareAll } from './compiled.js';
import type { StoreDb } from './handle.js';

/**
 * The customer's evaluation team of each POC: the lead (the same person as `pocs.evaluator_id`,
 * written together with it) and the other evaluators.
 */
export class EvaluatorStore {
  constructor(private readonly h: StoreDb) {}

  // Every reaction on a criterion message reads it: prepared once.
  private preparedOthers: ((values: { pocId: number }) => Promise<Array<{ userId: string }>>) | undefined;

  /** The evaluators other than the lead, in the order the SE named them. */
  async others(pocId: number): Promise<string[]> {
    const { pocEvaluators } = this.h.t;
    const fields = { userId: pocEvaluators.userId };
    this.preparedOthers ??= prepareAll(this.h, fields, () =>
      this.h.db
        .select(fields)
        .from(pocEvaluators)
        .where(and(eq(pocEvaluators.pocId, sql.placeholder('pocId')), eq(pocEvaluators.role, 'evaluator')))
        .orderBy(asc(pocEvaluators.position)),
    );
    return (await this.preparedOthers({ pocId })).map((r) => r.userId);
  }

  /**
   * Names the team: the lead and the others, in the caller's transaction with `pocs.evaluator_id`.
   * People still on it keep the day they were first named.
   */
  async setTeam(pocId: number, leadId: string, others: readonly string[], at: string): Promise<void> {
    const { pocEvaluators } = this.h.t;
    const team = [
      { userId: leadId, role: 'lead' as const },
      ...otherEvaluators(leadId, others).map((userId) => ({ userId, role: 'evaluator' as const })),
    ];
    await this.h.run(
      this.h.db.delete(pocEvaluators).where(
        and(
          eq(pocEvaluators.pocId, pocId),
          notInArray(
            pocEvaluators.userId,
            team.map((m) => m.userId),
          ),
        ),
      ),
    );
    for (const [position, m] of team.entries()) {
      await this.h.run(
        this.h.db
          .insert(pocEvaluators)
          .values({ pocId, userId: m.userId, role: m.role, addedAt: at, position })
          .onConflictDoUpdate({
            target: [pocEvaluators.pocId, pocEvaluators.userId],
            set: { role: m.role, position },
          }),
      );
    }
  }
}
