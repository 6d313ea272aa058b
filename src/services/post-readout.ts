// `/poc readout` and `/poc metric`: build the readout from what was recorded, show the SE/AE a
// preview, and on "Post to channel" put it in the channel with its Markdown file.
import type { Logger } from '@slack/bolt';
import type { Clock } from '../clock.js';
import type { Poc } from '../domain/poc.js';
import { buildReadout, type ReadoutModel, type ReadoutSources } from '../domain/readout-model.js';
import { type Names, readoutMarkdown } from '../domain/readout-markdown.js';
import type { Store } from '../store/index.js';
import { readoutMessages } from '../slack/views/readout-blocks.js';
import { canChange, notAllowed, noPocHere } from './poc-access.js';
import type { OutgoingMessage, PostedMessage, SlackPort } from './ports.js';
import type { SlackDelivery } from './slack-delivery.js';
import { pocCalendars } from './calendars.js';

export interface ReadoutServiceDeps {
  store: Store;
  slack: SlackPort;
  clock: Clock;
  logger: Logger;
  delivery: SlackDelivery;
}

export interface BuiltReadout {
  poc: Poc;
  model: ReadoutModel;
  messages: OutgoingMessage[];
  markdown: string;
  filename: string;
}

export type PostOutcome =
  /** `queued`: parts Slack would not take now, left in the outbox in order for the next ticks. */
  | {
      ok: true;
      posted: PostedMessage[];
      queued: number;
      firstLink: string | undefined;
      file: boolean;
      stageMoved: boolean;
    }
  | { ok: false; message: string };

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'poc'
  );
}

export class ReadoutService {
  /** POCs whose readout is being posted right now: a double click posts once. */
  private readonly posting = new Set<number>();

  constructor(private readonly deps: ReadoutServiceDeps) {}

  async sources(poc: Poc): Promise<ReadoutSources> {
    const { store } = this.deps;
    const criteria = await store.criteria.listAll(poc.id);
    const ids = criteria.map((c) => c.id);
    return {
      poc,
      criteria,
      votes: await store.criteria.votesFor(ids),
      evidence: await store.criteria.evidenceFor(ids),
      issues: await store.issues.forPoc(poc.id),
      scopeRequests: await store.scopeRequests.forPoc(poc.id),
      extensions: await store.extensions.forPoc(poc.id),
      pauses: await store.pauses.forPoc(poc.id),
      activeDays: await store.readoutSources.activeDays(poc.id),
      answers: await store.answers.forPoc(poc.id),
      posted: {
        standups: (await store.outbox.list({ pocId: poc.id, kind: 'standup', status: 'sent' })).length,
        checkpoints: (await store.outbox.list({ pocId: poc.id, kind: 'checkpoint', status: 'sent' })).length,
      },
      holidays: [...(await pocCalendars(store, poc)).customer],
      evaluatorIds: await store.evaluators.others(poc.id),
      changes: await store.pocChanges.list(poc.id),
    };
  }

  /** The readout model, with links fetched for evidence stored without one. */
  async model(poc: Poc): Promise<ReadoutModel> {
    const sources = await this.sources(poc);
    const missing = sources.evidence.filter((e) => !e.permalink);
    for (const e of missing) {
      // Best effort: a link Slack will not give leaves the evidence listed without one.
      e.permalink = (await this.deps.slack.permalink(poc.channelId, e.messageTs).catch(() => undefined)) ?? null;
    }
    return buildReadout(sources, this.deps.clock.now());
  }

  /** Display names for the Markdown file, which is read outside Slack. */
  async names(userIds: string[]): Promise<Names> {
    const names = new Map<string, string>();
    for (const id of new Set(userIds)) {
      const user = await this.deps.slack.userInfo(id).catch(() => undefined);
      if (user?.name) names.set(id, user.name);
    }
    return names;
  }

  async build(poc: Poc): Promise<BuiltReadout> {
    const model = await this.model(poc);
    const people = [
      ...model.stakeholders.map((s) => s.userId),
      ...model.criteria.flatMap((c) => [
        ...[c.decision, c.awaiting, c.overruled, c.earlier?.decision].flatMap((d) => (d ? [d.decidedBy] : [])),
        ...c.evidence.map((e) => e.userId),
      ]),
      ...model.calendar.moves.flatMap((m) => [m.by, ...(m.approvedBy ? [m.approvedBy] : [])]),
      ...model.engagement.others.map((o) => o.userId),
    ];
    const markdown = readoutMarkdown(model, await this.names(people));
    return {
      poc,
      model,
      messages: readoutMessages(model),
      markdown,
      filename: `readout-${slug(poc.name)}-${model.today}.md`,
    };
  }

  /** The preview for `/poc readout`: only the SE or AE of the POC may prepare it. */
  async preview(poc: Poc, userId: string): Promise<{ ok: true; built: BuiltReadout } | { ok: false; message: string }> {
    if (!canChange(poc, userId)) return { ok: false, message: notAllowed(poc, 'prepare the readout') };
    return { ok: true, built: await this.build(poc) };
  }

  /** "Post to channel": re-checks who clicked and where, then posts the messages and the file. */
  async post(input: {
    teamId: string;
    channelId: string | undefined;
    userId: string;
    pocId: number;
  }): Promise<PostOutcome> {
    const { store, slack, clock, logger, delivery } = this.deps;
    const poc = await store.pocs.get(input.teamId, input.pocId);
    if (!poc || (input.channelId !== undefined && input.channelId !== poc.channelId))
      return { ok: false, message: noPocHere };
    if (!canChange(poc, input.userId)) return { ok: false, message: notAllowed(poc, 'post the readout') };
    if (this.posting.has(poc.id)) return { ok: false, message: 'The readout is already being posted.' };
    this.posting.add(poc.id);
    try {
      const built = await this.build(poc);
      const posted: PostedMessage[] = [];
      const stamp = clock.now().toISOString();
      const total = built.messages.length;
      let queued = 0;
      let firstDue = 0;
      for (const [i, message] of built.messages.entries()) {
        const post = {
          key: `readout:${poc.id}:${stamp}:${i + 1}`,
          kind: 'readout',
          what: `part ${i + 1} of ${total} of the readout`,
          tell: null,
        };
        // Once one part waits in the outbox, the rest wait behind it so the parts keep their order.
        if (queued > 0) {
          await delivery.queueLater(poc, message, post, new Date(firstDue + queued * 1000));
          queued++;
          continue;
        }
        const sent = await delivery.post(poc, message, post);
        if (sent.status === 'posted') posted.push(sent.posted);
        else if (sent.status === 'queued') {
          firstDue = sent.dueAt.getTime();
          queued++;
        } else {
          return {
            ok: false,
            message: `${sent.notice} ${posted.length} of ${total} part(s) were posted. When that is fixed, run \`/poc readout\` again to post it whole.`,
          };
        }
      }
      const upload = () =>
        slack.uploadMarkdown(
          poc.channelId,
          built.filename,
          `${built.model.kindLabel} readout: ${poc.name}`,
          built.markdown,
        );
      const uploaded = await delivery.call(poc, 'the readout’s Markdown file', upload, null);
      const file = uploaded.ok;
      if (!uploaded.ok) logger.warn(`readout of POC ${poc.id}: Markdown upload failed: ${uploaded.code}`);
      const now = clock.now().toISOString();
      // Every part posted or queued: the drift nudge then asks for the outcome, not for a readout.
      await store.pocs.update(poc.id, { readoutPostedAt: now, updatedAt: now });
      const stageMoved =
        (await store.pocs.updateIfStage(poc.id, 'active', { stage: 'readout', updatedAt: now })) !== undefined;
      const first = posted[0];
      const firstLink = first ? await slack.permalink(first.channel, first.ts).catch(() => undefined) : undefined;
      return { ok: true, posted, queued, firstLink, file, stageMoved };
    } finally {
      this.posting.delete(poc.id);
    }
  }

  /** `/poc metric <value> [note]`: the measured value of the business metric. */
  async recordMetric(
    poc: Poc,
    input: { userId: string; value: number; note: string | null },
  ): Promise<{ ok: true; poc: Poc } | { ok: false; message: string }> {
    if (!canChange(poc, input.userId)) return { ok: false, message: notAllowed(poc, 'record the measured metric') };
    if (!poc.metricName) {
      return {
        ok: false,
        message:
          'This POC has no business metric (baseline and target), so there is nothing to measure against. Add one with `/poc edit` first.',
      };
    }
    const updated = await this.deps.store.pocs.update(poc.id, {
      metricMeasured: input.value,
      metricNote: input.note,
      updatedAt: this.deps.clock.now().toISOString(),
    });
    return updated ? { ok: true, poc: updated } : { ok: false, message: noPocHere };
  }
}
