// A pass/fail/partial reaction on a criterion message: the evaluator's or the SE's decides it,
// anyone else's is kept as an opinion. The domain (results.ts) says whose call stands.
import { slackTsToDate } from '../domain/calendar.js';
import { reactionResults, roleOf } from '../domain/poc.js';
import { standing } from '../domain/results.js';
import { decisionAck } from '../slack/views/decision-ack.js';
import { evaluatingStages } from './poc-access.js';
import type { ServiceContext } from './index.js';
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
    private readonly deps: ServiceContext,
    private readonly scoreboard: ScoreboardService,
  ) {}

  async onReaction(r: CriterionReaction): Promise<ReactionOutcome> {
    const { store, clock, delivery } = this.deps;
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
      // The vote is stored; the reply goes out now, or from the outbox, or the SE hears why not.
      await delivery.post(poc, { text }, {
        key: `decision:${criterion.id}:${r.userId}:${reaction}:${r.added ? 'added' : 'removed'}:${r.eventTs ?? votedAt}`,
        kind: 'decision_ack',
        what: `the reply to the decision on criterion ${criterion.position}`,
        threadTs: r.messageTs,
      });
    }
    await this.scoreboard.refresh(poc.id);
    return 'decision';
  }
}
