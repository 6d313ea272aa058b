// Answers to scheduled posts: thread replies to a standup, clicks on a checkpoint's "on track?".
// The outbox row (found by the channel and ts it went out as) says which post was answered.
import { slackTsToDate } from '../domain/calendar.js';
import { type CheckpointChoice, withCheckpointAnswers } from '../slack/views/checkpoint.js';
import { isDeferred } from '../store/outbox.js';
import type { ServiceContext } from './index.js';

export interface StandupReply {
  channelId: string;
  threadTs: string;
  userId: string;
  text: string;
  ts: string;
}

export interface CheckpointClick {
  channelId: string;
  messageTs: string;
  userId: string;
  choice: CheckpointChoice;
}

export class ScheduleAnswersService {
  constructor(private readonly deps: ServiceContext) {}

  /** Records a reply in a standup's thread; false when the thread is not a standup (or the reply was seen before). */
  recordStandupReply(reply: StandupReply): boolean {
    const row = this.deps.store.outbox.bySentMessage(reply.channelId, reply.threadTs);
    if (!row || row.kind !== 'standup' || row.pocId === null) return false;
    return this.deps.store.answers.addReply({
      pocId: row.pocId,
      outboxKey: row.key,
      kind: 'standup',
      userId: reply.userId,
      value: reply.text.slice(0, 4000),
      messageTs: reply.ts,
      answeredAt: slackTsToDate(reply.ts).toISOString(),
    });
  }

  /** Stores the click (one answer per person, the latest wins) and shows the answers on the checkpoint. */
  async answerCheckpoint(click: CheckpointClick): Promise<boolean> {
    const { store, slack, clock, delivery } = this.deps;
    const row = store.outbox.bySentMessage(click.channelId, click.messageTs);
    if (!row || row.kind !== 'checkpoint' || row.pocId === null) return false;
    store.answers.upsertChoice({
      pocId: row.pocId,
      outboxKey: row.key,
      kind: 'checkpoint',
      userId: click.userId,
      value: click.choice,
      messageTs: click.messageTs,
      answeredAt: clock.now().toISOString(),
    });
    const answers = store.answers
      .forKey(row.key)
      .filter((a) => a.value === 'on_track' || a.value === 'at_risk')
      .map((a) => ({ userId: a.userId, choice: a.value as CheckpointChoice }));
    // The answer is stored; only its display can fail, and the next click redraws all answers.
    const poc = store.pocs.byId(row.pocId);
    // A sent row holds the message that went out (the checkpoint built when it was sent).
    const shown = row.message;
    if (isDeferred(shown)) return true;
    const redraw = () => slack.updateMessage(click.channelId, click.messageTs, withCheckpointAnswers(shown, answers));
    if (poc) await delivery.call(poc, 'the checkpoint answers', redraw);
    return true;
  }
}
