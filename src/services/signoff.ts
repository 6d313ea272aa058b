// The lead technical evaluator signs the criteria off with a ✅ on the document message, and signs
// them again the same way after a material change. Reactions on the document are taken in Slack's
// order: a ✅ whose removal was delivered first (a newer event) signs nothing.
import { isSlackTs } from '../domain/activity.js';
import { dateToSlackTs, localDate } from '../domain/calendar.js';
import type { Poc } from '../domain/poc.js';
import { isSignoffReaction, type SignoffOutcome, signoffOutcome, signoffReactionWithdrawn } from '../domain/signoff.js';
import { reactionBase } from '../domain/poc.js';
import { criteriaDocument, signoffConfirmation, signoffWithdrawnNotice } from '../slack/views/criteria-document.js';
import type { ServiceContext } from './context.js';
import type { ScoreboardService } from './scoreboard.js';

export interface DocumentReaction {
  teamId: string;
  channelId: string;
  messageTs: string;
  userId: string;
  reaction: string;
  /** The event's own ts: the order reactions happened in. */
  eventTs?: string | undefined;
  /** The channel's open POC, when the caller has read it already (one read for an event's listeners). */
  openPoc?: Promise<Poc | undefined>;
}

export class SignOff {
  constructor(
    private readonly deps: ServiceContext,
    private readonly scoreboard: ScoreboardService,
  ) {}

  /** Records a ✅ (added or removed) on the document in Slack's order; false when a newer event already set it. */
  private async inOrder(poc: Poc, r: DocumentReaction, removed: boolean): Promise<boolean> {
    if (!isSignoffReaction(r.reaction)) return true;
    const eventTs = r.eventTs && isSlackTs(r.eventTs) ? r.eventTs : dateToSlackTs(this.deps.clock.now());
    return this.deps.store.signoffReactions.apply({
      pocId: poc.id,
      userId: r.userId,
      reaction: reactionBase(r.reaction),
      eventTs,
      removed,
    });
  }

  /** undefined when the reaction is not on an open POC's criteria document. */
  async onReactionAdded(r: DocumentReaction): Promise<SignoffOutcome | undefined> {
    const { store, clock, slack, delivery } = this.deps;
    const poc = await (r.openPoc ?? store.pocs.openInChannel(r.teamId, r.channelId));
    if (!poc?.documentTs || poc.documentTs !== r.messageTs) return undefined;
    const now = clock.now();
    const outcome = signoffOutcome(poc, r.userId, r.reaction, localDate(now, poc.timeZone));
    if (!outcome.signed) {
      if (outcome.reason === 'not_the_evaluator') await this.explain(poc, r.userId);
      return outcome;
    }
    const at = now.toISOString();
    // The POC locked: this ✅ and its removal, handled at once (here or on another replica), take
    // turns; the removal then either comes first and this signs nothing, or sees the sign-off.
    const signed = await store.transaction(async () => {
      await store.pocs.lock(poc.id);
      // Delivered after its own removal (which was newer): the ✅ is not on the document.
      if (!(await this.inOrder(poc, r, false))) return undefined;
      if (outcome.resigned) {
        const current = await store.pocs.byId(poc.id);
        if (!current || current.changedSinceSignoffAt === null) return undefined;
        await store.pocChanges.insertMany([
          {
            pocId: poc.id,
            field: 'resignoff',
            before: current.changedSinceSignoffAt,
            after: r.userId,
            afterSignoff: true,
            changedBy: r.userId,
            changedAt: at,
          },
        ]);
        return store.pocs.update(poc.id, {
          changedSinceSignoffAt: null,
          resignedOffAt: at,
          signedOffBy: r.userId,
          updatedAt: at,
        });
      }
      return store.pocs.updateIfStage(poc.id, 'awaiting_signoff', {
        stage: outcome.stage,
        signedOffBy: r.userId,
        signedOffAt: at,
        updatedAt: at,
      });
    });
    if (!signed) return { signed: false, reason: 'not_awaiting_signoff' };
    // The sign-off is stored; its announcement and the document's new state follow.
    const confirmed = await delivery.post(signed, signoffConfirmation(signed, outcome.resigned), {
      key: outcome.resigned ? `resignoff:${signed.id}:${at}` : `signoff:${signed.id}`,
      kind: 'announcement',
      what: outcome.resigned ? 'the confirmation that the criteria are signed again' : 'the sign-off confirmation',
      threadTs: r.messageTs,
    });
    if (confirmed.status !== 'failed') {
      const doc = criteriaDocument(
        signed,
        await store.criteria.listActive(signed.id),
        await store.evaluators.others(signed.id),
        await store.holidays.forPoc(signed.id),
      );
      await delivery.call(signed, 'the signed-off criteria document', () =>
        slack.updateMessage(signed.channelId, r.messageTs, doc),
      );
      // The scoreboard "always shows every criterion's current result" (issue 4): from the
      // sign-off on, every criterion undecided, not only from the first decision.
      if (outcome.resigned) await this.scoreboard.refresh(signed.id);
      else await this.scoreboard.ensure(signed.id);
    }
    return outcome;
  }

  /** The lead's ✅ taken off the signed document: said in its thread, sign-off unchanged. */
  async onReactionRemoved(r: DocumentReaction): Promise<boolean> {
    const { store, clock, delivery } = this.deps;
    const poc = await (r.openPoc ?? store.pocs.openInChannel(r.teamId, r.channelId));
    if (!poc?.documentTs || poc.documentTs !== r.messageTs || !isSignoffReaction(r.reaction)) return false;
    // Kept in order whoever it was: a ✅ delivered after its removal must not sign anything. The
    // POC locked and read again: a sign-off by that ✅, handled at the same time, is seen here.
    const current = await store.transaction(async () => {
      await store.pocs.lock(poc.id);
      return (await this.inOrder(poc, r, true)) ? store.pocs.byId(poc.id) : undefined;
    });
    if (!current || !signoffReactionWithdrawn(current, r.userId, r.reaction)) return false;
    const now = clock.now();
    const signedOn = localDate(new Date(current.signedOffAt as string), current.timeZone);
    await delivery.post(current, signoffWithdrawnNotice(current, signedOn), {
      key: `signoff-withdrawn:${poc.id}:${now.toISOString()}`,
      kind: 'announcement',
      what: 'the note that the evaluator removed their sign-off ✅',
      threadTs: r.messageTs,
    });
    return true;
  }

  /** A ✅ from someone else is fine as an opinion; tell them it does not sign anything. */
  private async explain(poc: Poc, userId: string): Promise<void> {
    if (poc.stage !== 'awaiting_signoff' && poc.changedSinceSignoffAt === null) return;
    try {
      await this.deps.slack.postEphemeral(poc.channelId, userId, {
        text: `Thanks! Only the lead technical evaluator, <@${poc.evaluatorId}>, can sign off these criteria; your ✅ does not change that.`,
      });
    } catch {
      // External users may not be reachable by ephemeral; nothing depends on it.
    }
  }
}
