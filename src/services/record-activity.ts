// Activity tracking: messages, thread replies and reactions in a POC channel, per user per local
// day, by the Slack ts of the activity. The customer side's messages are also read for vague pushback,
// recorded as a signal the next nudge sweep reports.
import type { Logger } from '@slack/bolt';
import type { Clock } from '../clock.js';
import { type ActivityKind, activityDay, isSlackTs } from '../domain/activity.js';
import type { Poc } from '../domain/poc.js';
import { findPushback } from '../domain/pushback-phrases.js';
import { customerTeam } from '../domain/team.js';
import { quoteForSlack } from '../domain/quoted-text.js';
import type { Store } from '../store/index.js';

export interface MessageActivity {
  teamId: string;
  channelId: string;
  userId: string;
  ts: string;
  text: string;
}

export interface ReactionActivity {
  teamId: string;
  channelId: string;
  userId: string;
  /** The reaction's own event_ts, not the ts of the message reacted to. */
  eventTs: string;
  /** The channel's open POC, when the caller has read it already (one read for an event's listeners). */
  openPoc?: Promise<Poc | undefined>;
}

export interface ActivityOutcome {
  pocId: number | undefined;
  recorded: boolean;
  pushback: string[];
}

/** A short quote around the first phrase found, so the SE sees it in context. */
function quote(text: string, phrase: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const at = flat.toLowerCase().indexOf(phrase.split(' ')[0] ?? phrase);
  const start = Math.max(0, at - 60);
  const piece = flat.slice(start, start + 160);
  return `${start > 0 ? '…' : ''}${piece}${start + 160 < flat.length ? '…' : ''}`;
}

export class ActivityService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /**
   * Counts one activity of `userId` in the POC at Slack ts `ts`. For other features too: a standup
   * reply or a checkpoint click is activity (pass the message ts, or the click's action_ts).
   */
  async recordActivity(
    poc: Pick<Poc, 'id' | 'timeZone'>,
    userId: string,
    ts: string,
    kind: ActivityKind = 'message',
  ): Promise<boolean> {
    if (!isSlackTs(ts) || !userId) return false;
    await this.store.activity.record({ pocId: poc.id, userId, day: activityDay(ts, poc.timeZone), ts, kind });
    return true;
  }

  async onMessage(m: MessageActivity): Promise<ActivityOutcome> {
    const poc = await this.store.pocs.openInChannel(m.teamId, m.channelId);
    if (!poc) return { pocId: undefined, recorded: false, pushback: [] };
    const recorded = await this.recordActivity(poc, m.userId, m.ts, 'message');
    // Anyone on the customer's side can tire of the POC: the lead, another evaluator, the
    // champion or the buyer. The vendor's own people saying "next week" is no signal. The phrases
    // first: most messages have none, and then the team is not read at all.
    const found = recorded ? findPushback(m.text) : [];
    const fromCustomer =
      found.length > 0 &&
      customerTeam(poc, await this.store.evaluators.others(poc.id)).some((p) => p.userId === m.userId);
    const phrases = fromCustomer ? found : [];
    const first = phrases[0];
    if (first !== undefined) {
      await this.store.nudges.addSignal({
        pocId: poc.id,
        kind: 'pushback',
        userId: m.userId,
        messageTs: m.ts,
        detail: `“${quoteForSlack(quote(m.text, first))}” (${phrases.map((p) => `"${p}"`).join(', ')})`,
        createdAt: this.clock.now().toISOString(),
      });
      this.logger.info(`pushback in POC ${poc.id}: ${phrases.join(', ')}`);
    }
    return { pocId: poc.id, recorded, pushback: phrases };
  }

  async onReaction(r: ReactionActivity): Promise<ActivityOutcome> {
    const poc = await (r.openPoc ?? this.store.pocs.openInChannel(r.teamId, r.channelId));
    if (!poc) return { pocId: undefined, recorded: false, pushback: [] };
    return { pocId: poc.id, recorded: await this.recordActivity(poc, r.userId, r.eventTs, 'reaction'), pushback: [] };
  }
}
