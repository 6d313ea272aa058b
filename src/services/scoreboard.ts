// The scoreboard message: posted once (and pinned where the bot may), then edited in place.
import { scoreboardMessage } from '../slack/views/scoreboard.js';
import { evaluatingStages } from './poc-access.js';
import type { ServiceContext } from './context.js';
import { SlackCallError } from './ports.js';
import { activeStandings } from './standings.js';

/** A POC's scoreboard work: the last run queued, and the one not yet started, if any. */
interface PocQueue {
  last: Promise<void>;
  waiting: { update: boolean; run: Promise<void> } | undefined;
}

export class ScoreboardService {
  /**
   * One run at a time per POC, so two quick reactions cannot post two scoreboards. A run renders
   * from the database when it starts, so a request made while one is waiting joins it: a channel
   * reacting at once gets one update after the one under way, not one each (chat.update is
   * rate-limited per channel, and each run reads the POC's criteria and calls again).
   */
  private readonly queues = new Map<number, PocQueue>();

  constructor(private readonly deps: ServiceContext) {}

  /** Posts the scoreboard when the POC has none yet; leaves an existing one alone. */
  ensure(pocId: number): Promise<void> {
    return this.enqueue(pocId, false);
  }

  /** Brings the scoreboard up to date: chat.update in place, or a first post. */
  refresh(pocId: number): Promise<void> {
    return this.enqueue(pocId, true);
  }

  private enqueue(pocId: number, update: boolean): Promise<void> {
    const queue = this.queues.get(pocId) ?? { last: Promise.resolve(), waiting: undefined };
    // A refresh waiting does what an ensure would; an ensure waiting does not update.
    if (queue.waiting && (queue.waiting.update || !update)) return queue.waiting.run;
    const waiting = { update, run: Promise.resolve() };
    waiting.run = queue.last
      .then(() => {
        // Started: what changes from now on needs a run of its own.
        if (queue.waiting === waiting) queue.waiting = undefined;
        return this.run(pocId, update);
      })
      .catch((err: unknown) => {
        this.deps.logger.warn(
          `scoreboard for POC ${pocId} not updated: ${err instanceof Error ? err.message : String(err)}`,
        );
      });
    queue.waiting = waiting;
    queue.last = waiting.run;
    this.queues.set(pocId, queue);
    void waiting.run.finally(() => {
      if (this.queues.get(pocId)?.last === waiting.run) this.queues.delete(pocId);
    });
    return waiting.run;
  }

  private async run(pocId: number, update: boolean): Promise<void> {
    const { store, slack, delivery, logger } = this.deps;
    const poc = await store.pocs.byId(pocId);
    if (!poc || poc.closedAt !== null || !evaluatingStages.has(poc.stage)) return;
    if (poc.scoreboardTs && !update) return;
    const message = scoreboardMessage(poc, await activeStandings(store, poc.id), await store.evaluators.others(poc.id));
    // Every refresh renders from the database, so a failed one is made good by the next.
    if (poc.scoreboardTs) {
      const ts = poc.scoreboardTs;
      const updated = await delivery.call(poc, 'the scoreboard', async () => {
        try {
          await slack.updateMessage(poc.channelId, ts, message);
          return true;
        } catch (err) {
          // Deleted by someone: post a new one rather than leave the channel without it.
          if (err instanceof SlackCallError && err.code === 'message_not_found') return false;
          throw err;
        }
      });
      if (!updated.ok || updated.value) return;
    }
    const posted = await delivery.call(poc, 'the scoreboard', () => slack.postMessage(poc.channelId, message));
    if (!posted.ok) return;
    await store.pocs.update(poc.id, { scoreboardTs: posted.value.ts, updatedAt: this.deps.clock.now().toISOString() });
    await slack
      .pin(posted.value.channel, posted.value.ts)
      .catch((err: unknown) =>
        logger.warn(`scoreboard of POC ${poc.id} not pinned: ${err instanceof Error ? err.message : String(err)}`),
      );
  }
}
