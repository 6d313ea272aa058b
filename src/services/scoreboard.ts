// The scoreboard message: posted once (and pinned where the bot may), then edited in place.
import { standings } from '../domain/results.js';
import { scoreboardMessage } from '../slack/views/scoreboard.js';
import { evaluatingStages } from './poc-access.js';
import type { ServiceDeps } from './index.js';
import { SlackCallError } from './ports.js';

export class ScoreboardService {
  /** One refresh at a time per POC, so two quick reactions cannot post two scoreboards. */
  private readonly queues = new Map<number, Promise<void>>();

  constructor(private readonly deps: ServiceDeps) {}

  /** Posts the scoreboard when the POC has none yet; leaves an existing one alone. */
  ensure(pocId: number): Promise<void> {
    return this.enqueue(pocId, false);
  }

  /** Brings the scoreboard up to date: chat.update in place, or a first post. */
  refresh(pocId: number): Promise<void> {
    return this.enqueue(pocId, true);
  }

  private enqueue(pocId: number, update: boolean): Promise<void> {
    const previous = this.queues.get(pocId) ?? Promise.resolve();
    const next = previous.then(() => this.run(pocId, update)).catch((err: unknown) => {
      this.deps.logger.warn(`scoreboard for POC ${pocId} not updated: ${err instanceof Error ? err.message : String(err)}`);
    });
    this.queues.set(pocId, next);
    void next.finally(() => {
      if (this.queues.get(pocId) === next) this.queues.delete(pocId);
    });
    return next;
  }

  private async run(pocId: number, update: boolean): Promise<void> {
    const { store, slack } = this.deps;
    const poc = store.pocs.byId(pocId);
    if (!poc || poc.closedAt !== null || !evaluatingStages.has(poc.stage)) return;
    if (poc.scoreboardTs && !update) return;
    const criteria = store.criteria.listActive(poc.id);
    const message = scoreboardMessage(poc, standings(criteria, store.criteria.votesFor(criteria.map((c) => c.id))));
    if (poc.scoreboardTs) {
      try {
        await slack.updateMessage(poc.channelId, poc.scoreboardTs, message);
        return;
      } catch (err) {
        // Deleted by someone: post a new one rather than leave the channel without it.
        if (!(err instanceof SlackCallError && err.code === 'message_not_found')) throw err;
      }
    }
    const posted = await slack.postMessage(poc.channelId, message);
    store.pocs.update(poc.id, { scoreboardTs: posted.ts, updatedAt: this.deps.clock.now().toISOString() });
    await slack.pin(posted.channel, posted.ts);
  }
}
