// Thread replies on a criterion message are its evidence: text, permalink, author, time.
import { slackTsToDate } from '../domain/calendar.js';
import type { Criterion } from '../domain/poc.js';
import { evaluatingStages } from './poc-access.js';
import type { ServiceDeps } from './deps.js';

export interface ThreadReplyRef {
  teamId: string;
  channelId: string;
  threadTs: string;
  ts: string;
}

export type EvidenceOutcome = 'stored' | 'updated' | 'removed' | 'ignored';

export class EvidenceService {
  constructor(private readonly deps: ServiceDeps) {}

  private async criterionFor(ref: ThreadReplyRef): Promise<Criterion | undefined> {
    const { store } = this.deps;
    if (ref.threadTs === ref.ts) return undefined; // the parent message itself, not a reply
    const poc = await store.pocs.openInChannel(ref.teamId, ref.channelId);
    if (!poc || !evaluatingStages.has(poc.stage)) return undefined;
    const criterion = await store.criteria.byMessage(poc.id, ref.threadTs);
    return criterion && criterion.droppedAt === null ? criterion : undefined;
  }

  async onReply(ref: ThreadReplyRef & { userId: string; text: string }): Promise<EvidenceOutcome> {
    const criterion = await this.criterionFor(ref);
    if (!criterion) return 'ignored';
    let permalink: string | undefined;
    try {
      permalink = await this.deps.slack.permalink(ref.channelId, ref.ts);
    } catch (err) {
      // The reply is still evidence without its link; status shows the text instead.
      this.deps.logger.warn(`no permalink for evidence ${ref.ts}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const stored = await this.deps.store.criteria.addEvidence({
      criterionId: criterion.id,
      userId: ref.userId,
      text: ref.text.trim() || '(attachment)',
      messageTs: ref.ts,
      permalink: permalink ?? null,
      postedAt: slackTsToDate(ref.ts).toISOString(),
    });
    return stored ? 'stored' : 'ignored';
  }

  async onEdited(ref: ThreadReplyRef & { text: string }): Promise<EvidenceOutcome> {
    const criterion = await this.criterionFor(ref);
    if (!criterion) return 'ignored';
    return (await this.deps.store.criteria.updateEvidenceText(criterion.id, ref.ts, ref.text.trim() || '(attachment)'))
      ? 'updated'
      : 'ignored';
  }

  async onDeleted(ref: ThreadReplyRef): Promise<EvidenceOutcome> {
    const criterion = await this.criterionFor(ref);
    if (!criterion) return 'ignored';
    return (await this.deps.store.criteria.removeEvidence(criterion.id, ref.ts)) ? 'removed' : 'ignored';
  }
}
