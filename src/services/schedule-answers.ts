// Answers to scheduled posts: thread replies to a standup, clicks on a checkpoint's "on track?".
// The outbox row (found by the channel and ts it went out as) says which post was answered.
import { dateToSlackTs, slackTsToDate } from '../domain/calendar.js';
import type { Poc } from '../domain/poc.js';
import { type CheckpointChoice, withCheckpointAnswers } from '../slack/views/checkpoint.js';
import { isDeferred, type OutboxRow } from '../store/outbox.js';
import type { ServiceContext } from './context.js';
import type { ActivityService } from './record-activity.js';

export interface StandupReply {
  /** The workspace the event came from: a post of another workspace's POC is not answered from here. */
  teamId: string;
  channelId: string;
  threadTs: string;
  userId: string;
  text: string;
  ts: string;
}

export interface CheckpointClick {
  teamId: string;
  channelId: string;
  messageTs: string;
  userId: string;
  /** The click's action_ts: when it happened, as activity. */
  actionTs?: string | undefined;
  choice: CheckpointChoice;
}

export class ScheduleAnswersService {
  constructor(
    private readonly deps: ServiceContext,
    private readonly activity: ActivityService,
  ) {}

  /** The POC of a post pocbot sent, if it is of this kind and belongs to this workspace. */
  private async answered(
    teamId: string,
    channelId: string,
    ts: string,
    kind: 'standup' | 'checkpoint',
  ): Promise<{ row: OutboxRow; poc: Poc } | undefined> {
    const row = await this.deps.store.outbox.bySentMessage(channelId, ts);
    if (!row || row.kind !== kind || row.pocId === null) return undefined;
    const poc = await this.deps.store.pocs.byId(row.pocId);
    return poc && poc.teamId === teamId ? { row, poc } : undefined;
  }

  /** Records a reply in a standup's thread; false when the thread is not a standup (or the reply was seen before). */
  async recordStandupReply(reply: StandupReply): Promise<boolean> {
    const found = await this.answered(reply.teamId, reply.channelId, reply.threadTs, 'standup');
    if (!found) return false;
    return this.deps.store.answers.addReply({
      pocId: found.poc.id,
      outboxKey: found.row.key,
      kind: 'standup',
      userId: reply.userId,
      value: reply.text,
      messageTs: reply.ts,
      answeredAt: slackTsToDate(reply.ts).toISOString(),
    });
  }

  /** Stores the click (one answer per person, the latest wins) and shows the answers on the checkpoint. */
  async answerCheckpoint(click: CheckpointClick): Promise<boolean> {
    const { store, slack, clock, delivery } = this.deps;
    const found = await this.answered(click.teamId, click.channelId, click.messageTs, 'checkpoint');
    if (!found) return false;
    const { row, poc } = found;
    await store.answers.upsertChoice({
      pocId: poc.id,
      outboxKey: row.key,
      kind: 'checkpoint',
      userId: click.userId,
      value: click.choice,
      messageTs: click.messageTs,
      answeredAt: clock.now().toISOString(),
    });
    // Answering the checkpoint is the evaluator (or anyone) being there, as a reaction is.
    await this.activity.recordActivity(poc, click.userId, click.actionTs ?? dateToSlackTs(clock.now()), 'reaction');
    const answers = (await store.answers.forKey(row.key))
      .filter((a) => a.value === 'on_track' || a.value === 'at_risk')
      .map((a) => ({ userId: a.userId, choice: a.value as CheckpointChoice }));
    // The answer is stored; only its display can fail, and the next click redraws all answers.
    // A sent row holds the message that went out (the checkpoint built when it was sent).
    const shown = row.message;
    if (isDeferred(shown)) return true;
    const redraw = () => slack.updateMessage(click.channelId, click.messageTs, withCheckpointAnswers(shown, answers));
    await delivery.call(poc, 'the checkpoint answers', redraw);
    return true;
  }
}
