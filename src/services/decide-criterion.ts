// A pass/fail/partial reaction on a criterion message: the evaluator's or the SE's decides it,
// anyone else's is kept as an opinion. The domain (results.ts) says whose call stands.
import { slackTsToDate } from '../domain/calendar.js';
import { reactionResults, roleOf } from '../domain/poc.js';
import { standing } from '../domain/results.js';
import { decisionAck } from '../slack/views/decision-ack.js';
import { evaluatingStages } from './poc-access.js';
import type { ServiceDeps } from './index.js';
import type { ScoreboardService } from './scoreboard.js';

export interface CriterionReaction {
  teamId: string;
  channelId: string;
  /** The reacted message (event.item.ts). */
  messageTs: string;
  userId: string;
  reaction: string;
  /** The event's own ts: when the reaction happened. */
  eventTs: string | undefined;
  added: boolean;
}

export type ReactionOutcome = 'ignored' | 'unchanged' | 'opinion' | 'decision';

export class DecideCriterion {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly scoreboard: ScoreboardService,
  ) {}

  async onReaction(r: CriterionReaction): Promise<ReactionOutcome> {
    const { store, slack, clock, logger } = this.deps;
    // Skin tones arrive as "x::skin-tone-2"; the base name is what carries the meaning.
    const reaction = r.reaction.split('::')[0] ?? r.reaction;
    const result = reactionResults[reaction];
    if (!result) return 'ignored';
    const poc = store.pocs.openInChannel(r.teamId, r.channelId);
    if (!poc || !evaluatingStages.has(poc.stage)) return 'ignored';
    const criterion = store.criteria.byMessage(poc.id, r.messageTs);
    if (!criterion || criterion.droppedAt !== null) return 'ignored';

    const role = roleOf(poc, r.userId);
    const votedAt = (r.eventTs ? slackTsToDate(r.eventTs) : clock.now()).toISOString();
    // Synchronous SQLite: before, write and after cannot interleave with another reaction.
    const { changed, before, after } = store.transaction(() => {
      const before = standing(criterion, store.criteria.votesFor([criterion.id]));
      const changed = r.added
        ? store.criteria.addVote({ criterionId: criterion.id, userId: r.userId, role, result, reaction, votedAt })
        : store.criteria.removeVote(criterion.id, r.userId, reaction);
      const after = standing(criterion, store.criteria.votesFor([criterion.id]));
      return { changed, before, after };
    });
    if (!changed) return 'unchanged';
    if (role === 'other') return 'opinion';

    const text = decisionAck({ before, after, actor: r.userId, added: r.added, result });
    if (text) {
      try {
        await slack.postMessage(poc.channelId, { text }, { threadTs: r.messageTs });
      } catch (err) {
        logger.warn(`decision on criterion ${criterion.position} of POC ${poc.id} recorded, reply not posted: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    await this.scoreboard.refresh(poc.id);
    return 'decision';
  }
}
