// `/poc scope`: out-of-scope requests. Deferred to a later phase, or accepted only with a new end
// date or a dropped criterion: scope never grows for free.
import { isLocalDate, localDate } from '../domain/calendar.js';
import { lengthLimitText, needsApproval, pastLengthLimit } from '../domain/extension.js';
import type { Criterion, Poc } from '../domain/poc.js';
import { quoteForSlack } from '../domain/quoted-text.js';
import { scopeAcceptView, scopeDecisionPrompt } from '../slack/views/evaluation-prompts.js';
import type { ScopeRequest } from '../store/scope-requests.js';
import { canChange, noOpenPoc, notAllowed, type Refusal } from './poc-access.js';
import type { ServiceContext } from './context.js';
import { moveEndDate } from './extend.js';
import { CriteriaPosts } from './criteria-posts.js';
import type { ScoreboardService } from './scoreboard.js';
import { keepFirst } from '../domain/text.js';

export type ScopeAcceptError = { ok: false; field: 'newEndDate' | 'drop' | 'general'; message: string };

export class ScopeService {
  private readonly posts: CriteriaPosts;

  constructor(
    private readonly deps: ServiceContext,
    private readonly scoreboard: ScoreboardService,
  ) {
    this.posts = new CriteriaPosts(deps);
  }

  /**
   * Anyone on the vendor side may log a request; only the SE or AE decides it. `requestedBy` is
   * who asked for it when that is not who logs it (a customer's message, logged by its shortcut).
   */
  async log(input: {
    teamId: string;
    channelId: string;
    userId: string;
    text: string;
    requestedBy?: string;
  }): Promise<{ ok: true; poc: Poc; request: ScopeRequest; canDecide: boolean; dropped: number } | Refusal> {
    const { store, clock } = this.deps;
    const poc = await store.pocs.openInChannel(input.teamId, input.channelId);
    if (!poc) return { ok: false, message: await noOpenPoc(store, input.teamId, input.channelId) };
    const text = input.text.trim();
    if (!text) return { ok: false, message: 'Usage: `/poc scope <what was asked for>` logs an out-of-scope request.' };
    const { kept, dropped } = keepFirst(text, 3000);
    const request = await store.scopeRequests.insert({
      pocId: poc.id,
      text: kept,
      requestedBy: input.requestedBy ?? input.userId,
      requestedAt: clock.now().toISOString(),
    });
    return { ok: true, poc, request, canDecide: canChange(poc, input.userId), dropped };
  }

  /** Someone else logged it: the SE gets the decision buttons, visible only to them. */
  async askDecider(
    poc: Poc,
    request: ScopeRequest,
    intro = `<@${request.requestedBy}> logged scope request #${request.id}.`,
  ): Promise<void> {
    try {
      await this.deps.slack.postEphemeral(poc.channelId, poc.seId, scopeDecisionPrompt(request, intro));
    } catch (err) {
      this.deps.logger.warn(
        `scope request ${request.id}: could not ask the SE: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  private async decidable(
    teamId: string,
    userId: string,
    requestId: number,
  ): Promise<{ ok: true; poc: Poc; request: ScopeRequest } | Refusal> {
    const { store } = this.deps;
    const request = await store.scopeRequests.byId(requestId);
    const poc = request ? await store.pocs.byId(request.pocId) : undefined;
    if (!request || !poc || poc.teamId !== teamId || poc.closedAt !== null)
      return { ok: false, message: 'That scope request is no longer open.' };
    if (!canChange(poc, userId)) return { ok: false, message: notAllowed(poc, 'decide scope requests') };
    if (request.decision !== 'pending')
      return { ok: false, message: `Scope request #${request.id} was already ${request.decision}.` };
    return { ok: true, poc, request };
  }

  async defer(input: { teamId: string; userId: string; requestId: number }): Promise<{ ok: boolean; message: string }> {
    const found = await this.decidable(input.teamId, input.userId, input.requestId);
    if (!found.ok) return found;
    const done = await this.deps.store.scopeRequests.decide(found.request.id, {
      decision: 'deferred',
      decidedBy: input.userId,
      decidedAt: this.deps.clock.now().toISOString(),
    });
    if (!done) return { ok: false, message: `Scope request #${found.request.id} was already decided.` };
    return {
      ok: true,
      message: `Scope request #${found.request.id} deferred to a later phase: ${quoteForSlack(found.request.text)}`,
    };
  }

  /** What the accept modal needs, checked before it opens. */
  async acceptForm(input: {
    teamId: string;
    userId: string;
    requestId: number;
  }): Promise<{ ok: true; poc: Poc; request: ScopeRequest; criteria: Criterion[] } | Refusal> {
    const found = await this.decidable(input.teamId, input.userId, input.requestId);
    if (!found.ok) return found;
    return { ...found, criteria: await this.deps.store.criteria.listActive(found.poc.id) };
  }

  /** Opens the accept modal (right after the click's ack: the trigger lasts 3 s). */
  async openAcceptForm(input: {
    teamId: string;
    userId: string;
    requestId: number;
    triggerId: string;
  }): Promise<Refusal | { ok: true }> {
    const form = await this.acceptForm(input);
    if (!form.ok) return form;
    await this.deps.slack.openView(
      input.triggerId,
      scopeAcceptView({
        request: form.request,
        endDate: form.poc.endDate,
        criteria: form.criteria,
        metadata: { requestId: form.request.id },
      }),
    );
    return { ok: true };
  }

  /**
   * Records the decision (synchronously, so the modal can be answered within 3 s); `announce`
   * then tells the channel and updates the scoreboard.
   */
  async accept(input: {
    teamId: string;
    userId: string;
    requestId: number;
    newEndDate: string | undefined;
    dropCriterionId: number | undefined;
  }): Promise<{ ok: true; message: string; announce: () => Promise<void> } | ScopeAcceptError> {
    const found = await this.decidable(input.teamId, input.userId, input.requestId);
    if (!found.ok) return { ok: false, field: 'general', message: found.message };
    const { poc, request } = found;
    const { store, clock, delivery } = this.deps;
    if (!input.newEndDate && input.dropCriterionId === undefined) {
      return {
        ok: false,
        field: 'newEndDate',
        message: 'Accepting needs a new end date or a dropped criterion: scope never grows for free.',
      };
    }
    const now = clock.now();
    if (input.newEndDate !== undefined) {
      if (!isLocalDate(input.newEndDate)) return { ok: false, field: 'newEndDate', message: 'Pick a date.' };
      if (input.newEndDate <= poc.endDate)
        return {
          ok: false,
          field: 'newEndDate',
          message: `The new end date must be after the current one (${poc.endDate}).`,
        };
      if (input.newEndDate < localDate(now, poc.timeZone))
        return { ok: false, field: 'newEndDate', message: 'That date is already past.' };
      // Time given for scope moves the end date like an extension, under the same rules.
      if (pastLengthLimit(poc, input.newEndDate))
        return {
          ok: false,
          field: 'newEndDate',
          message: `${input.newEndDate} is past the 8-week limit. ${lengthLimitText(poc)}`,
        };
      const granted = (await store.extensions.forPoc(poc.id)).filter((x) => x.status === 'granted').length;
      if (needsApproval(poc, granted, input.userId)) {
        return {
          ok: false,
          field: 'newEndDate',
          message: `The end date has moved before: a second move needs the AE's approval, so only the AE can accept this with a new end date. Drop a criterion instead, or ask the AE.`,
        };
      }
    }
    const criteria = await store.criteria.listActive(poc.id);
    const dropped =
      input.dropCriterionId === undefined ? undefined : criteria.find((c) => c.id === input.dropCriterionId);
    if (input.dropCriterionId !== undefined && !dropped)
      return { ok: false, field: 'drop', message: 'That criterion is no longer in the POC.' };
    if (dropped && criteria.length === 1)
      return { ok: false, field: 'drop', message: 'That is the last criterion; a POC needs at least one.' };

    const at = now.toISOString();
    const decided = await store.transaction(async () => {
      const ok = await store.scopeRequests.decide(request.id, {
        decision: 'accepted',
        decidedBy: input.userId,
        decidedAt: at,
        newEndDate: input.newEndDate ?? null,
        droppedCriterionId: dropped?.id ?? null,
      });
      if (!ok) return false;
      if (dropped)
        await store.criteria.update(dropped.id, {
          droppedAt: at,
          droppedReason: keepFirst(`Dropped to make room for scope request #${request.id}: ${request.text}`, 3000).kept,
        });
      if (input.newEndDate) {
        // Time given for scope is an extension like any other: the readout compares the end date
        // as planned with where it ended up, and a second one is a sign the POC is dragging.
        const reason = `Scope request #${request.id} accepted: ${request.text}`;
        await moveEndDate(store, poc, {
          newEndDate: input.newEndDate,
          reason,
          criterionPositions: [],
          by: input.userId,
          at,
        });
      }
      return true;
    });
    if (!decided) return { ok: false, field: 'general', message: `Scope request #${request.id} was already decided.` };

    const terms = [
      input.newEndDate ? `end date moved from ${poc.endDate} to ${input.newEndDate}` : undefined,
      dropped ? `criterion ${dropped.position} dropped (“${quoteForSlack(dropped.statement)}”)` : undefined,
    ].filter(Boolean);
    const message = `Scope change accepted by <@${input.userId}>: “${quoteForSlack(request.text)}”. In exchange: ${terms.join(' and ')}.`;
    const announce = async () => {
      await delivery.post(
        poc,
        { text: message },
        {
          key: `scope-accepted:${request.id}`,
          kind: 'announcement',
          what: `the acceptance of scope request #${request.id}`,
          tell: input.userId,
        },
      );
      await this.scoreboard.refresh(poc.id);
      await this.posts.redraw(poc.id, dropped);
    };
    return { ok: true, message, announce };
  }
}
