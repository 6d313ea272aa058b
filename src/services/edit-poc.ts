// `/poc edit`: the document reopened, prefilled; changes diffed, logged in poc_changes, and —
// after sign-off — announced in the document's thread, with the posted messages updated in place.
// A change to what was signed (a criterion added, removed or reworded, a threshold, the lead
// evaluator, the metric's target) marks the document "changed since sign-off, awaiting re-sign-off"
// and asks the lead to sign again; a reworded criterion goes back to undecided (its earlier calls
// stay in its history). After sign-off the end and readout dates move only through `/poc extend`.
import type { View } from '@slack/types';
import {
  type CriterionChange,
  criterionText,
  diffEdit,
  type FieldValue,
  isEmptyEdit,
  materialChanges,
  type PocEdit,
  rewords,
} from '../domain/poc-changes.js';
import { draftInputFromPoc, type DraftErrors, type PocDraftInput, validateDraft } from '../domain/poc-draft.js';
import { isClosed, type Poc } from '../domain/poc.js';
import { type OrgFacts, orgProblems, voterRole } from '../domain/team.js';
import { changeAnnouncement, changeLines } from '../slack/views/criteria-document.js';
import { buildPocModal } from '../slack/views/poc-modal.js';
import { CriteriaPosts } from './criteria-posts.js';
import type { ScoreboardService } from './scoreboard.js';
import type { ServiceContext } from './context.js';
import { canChange, notAllowed } from './poc-access.js';
import { ensurePublicHolidays } from './holiday-calendar.js';

export type EditResult =
  | { ok: false; errors: DraftErrors }
  | { ok: false; refusal: string }
  | { ok: true; poc: Poc; before: Poc; edit: PocEdit; afterSignoff: boolean; warnings: string[]; material: string[] };

const stored = (v: FieldValue): string | null => (v === null ? null : String(v));

/** Why the dates cannot change here after sign-off, with where they can. */
export const datesMoveWithExtend =
  'After sign-off the end and readout dates move only with `/poc extend <date> <reason naming the undecided criteria>`, which records who moved them and why for the readout.';

export class EditPoc {
  private readonly posts: CriteriaPosts;
  constructor(
    private readonly deps: ServiceContext,
    private readonly scoreboard: ScoreboardService,
  ) {
    this.posts = new CriteriaPosts(deps);
  }

  /** Why this user cannot edit this POC, or undefined. */
  refusal(poc: Poc, userId: string): string | undefined {
    if (isClosed(poc.stage) || poc.closedAt) return 'This POC is closed; its criteria can no longer change.';
    if (!canChange(poc, userId)) return notAllowed(poc, 'edit the criteria');
    return undefined;
  }

  /** The modal prefilled with the stored document; call right after the ack. */
  async openEditModal(poc: Poc, triggerId: string): Promise<void> {
    const criteria = await this.deps.store.criteria.listActive(poc.id);
    const view: View = buildPocModal(
      {
        mode: 'edit',
        channelId: poc.channelId,
        pocId: poc.id,
        rows: criteria.map((c, i) => ({ slot: i + 1, criterionId: c.id })),
        ...(poc.signedOffAt !== null ? { lockedDates: { endDate: poc.endDate, readoutDate: poc.readoutDate } } : {}),
      },
      draftInputFromPoc(poc, criteria, await this.deps.store.evaluators.others(poc.id)),
    );
    await this.deps.slack.openView(triggerId, view);
  }

  /** Why this edit cannot be saved at all (the POC gone, closed, not theirs), before anything is asked of Slack. */
  async precheck(args: { teamId: string; pocId: number; userId: string }): Promise<string | undefined> {
    const poc = await this.deps.store.pocs.get(args.teamId, args.pocId);
    return poc ? this.refusal(poc, args.userId) : 'That POC no longer exists.';
  }

  /** `slots[i]` is the stored criterion id the i-th criterion of `input` edits (null: new). */
  async submit(args: {
    teamId: string;
    pocId: number;
    userId: string;
    input: PocDraftInput;
    slots: Array<number | null>;
    facts?: OrgFacts;
  }): Promise<EditResult> {
    const { store, clock } = this.deps;
    const poc = await store.pocs.get(args.teamId, args.pocId);
    if (!poc) return { ok: false, refusal: 'That POC no longer exists.' };
    const refusal = this.refusal(poc, args.userId);
    if (refusal) return { ok: false, refusal };
    const afterSignoff = poc.signedOffAt !== null;
    const result = validateDraft(args.input);
    const errors: DraftErrors = {
      ...(args.facts ? orgProblems(args.input, args.facts) : {}),
      ...(result.ok ? {} : result.errors),
    };
    if (afterSignoff) {
      // A form opened before the sign-off still has the date pickers: the same rule holds.
      if (args.input.endDate !== poc.endDate)
        errors.endDate = `The end date stays ${poc.endDate}. ${datesMoveWithExtend}`;
      if (args.input.readoutDate !== poc.readoutDate)
        errors.readoutDate = `The readout date stays ${poc.readoutDate}. ${datesMoveWithExtend}`;
    }
    if (!result.ok || Object.keys(errors).length > 0) return { ok: false, errors };

    const now = clock.now().toISOString();
    const current = await store.criteria.listActive(poc.id);
    const positions = (await store.criteria.listAll(poc.id)).map((c) => c.position);
    const evaluatorsBefore = await store.evaluators.others(poc.id);
    const edit = diffEdit(poc, current, positions, result.draft, args.slots, evaluatorsBefore);
    const material = afterSignoff ? materialChanges(edit) : [];
    const channelShared = args.facts?.channelShared;
    if (isEmptyEdit(edit)) {
      if (channelShared !== undefined && channelShared !== poc.channelShared)
        await store.pocs.update(poc.id, { channelShared });
      return { ok: true, poc, before: poc, edit, afterSignoff, warnings: result.warnings, material };
    }

    const people = new Set(['evaluatorId', 'seId', 'aeId']);
    const teamChanged =
      edit.fields.some((f) => people.has(f.field)) ||
      edit.evaluators.added.length > 0 ||
      edit.evaluators.removed.length > 0;
    const updated = await store.transaction(async () => {
      const patch: Partial<Poc> = { updatedAt: now };
      for (const f of edit.fields) Object.assign(patch, { [f.field]: f.after });
      if (channelShared !== undefined) patch.channelShared = channelShared;
      // What was signed changed: the signature no longer covers it until the lead signs again.
      if (material.length > 0) patch.changedSinceSignoffAt = now;
      const next = (await store.pocs.update(poc.id, patch)) ?? poc;
      for (const c of edit.criteria) await this.applyCriterion(poc.id, c, now, args.userId);
      if (teamChanged) {
        await store.evaluators.setTeam(poc.id, next.evaluatorId, result.draft.evaluatorIds, now);
        // Whose calls count follows who the people are now (a new lead's, a removed evaluator's).
        await store.criteria.restampRoles(poc.id, (userId) => voterRole(next, result.draft.evaluatorIds, userId));
      }
      await store.pocChanges.insertMany([
        ...edit.fields.map((f) => ({
          pocId: poc.id,
          field: f.field,
          before: stored(f.before),
          after: stored(f.after),
          afterSignoff,
          changedBy: args.userId,
          changedAt: now,
        })),
        ...edit.criteria.map((c) => ({
          pocId: poc.id,
          ...criterionChangeRow(c),
          afterSignoff,
          changedBy: args.userId,
          changedAt: now,
        })),
        ...(edit.evaluators.added.length > 0 || edit.evaluators.removed.length > 0
          ? [
              {
                pocId: poc.id,
                field: 'evaluatorIds',
                before: evaluatorsBefore.join(',') || null,
                after: result.draft.evaluatorIds.join(',') || null,
                afterSignoff,
                changedBy: args.userId,
                changedAt: now,
              },
            ]
          : []),
      ]);
      return next;
    });
    return { ok: true, poc: updated, before: poc, edit, afterSignoff, warnings: result.warnings, material };
  }

  private async applyCriterion(pocId: number, c: CriterionChange, now: string, userId: string): Promise<void> {
    const { criteria } = this.deps.store;
    // A new statement or threshold is a new criterion to judge: back to undecided, its earlier
    // calls kept as those of the previous revision.
    if (c.kind === 'changed')
      await criteria.update(c.criterion.id, {
        ...c.after,
        ...(rewords(c) ? { revision: c.criterion.revision + 1 } : {}),
      });
    else if (c.kind === 'removed')
      await criteria.update(c.criterion.id, { droppedAt: now, droppedReason: `removed by ${userId} in /poc edit` });
    else
      await criteria.insertMany([
        { ...c.after, pocId, position: c.position, messageTs: null, droppedAt: null, droppedReason: null, revision: 1 },
      ]);
  }

  /** After the ack: announce, update what is posted, post what is new, confirm to the editor. */
  async publish(result: Extract<EditResult, { ok: true }>, userId: string): Promise<void> {
    const { store, delivery } = this.deps;
    const { poc, edit } = result;
    // New countries or dates: their public holidays computed now and stored, so no tick has to.
    await ensurePublicHolidays(store, [poc]);
    if (isEmptyEdit(edit)) {
      // Saving unchanged is also how posts that failed earlier get posted, or brought up to date.
      const missing = !poc.documentTs || (await store.criteria.listActive(poc.id)).some((c) => !c.messageTs);
      const outcome = missing ? await this.posts.postMissing(poc) : undefined;
      const problems = missing ? [] : await this.refreshPosted(poc, [], true);
      const text = outcome?.error
        ? `Nothing changed, and I still cannot post in the channel: ${outcome.notice ?? outcome.error}`
        : problems.length > 0
          ? ['Nothing changed.', ...problems].join('\n')
          : missing
            ? 'Nothing changed; the criteria document and criterion messages are now posted.'
            : 'Nothing changed.';
      await this.posts.tell(poc.channelId, userId, { text });
      return;
    }
    // The edit is stored; each post below is tried on its own, and what fails is said to the editor.
    const problems: string[] = [];
    if (result.afterSignoff) {
      // The diff goes in the document's thread, mentioning the lead: the record of what they signed.
      const announced = await delivery.post(poc, changeAnnouncement(poc, edit, userId, result.material), {
        key: `poc-change:${poc.id}:${poc.updatedAt}`,
        kind: 'announcement',
        what: 'the announcement of your changes',
        threadTs: poc.documentTs ?? undefined,
        tell: null,
      });
      if (announced.status === 'failed') problems.push(announced.notice);
    }
    problems.push(...(await this.refreshPosted(poc, edit.criteria, false)));
    // New criteria (and anything a failed earlier post left without a message) get posted now.
    const outcome = await this.posts.postMissing((await store.pocs.byId(poc.id)) ?? poc);
    // The pinned scoreboard lists the criteria as they now stand (reworded, added, removed).
    await this.scoreboard.refresh(poc.id);
    const lines = changeLines(edit, false);
    const resign =
      result.material.length > 0
        ? ` The document now awaits <@${poc.evaluatorId}>'s re-sign-off (${result.material.join(', ')}).`
        : '';
    const head = outcome.error
      ? `Saved ${lines.length} change(s), but I could not post in the channel: ${outcome.notice ?? outcome.error}`
      : `Saved ${lines.length} change(s)${result.afterSignoff ? " and announced them in the criteria document's thread" : ''}.${resign}`;
    const warnings = result.warnings.map((w) => `⚠️ ${w}`);
    const retry = problems.length > 0 ? ['Open `/poc edit` and save again (no changes needed) to retry.'] : [];
    await this.posts.tell(poc.channelId, userId, { text: [head, ...problems, ...retry, ...warnings].join('\n') });
  }

  /**
   * Updates what is posted to match the stored document: the document, and the criterion messages
   * this edit changed or removed (`all`: every criterion message, for an unchanged save that
   * retries an earlier failure). Stops at the first failure; the next save tries again.
   */
  private async refreshPosted(poc: Poc, changes: CriterionChange[], all: boolean): Promise<string[]> {
    const { slack, delivery } = this.deps;
    const removed = new Set(changes.filter((c) => c.kind === 'removed').map((c) => c.criterion.id));
    const changed = new Set(changes.filter((c) => c.kind === 'changed').map((c) => c.criterion.id));
    for (const u of await this.posts.postedUpdates(poc, { removed, changed, all })) {
      const done = await delivery.call(poc, u.what, () => slack.updateMessage(poc.channelId, u.ts, u.message), null);
      if (!done.ok) return [done.notice];
    }
    return [];
  }
}

function criterionChangeRow(c: CriterionChange): { field: string; before: string | null; after: string | null } {
  if (c.kind === 'changed')
    return {
      field: `criterion.${c.criterion.position}`,
      before: criterionText(c.criterion),
      after: criterionText(c.after),
    };
  if (c.kind === 'removed')
    return { field: `criterion.${c.criterion.position}`, before: criterionText(c.criterion), after: null };
  return { field: `criterion.${c.position}`, before: null, after: criterionText(c.after) };
}
