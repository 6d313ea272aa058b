// A pass/fail/partial reaction on a criterion message, or a click on Confirm under a vendor call:
// a customer evaluator's call decides the criterion, the SE's or the AE's waits for the customer's
// confirmation, anyone else's is kept as an opinion. The domain (results.ts) says whose call stands;
// reactions are applied in Slack's order (domain/reaction-order.ts).
import { isSlackTs } from '../domain/activity.js';
import { dateToSlackTs, slackTsToDate } from '../domain/calendar.js';
import { type Criterion, type Poc, reactionBase, reactionResults, type Result, type Vote } from '../domain/poc.js';
import { resultLabels, standing } from '../domain/results.js';
import { voterRole } from '../domain/team.js';
import { confirmedAckMessage, decisionAck, decisionAckMessage } from '../slack/views/decision-ack.js';
import { evaluatingStages } from './poc-access.js';
import type { ServiceContext } from './context.js';
import type { ActivityService } from './record-activity.js';
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
  /** The channel's open POC, when the caller has read it already (one read for an event's listeners). */
  openPoc?: Promise<Poc | undefined>;
}

export type ReactionOutcome = 'ignored' | 'unchanged' | 'opinion' | 'decision';

/** The reaction a Confirm click is stored under (emoji names cannot hold a colon). */
export const confirmButtonReaction = 'button:confirm';

const results: readonly string[] = ['pass', 'fail', 'partial'];

export class DecideCriterion {
  constructor(
    private readonly deps: ServiceContext,
    private readonly scoreboard: ScoreboardService,
    private readonly activity: ActivityService,
  ) {}

  async onReaction(r: CriterionReaction): Promise<ReactionOutcome> {
    const { store } = this.deps;
    const reaction = reactionBase(r.reaction);
    const result = reactionResults[reaction];
    if (!result) return 'ignored';
    const poc = await (r.openPoc ?? store.pocs.openInChannel(r.teamId, r.channelId));
    if (!poc || !evaluatingStages.has(poc.stage)) return 'ignored';
    const criterion = await store.criteria.byMessage(poc.id, r.messageTs);
    if (!criterion || criterion.droppedAt !== null) return 'ignored';
    return this.apply(poc, criterion, {
      userId: r.userId,
      reaction,
      result,
      eventTs: r.eventTs,
      added: r.added,
      threadTs: r.messageTs,
    });
  }

  /** Stores the call (or its removal) and says what changed in the criterion's thread. */
  private async apply(
    poc: Poc,
    criterion: Criterion,
    call: {
      userId: string;
      reaction: string;
      result: Result;
      eventTs: string | undefined;
      added: boolean;
      threadTs: string;
    },
  ): Promise<ReactionOutcome> {
    const { store, clock, delivery } = this.deps;
    const role = voterRole(poc, await store.evaluators.others(poc.id), call.userId);
    // The event's own ts orders it among the others; a reaction without one is placed now.
    const eventTs = call.eventTs && isSlackTs(call.eventTs) ? call.eventTs : dateToSlackTs(clock.now());
    const vote: Vote = {
      criterionId: criterion.id,
      userId: call.userId,
      role,
      result: call.result,
      reaction: call.reaction,
      votedAt: slackTsToDate(eventTs).toISOString(),
      eventTs,
      revision: criterion.revision,
    };
    // One transaction, the criterion locked: before, write and after cannot interleave with
    // another reaction's, here or on another replica (a ✅ and its removal handled at once would
    // both read "no call yet", and the older could be written last).
    const { changed, before, after } = await store.transaction(async () => {
      await store.criteria.lock(criterion.id);
      const before = standing(criterion, await store.criteria.votesFor([criterion.id]));
      const changed = await store.criteria.applyVote(vote, !call.added);
      // Unchanged: no call started or stopped standing, so the standing is what it was.
      const after = changed ? standing(criterion, await store.criteria.votesFor([criterion.id])) : before;
      return { changed, before, after };
    });
    if (!changed) return 'unchanged';
    if (role === 'other') return 'opinion';

    const text = decisionAck({ before, after, actor: call.userId, added: call.added, result: call.result });
    if (text) {
      // The vote is stored; the reply goes out now, or from the outbox, or the SE hears why not.
      await delivery.post(poc, decisionAckMessage(text, after), {
        key: `decision:${criterion.id}:${call.userId}:${call.reaction}:${call.added ? 'added' : 'removed'}:${eventTs}`,
        kind: 'decision_ack',
        what: `the reply to the decision on criterion ${criterion.position}`,
        threadTs: call.threadTs,
      });
    }
    await this.scoreboard.refresh(poc.id);
    return 'decision';
  }

  /**
   * Confirm under a vendor call: the clicking customer evaluator makes the vendor's call theirs.
   * Refused, with the reason, to anyone else, and when the call is no longer the one shown.
   */
  async confirm(input: {
    teamId: string;
    userId: string;
    value: string;
    actionTs: string | undefined;
    message?: { channel: string; ts: string };
  }): Promise<{ ok: boolean; message: string }> {
    const { store, slack, logger } = this.deps;
    const [idText, revisionText, result] = input.value.split(':');
    const criterion = await store.criteria.byId(Number(idText));
    const poc = criterion ? await store.pocs.byId(criterion.pocId) : undefined;
    if (!criterion || !poc || poc.teamId !== input.teamId || !result || !results.includes(result))
      return { ok: false, message: 'That call is no longer on record.' };
    if (poc.closedAt !== null || !evaluatingStages.has(poc.stage))
      return { ok: false, message: `${poc.name} is no longer being evaluated: nothing was recorded.` };
    const others = await store.evaluators.others(poc.id);
    const role = voterRole(poc, others, input.userId);
    if (role !== 'lead' && role !== 'evaluator') {
      const team = [poc.evaluatorId, ...others].map((id) => `<@${id}>`).join(', ');
      return {
        ok: false,
        message: `Only the customer’s evaluators (${team}) can confirm a vendor call: the SE’s and the AE’s calls count once the customer confirms them.`,
      };
    }
    // A customer evaluator's click, even one that changes nothing, is the evaluator at work, as a
    // reaction is: it counts against the team's silence and in the readout's engagement.
    await this.activity.recordActivity(
      poc,
      input.userId,
      input.actionTs ?? dateToSlackTs(this.deps.clock.now()),
      'reaction',
    );
    if (criterion.droppedAt !== null || String(criterion.revision) !== revisionText) {
      return {
        ok: false,
        message: `Criterion ${criterion.position} has changed since this call was made, so there is nothing to confirm: react on its message to call it.`,
      };
    }
    const now = standing(criterion, await store.criteria.votesFor([criterion.id]));
    if (now.decision) {
      return {
        ok: false,
        message: `Criterion ${criterion.position} is already decided by the customer: ${resultLabels[now.decision.result]} by <@${now.decision.decidedBy}>. React on its message to change that.`,
      };
    }
    if (now.awaiting?.result !== result) {
      return {
        ok: false,
        message: `The vendor call on criterion ${criterion.position} has changed since (now ${now.awaiting ? resultLabels[now.awaiting.result] : 'none'}): react on its message with your own call.`,
      };
    }
    const outcome = await this.apply(poc, criterion, {
      userId: input.userId,
      reaction: confirmButtonReaction,
      result: result as Result,
      eventTs: input.actionTs,
      added: true,
      threadTs: criterion.messageTs ?? '',
    });
    if (outcome !== 'decision') return { ok: false, message: 'Nothing changed: this call was already confirmed.' };
    if (input.message) {
      // The button goes from the reply it was on; the thread says who confirmed it.
      const text = `Vendor call on criterion ${criterion.position}: ${resultLabels[result as Result]} by <@${now.awaiting.decidedBy}>.`;
      await slack
        .updateMessage(
          input.message.channel,
          input.message.ts,
          confirmedAckMessage(text, input.userId, result as Result),
        )
        .catch((err: unknown) => {
          logger.warn(
            `criterion ${criterion.id}: the Confirm button could not be taken off: ${err instanceof Error ? err.message : String(err)}`,
          );
        });
    }
    return { ok: true, message: `Confirmed: criterion ${criterion.position} is ${resultLabels[result as Result]}.` };
  }
}
