import { and, asc, eq } from 'drizzle-orm';
import type { StoreDb } from './handle.js';

export type { AnswerKind } from '../domain/poc.js';
import type { AnswerKind } from '../domain/poc.js';

export interface Answer {
  id: number;
  pocId: number;
  /** The outbox key of the post answered (`standup:12:2026-11-24`). */
  outboxKey: string;
  kind: AnswerKind;
  userId: string;
  value: string;
  /** The reply's ts for a standup answer; the checkpoint message's ts for a click. */
  messageTs: string | null;
  answeredAt: string;
}

export type NewAnswer = Omit<Answer, 'id'>;

/** Standup thread replies and checkpoint clicks. */
export class AnswerStore {
  constructor(private readonly h: StoreDb) {}

  /** Records a reply once: the same message seen again (a retried event) changes nothing. */
  async addReply(answer: NewAnswer): Promise<boolean> {
    const { answers } = this.h.t;
    return (await this.h.run(this.h.db.insert(answers).values(answer).onConflictDoNothing())) > 0;
  }

  /**
   * One answer per person per post: a second click replaces the first. `messageTs` must be set
   * (the answered message's ts), since SQLite treats NULLs as distinct in the unique index.
   */
  async upsertChoice(answer: NewAnswer & { messageTs: string }): Promise<void> {
    const { answers } = this.h.t;
    await this.h.run(
      this.h.db
        .insert(answers)
        .values(answer)
        .onConflictDoUpdate({
          target: [answers.outboxKey, answers.userId, answers.messageTs],
          set: { value: answer.value, answeredAt: answer.answeredAt },
        }),
    );
  }

  async forKey(outboxKey: string): Promise<Answer[]> {
    const { answers } = this.h.t;
    return this.h.all(
      this.h.db.select().from(answers).where(eq(answers.outboxKey, outboxKey)).orderBy(asc(answers.id)),
    );
  }

  /**
   * In the order they were said (a reply's ts), as evidence is: replies are recorded as their
   * events are handled, which on PostgreSQL may run side by side and commit in any order.
   */
  async forPoc(pocId: number, kind?: AnswerKind): Promise<Answer[]> {
    const { answers } = this.h.t;
    return this.h.all(
      this.h.db
        .select()
        .from(answers)
        .where(and(eq(answers.pocId, pocId), kind === undefined ? undefined : eq(answers.kind, kind)))
        .orderBy(asc(answers.messageTs), asc(answers.id)),
    );
  }
}
