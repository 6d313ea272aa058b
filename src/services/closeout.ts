// Ending a POC: `/poc close` records the outcome and stops everything scheduled for it;
// `/poc decision` keeps decisions for the hand-off; `/poc handoff` sends Customer Success the
// hand-off (to the SE, by DM) after a win.
import type { Logger } from '@slack/bolt';
import type { Clock } from '../clock.js';
import { buildHandoff, type HandoffModel, parseCadence, trackingCadences } from '../domain/handoff.js';
import { handoffMarkdown } from '../domain/handoff-markdown.js';
import { type ClosedStage, isClosed, type Poc, stageLabels } from '../domain/poc.js';
import type { Store } from '../store/index.js';
import type { PocDecision } from '../store/decisions.js';
import { handoffMessages } from '../slack/views/handoff.js';
import { canChange, notAllowed } from './poc-access.js';
import type { SlackPort } from './ports.js';
import type { ReadoutService } from './post-readout.js';
import type { SlackDelivery } from './slack-delivery.js';

export interface CloseoutServiceDeps {
  store: Store;
  slack: SlackPort;
  clock: Clock;
  logger: Logger;
  readout: ReadoutService;
  delivery: SlackDelivery;
}

type Failure = { ok: false; message: string };

/** What users type after `/poc close`, and the stage it means. */
export const closeOutcomes: Readonly<Record<string, ClosedStage>> = {
  won: 'won',
  lost: 'lost',
  'no-decision': 'no_decision',
  abandoned: 'abandoned',
};

export class CloseoutService {
  constructor(private readonly deps: CloseoutServiceDeps) {}

  async close(
    poc: Poc,
    input: { userId: string; outcome: string; reason: string },
  ): Promise<{ ok: true; poc: Poc; skipped: number } | Failure> {
    const stage = closeOutcomes[input.outcome.toLowerCase()];
    if (!stage)
      return {
        ok: false,
        message: `Usage: \`/poc close won|lost|no-decision|abandoned [reason]\` (got \`${input.outcome || 'nothing'}\`).`,
      };
    if (!canChange(poc, input.userId)) return { ok: false, message: notAllowed(poc, 'close the POC') };
    const closed = await this.deps.store.pocClose.close(poc.id, {
      stage,
      reason: input.reason.trim() || null,
      at: this.deps.clock.now(),
    });
    if (!closed) return { ok: false, message: 'This POC was closed already.' };
    this.deps.logger.info(`POC ${closed.poc.id} closed as ${stage}; ${closed.skipped} pending post(s) skipped`);
    return { ok: true, ...closed };
  }

  async recordDecision(
    poc: Poc,
    input: { userId: string; text: string },
  ): Promise<{ ok: true; decision: PocDecision } | Failure> {
    const text = input.text.trim();
    if (!text)
      return {
        ok: false,
        message: 'Usage: `/poc decision <what was decided>`, e.g. `/poc decision Use the EU region for production`.',
      };
    if (!canChange(poc, input.userId)) return { ok: false, message: notAllowed(poc, 'record decisions') };
    const decision = await this.deps.store.decisions.insert({
      pocId: poc.id,
      text,
      decidedBy: input.userId,
      decidedAt: this.deps.clock.now().toISOString(),
    });
    return { ok: true, decision };
  }

  /** The hand-off model for a won POC in this channel, or why there is none. */
  async handoffFor(input: {
    teamId: string;
    channelId: string;
    userId: string;
    cadence: string | undefined;
  }): Promise<{ ok: true; poc: Poc; handoff: HandoffModel } | Failure> {
    const { store } = this.deps;
    const poc = await store.readoutSources.latestInChannel(input.teamId, input.channelId);
    if (!poc) return { ok: false, message: 'There is no POC in this channel.' };
    if (!canChange(poc, input.userId)) return { ok: false, message: notAllowed(poc, 'send the hand-off') };
    if (poc.stage !== 'won') {
      const hint = isClosed(poc.stage) ? '' : ' Close it with `/poc close won` first.';
      return { ok: false, message: `The hand-off is for a won POC; this one is ${stageLabels[poc.stage]}.${hint}` };
    }
    const cadence = parseCadence(input.cadence);
    if (!cadence)
      return {
        ok: false,
        message: `Usage: \`/poc handoff [${trackingCadences.join('|')}]\`: how often Customer Success should track the metrics (default monthly).`,
      };
    const model = await this.deps.readout.model(poc);
    const handoff = buildHandoff(poc, model, await store.decisions.forPoc(poc.id), cadence);
    if (!handoff) return { ok: false, message: 'This POC has no close date; close it with `/poc close won` first.' };
    return { ok: true, poc, handoff };
  }

  /**
   * Sends the hand-off by DM to the SE (or, when the SE cannot get DMs, to whoever asked, else the
   * AE): the messages, then the Markdown file in the same DM. `note` says why it went elsewhere.
   */
  async sendHandoff(input: {
    teamId: string;
    channelId: string;
    userId: string;
    cadence: string | undefined;
  }): Promise<{ ok: true; seId: string; file: boolean; note?: string } | Failure> {
    const found = await this.handoffFor(input);
    if (!found.ok) return found;
    const { poc, handoff } = found;
    const { slack, logger, delivery } = this.deps;
    const [first, ...rest] = handoffMessages(handoff);
    if (!first) return { ok: false, message: 'The hand-off is empty.' };
    const problems: string[] = [];
    let recipient: string | undefined;
    let dm: string | undefined;
    for (const candidate of [...new Set([poc.seId, input.userId, poc.aeId])]) {
      const sent = await delivery.direct(candidate, first, { poc, what: 'the Customer Success hand-off' });
      if (sent.ok) {
        recipient = candidate;
        dm = sent.value.channel;
        break;
      }
      problems.push(sent.problem);
      // Only "this person cannot get DMs" is worth trying someone else for.
      if (!['account_inactive', 'cannot_dm_bot', 'user_not_found', 'user_disabled'].includes(sent.code)) break;
    }
    if (!recipient) return { ok: false, message: `The hand-off was not sent. ${problems.join(' ')}` };
    for (const message of rest) {
      const sent = await delivery.direct(recipient, message, { poc, what: 'the Customer Success hand-off' });
      if (!sent.ok) return { ok: false, message: `The hand-off was sent only in part. ${sent.notice}` };
    }
    let file = false;
    if (dm) {
      const names = await this.deps.readout.names([
        ...handoff.stakeholders.map((s) => s.userId),
        ...handoff.decisions.map((d) => d.decidedBy),
        ...handoff.promisedLater.map((s) => s.requestedBy),
        ...handoff.alsoActive.map((o) => o.userId),
      ]);
      try {
        await slack.uploadMarkdown(
          dm,
          `handoff-${poc.id}.md`,
          `Customer Success hand-off: ${poc.name}`,
          handoffMarkdown(handoff, names),
        );
        file = true;
      } catch (err) {
        logger.warn(
          `hand-off of POC ${poc.id}: Markdown upload failed: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
    const note = problems.length > 0 ? `${problems.join(' ')} So I sent it to <@${recipient}> instead.` : undefined;
    return { ok: true, seId: recipient, file, ...(note ? { note } : {}) };
  }
}
