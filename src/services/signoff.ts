// The technical evaluator signs the criteria off with a ✅ on the document message.
import { localDate } from '../domain/calendar.js';
import type { Poc } from '../domain/poc.js';
import { type SignoffOutcome, signoffOutcome, signoffReactionWithdrawn } from '../domain/signoff.js';
import { criteriaDocument, signoffConfirmation, signoffWithdrawnNotice } from '../slack/views/criteria-document.js';
import type { ServiceContext } from './index.js';
import type { ScoreboardService } from './scoreboard.js';

export interface DocumentReaction {
  teamId: string;
  channelId: string;
  messageTs: string;
  userId: string;
  reaction: string;
}

export class SignOff {
  constructor(
    private readonly deps: ServiceContext,
    private readonly scoreboard: ScoreboardService,
  ) {}

  /** undefined when the reaction is not on an open POC's criteria document. */
  async onReactionAdded(r: DocumentReaction): Promise<SignoffOutcome | undefined> {
    const { store, clock, slack, delivery } = this.deps;
    const poc = store.pocs.openInChannel(r.teamId, r.channelId);
    if (!poc || !poc.documentTs || poc.documentTs !== r.messageTs) return undefined;
    const now = clock.now();
    const outcome = signoffOutcome(poc, r.userId, r.reaction, localDate(now, poc.timeZone));
    if (!outcome.signed) {
      if (outcome.reason === 'not_the_evaluator') await this.explain(poc, r.userId);
      return outcome;
    }
    const signed = store.pocs.updateIfStage(poc.id, 'awaiting_signoff', {
      stage: outcome.stage,
      signedOffBy: r.userId,
      signedOffAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    if (!signed) return { signed: false, reason: 'not_awaiting_signoff' };
    // The sign-off is stored; its announcement and the document's new state follow.
    const confirmed = await delivery.post(signed, signoffConfirmation(signed), {
      key: `signoff:${signed.id}`,
      kind: 'announcement',
      what: 'the sign-off confirmation',
      threadTs: r.messageTs,
    });
    if (confirmed.status !== 'failed') {
      const doc = criteriaDocument(signed, store.criteria.listActive(signed.id), store.holidays.forPoc(signed.id));
      await delivery.call(signed, 'the signed-off criteria document', () => slack.updateMessage(signed.channelId, r.messageTs, doc));
      // The scoreboard "always shows every criterion's current result" (issue 4): from the
      // sign-off on, every criterion undecided, not only from the first decision.
      await this.scoreboard.ensure(signed.id);
    }
    return outcome;
  }

  /** The evaluator's ✅ taken off the signed document: said in its thread, sign-off unchanged. */
  async onReactionRemoved(r: DocumentReaction): Promise<boolean> {
    const { store, clock, delivery } = this.deps;
    const poc = store.pocs.openInChannel(r.teamId, r.channelId);
    if (!poc?.documentTs || poc.documentTs !== r.messageTs || !signoffReactionWithdrawn(poc, r.userId, r.reaction)) return false;
    const now = clock.now();
    const signedOn = localDate(new Date(poc.signedOffAt as string), poc.timeZone);
    await delivery.post(poc, signoffWithdrawnNotice(poc, signedOn), {
      key: `signoff-withdrawn:${poc.id}:${now.toISOString()}`,
      kind: 'announcement',
      what: 'the note that the evaluator removed their sign-off ✅',
      threadTs: r.messageTs,
    });
    return true;
  }

  /** A ✅ from someone else is fine as an opinion; tell them it does not sign anything. */
  private async explain(poc: Poc, userId: string): Promise<void> {
    if (poc.stage !== 'awaiting_signoff') return;
    try {
      await this.deps.slack.postEphemeral(poc.channelId, userId, {
        text: `Thanks! Only the technical evaluator, <@${poc.evaluatorId}>, can sign off these criteria; your ✅ does not change that.`,
      });
    } catch {
      // External users may not be reachable by ephemeral; nothing depends on it.
    }
  }
}
