// Puts the criteria document and the criterion messages in the channel. Idempotent by stored
// ts: whatever has no message yet gets one, so a failed post is completed by the next save.
import type { Criterion, Poc } from '../domain/poc.js';
import { criteriaDocument, criterionMessage, droppedCriterionMessage } from '../slack/views/criteria-document.js';
import type { ServiceContext } from './context.js';
import type { OutgoingMessage } from './ports.js';

export interface PostOutcome {
  poc: Poc;
  criteria: Criterion[];
  /** Slack's error code when something could not be posted. */
  error: string | undefined;
  /** Why it could not be posted, with the next step, for the user who saved. */
  notice: string | undefined;
}

export class CriteriaPosts {
  constructor(private readonly deps: ServiceContext) {}

  /** The creator hears about a failure in their own confirmation, so nobody else is told here. */
  async postMissing(poc: Poc): Promise<PostOutcome> {
    const { store, slack, clock, logger, delivery } = this.deps;
    let current = poc;
    const fail = async (r: { code: string; problem: string }): Promise<PostOutcome> => ({
      poc: current,
      criteria: await store.criteria.listActive(poc.id),
      error: r.code,
      notice: r.problem,
    });
    if (!current.documentTs) {
      const doc = criteriaDocument(
        current,
        await store.criteria.listActive(poc.id),
        await store.evaluators.others(poc.id),
        await store.holidays.forPoc(poc.id),
      );
      const posted = await delivery.call(
        poc,
        'the criteria document',
        () => slack.postMessage(poc.channelId, doc),
        null,
      );
      if (!posted.ok) return fail(posted);
      current =
        (await store.pocs.update(poc.id, { documentTs: posted.value.ts, updatedAt: clock.now().toISOString() })) ??
        current;
      // A pin that fails leaves the document posted; it is a convenience.
      await slack
        .pin(poc.channelId, posted.value.ts)
        .catch((err: unknown) =>
          logger.warn(`POC ${poc.id}: document not pinned: ${err instanceof Error ? err.message : String(err)}`),
        );
    }
    for (const c of await store.criteria.listActive(poc.id)) {
      if (c.messageTs) continue;
      const posted = await delivery.call(
        poc,
        `criterion ${c.position}`,
        () => slack.postMessage(poc.channelId, criterionMessage(c)),
        null,
      );
      if (!posted.ok) return fail(posted);
      await store.criteria.update(c.id, { messageTs: posted.value.ts });
    }
    return { poc: current, criteria: await store.criteria.listActive(poc.id), error: undefined, notice: undefined };
  }

  /**
   * After the POC's dates or criteria changed outside `/poc edit` (an extension, an accepted scope
   * request): the pinned document is redrawn with the dates and criteria as they now stand, and a
   * dropped criterion's message is struck through, as `/poc edit` does. Best effort: the change is
   * stored and announced; a message Slack will not update stays as it was (the SE is told why).
   */
  async redraw(pocId: number, dropped?: Criterion): Promise<void> {
    const { store, slack, delivery } = this.deps;
    const poc = await store.pocs.byId(pocId);
    if (!poc) return;
    for (const u of await this.postedUpdates(poc, { removed: new Set(dropped ? [dropped.id] : []) })) {
      await delivery.call(poc, u.what, () => slack.updateMessage(poc.channelId, u.ts, u.message));
    }
  }

  /**
   * What the posted messages should now say, from what is stored: the document, and the criterion
   * messages `removed` (struck through) or `changed` (`all`: every criterion still in the POC).
   */
  async postedUpdates(
    poc: Poc,
    which: { removed?: ReadonlySet<number>; changed?: ReadonlySet<number>; all?: boolean },
  ): Promise<Array<{ ts: string; message: OutgoingMessage; what: string }>> {
    const { store } = this.deps;
    const removed = which.removed ?? new Set<number>();
    const updates: Array<{ ts: string; message: OutgoingMessage; what: string }> = [];
    if (poc.documentTs)
      updates.push({
        ts: poc.documentTs,
        message: criteriaDocument(
          poc,
          await store.criteria.listActive(poc.id),
          await store.evaluators.others(poc.id),
          await store.holidays.forPoc(poc.id),
        ),
        what: 'the updated criteria document',
      });
    for (const row of await store.criteria.listAll(poc.id)) {
      const wanted = removed.has(row.id) || (row.droppedAt === null && (which.all || which.changed?.has(row.id)));
      if (!row.messageTs || !wanted) continue;
      updates.push({
        ts: row.messageTs,
        message: removed.has(row.id) ? droppedCriterionMessage(row) : criterionMessage(row),
        what: `criterion ${row.position}`,
      });
    }
    return updates;
  }

  /** An ephemeral to the user in the channel, or a DM when the bot cannot reach the channel. */
  async tell(channelId: string, userId: string, message: OutgoingMessage): Promise<void> {
    try {
      await this.deps.slack.postEphemeral(channelId, userId, message);
    } catch {
      try {
        await this.deps.slack.postDirect(userId, message);
      } catch (err) {
        this.deps.logger.warn(`could not tell ${userId}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}
