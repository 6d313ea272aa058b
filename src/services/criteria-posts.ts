// Puts the criteria document and the criterion messages in the channel. Idempotent by stored
// ts: whatever has no message yet gets one, so a failed post is completed by the next save.
import type { Criterion, Poc } from '../domain/poc.js';
import { criteriaDocument, criterionMessage } from '../slack/views/criteria-document.js';
import type { ServiceDeps } from './index.js';
import { type OutgoingMessage, SlackCallError } from './ports.js';
import { withRateLimitRetry } from './slack-retry.js';

export interface PostOutcome {
  poc: Poc;
  criteria: Criterion[];
  /** Slack's error code when something could not be posted. */
  error: string | undefined;
}

export class CriteriaPosts {
  constructor(private readonly deps: ServiceDeps) {}

  async postMissing(poc: Poc): Promise<PostOutcome> {
    const { store, slack, clock, logger } = this.deps;
    let current = poc;
    let criteria = store.criteria.listActive(poc.id);
    try {
      if (!current.documentTs) {
        const posted = await withRateLimitRetry(() => slack.postMessage(poc.channelId, criteriaDocument(current, criteria)));
        current = store.pocs.update(poc.id, { documentTs: posted.ts, updatedAt: clock.now().toISOString() }) ?? current;
        await slack.pin(poc.channelId, posted.ts);
      }
      for (const c of criteria) {
        if (c.messageTs) continue;
        const posted = await withRateLimitRetry(() => slack.postMessage(poc.channelId, criterionMessage(c)));
        store.criteria.update(c.id, { messageTs: posted.ts });
      }
      criteria = store.criteria.listActive(poc.id);
      return { poc: current, criteria, error: undefined };
    } catch (err) {
      const code = err instanceof SlackCallError ? err.code : err instanceof Error ? err.message : String(err);
      logger.warn(`posting the criteria of POC ${poc.id} in ${poc.channelId} failed: ${code}`);
      return { poc: current, criteria: store.criteria.listActive(poc.id), error: code };
    }
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
