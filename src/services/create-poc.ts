// `/poc new`: the modal with sensible defaults, then validation, one transaction, and the
// criteria document and criterion messages in the channel.
import type { View } from '@slack/types';
import { isValidTimeZone, localDate } from '../domain/calendar.js';
import { defaultCalendar } from '../domain/poc-changes.js';
import { blankDraftInput, type DraftErrors, type PocDraft, type PocDraftInput, validateDraft } from '../domain/poc-draft.js';
import type { Criterion, Poc } from '../domain/poc.js';
import { type OrgFacts, orgProblems } from '../domain/team.js';
import { createdConfirmation } from '../slack/views/criteria-document.js';
import { buildPocModal } from '../slack/views/poc-modal.js';
import { CriteriaPosts } from './criteria-posts.js';
import type { ServiceContext } from './index.js';
import { within } from './slack-retry.js';

/** users.info must not eat the 3 s trigger window: past this, the zone defaults to UTC. */
const tzLookupMs = 1200;

export type CreateResult =
  | { ok: false; errors: DraftErrors }
  | { ok: true; poc: Poc; criteria: Criterion[]; warnings: string[] };

export function alreadyOpenMessage(poc: Pick<Poc, 'name' | 'seId'>): string {
  return `This channel already has an open POC, “${poc.name}” (SE <@${poc.seId}>). One POC per channel: close it before starting another, or use \`/poc edit\` to change it.`;
}

export class CreatePoc {
  private readonly posts: CriteriaPosts;
  constructor(private readonly deps: ServiceContext) {
    this.posts = new CriteriaPosts(deps);
  }

  /** Why `/poc new` cannot run here, or undefined when it can. Fast: a single indexed read. */
  refusal(teamId: string, channelId: string): string | undefined {
    const open = this.deps.store.pocs.openInChannel(teamId, channelId);
    return open ? alreadyOpenMessage(open) : undefined;
  }

  /** Opens the empty document modal; call right after the ack (the trigger lives 3 s). */
  async openNewModal(args: { triggerId: string; channelId: string; userId: string; name: string }): Promise<void> {
    const tz = await within(
      this.deps.slack.userInfo(args.userId).then((u) => u?.tz),
      tzLookupMs,
      undefined,
    );
    const timeZone = tz && isValidTimeZone(tz) ? tz : 'UTC';
    const today = localDate(this.deps.clock.now(), timeZone);
    const values = blankDraftInput({ name: args.name, seId: args.userId, timeZone, ...defaultCalendar(today) });
    const view: View = buildPocModal({ mode: 'new', channelId: args.channelId, pocId: null, rows: [{ slot: 1, criterionId: null }] }, values);
    await this.deps.slack.openView(args.triggerId, view);
  }

  /** Redraws the open modal (rows added or removed), guarded by the view's hash. */
  async updateModal(viewId: string, view: View, hash: string | undefined): Promise<void> {
    await this.deps.slack.updateView(viewId, view, hash);
  }

  /**
   * Validates and stores in one transaction; posts nothing (the caller acks first, then publish).
   * `facts`: what Slack said of the channel and the evaluators (OrgFactsService), for the rule that
   * a shared channel's evaluators are the customer's.
   */
  submit(args: { teamId: string; channelId: string; userId: string; input: PocDraftInput; facts?: OrgFacts }): CreateResult {
    const { store, clock } = this.deps;
    const result = validateDraft(args.input);
    const orgErrors = args.facts ? orgProblems(args.input, args.facts) : {};
    const open = store.pocs.openInChannel(args.teamId, args.channelId);
    if (open) {
      const errors = result.ok ? {} : result.errors;
      return { ok: false, errors: { ...orgErrors, ...errors, name: alreadyOpenMessage(open) } };
    }
    if (!result.ok) return { ok: false, errors: { ...orgErrors, ...result.errors } };
    if (Object.keys(orgErrors).length > 0) return { ok: false, errors: orgErrors };
    const channelShared = args.facts?.channelShared ?? null;
    try {
      const { poc, criteria } = store.transaction(() => this.insert(args, result.draft, clock.now(), channelShared));
      return { ok: true, poc, criteria, warnings: result.warnings };
    } catch (err) {
      // Two submissions racing for the same channel: the unique index lets only one through.
      if (err instanceof Error && /UNIQUE constraint failed: pocs/.test(err.message)) {
        const winner = store.pocs.openInChannel(args.teamId, args.channelId);
        return { ok: false, errors: { name: winner ? alreadyOpenMessage(winner) : 'This channel already has an open POC.' } };
      }
      throw err;
    }
  }

  private insert(args: { teamId: string; channelId: string; userId: string }, d: PocDraft, now: Date, channelShared: boolean | null): { poc: Poc; criteria: Criterion[] } {
    const { store } = this.deps;
    const at = now.toISOString();
    const { criteria: drafts, daysOff, evaluatorIds, ...fields } = d;
    const poc = store.pocs.insert({
      ...fields,
      channelShared,
      changedSinceSignoffAt: null,
      resignedOffAt: null,
      teamId: args.teamId,
      channelId: args.channelId,
      stage: 'awaiting_signoff',
      metricMeasured: null,
      metricNote: null,
      silenceNudgeDays: 2,
      silenceEscalateDays: 4,
      documentTs: null,
      scoreboardTs: null,
      signedOffBy: null,
      signedOffAt: null,
      pausedUntil: null,
      pauseReason: null,
      outcomeReason: null,
      readoutPostedAt: null,
      closedAt: null,
      jobsHaltedReason: null,
      createdBy: args.userId,
      createdAt: at,
      updatedAt: at,
    });
    const criteria = store.criteria.insertMany(
      drafts.map((c, i) => ({ ...c, pocId: poc.id, position: i + 1, messageTs: null, droppedAt: null, droppedReason: null, revision: 1 })),
    );
    store.evaluators.setTeam(poc.id, poc.evaluatorId, evaluatorIds, at);
    if (daysOff.length > 0) store.holidays.add(poc.id, daysOff);
    return { poc, criteria };
  }

  /** After the ack: the document, one message per criterion, and the creator's confirmation. */
  async publish(poc: Poc, userId: string, warnings: string[]): Promise<void> {
    const outcome = await this.posts.postMissing(poc);
    await this.posts.tell(poc.channelId, userId, createdConfirmation(outcome.poc, warnings, outcome.notice));
  }
}
