// `/poc new`: the modal with sensible defaults, then validation, one transaction, and the
// criteria document and criterion messages in the channel.
import { currentWorkspace } from '../workspace-scope.js';
import type { View } from '@slack/types';
import { isValidTimeZone, localDate } from '../domain/calendar.js';
import { holidayWarnings, standupWarning } from '../domain/creation-checks.js';
import { defaultCalendar } from '../domain/poc-changes.js';
import {
  blankDraftInput,
  type DraftErrors,
  type PocDraft,
  type PocDraftInput,
  validateDraft,
} from '../domain/poc-draft.js';
import type { Criterion, Poc } from '../domain/poc.js';
import { type OrgFacts, orgProblems } from '../domain/team.js';
import { countryNames, countryOfZone } from '../domain/public-holidays.js';
import { eitherSideOff, sideCalendars } from '../domain/sides.js';
import { createdConfirmation } from '../slack/views/criteria-document.js';
import { buildPocModal } from '../slack/views/poc-modal.js';
import { CriteriaPosts } from './criteria-posts.js';
import type { ServiceContext } from './context.js';
import type { PeopleService } from './people.js';
import { ensurePublicHolidays } from './holiday-calendar.js';

export type CreateResult =
  | { ok: false; errors: DraftErrors }
  | { ok: true; poc: Poc; criteria: Criterion[]; warnings: string[] };

export function alreadyOpenMessage(poc: Pick<Poc, 'name' | 'seId'>): string {
  return `This channel already has an open POC, “${poc.name}” (SE <@${poc.seId}>). One POC per channel: close it before starting another, or use \`/poc edit\` to change it.`;
}

export class CreatePoc {
  private readonly posts: CriteriaPosts;
  constructor(
    private readonly deps: ServiceContext,
    private readonly people: PeopleService,
  ) {
    this.posts = new CriteriaPosts(deps);
  }

  /** Why `/poc new` cannot run here, or undefined when it can. Fast: a single indexed read. */
  async refusal(teamId: string, channelId: string): Promise<string | undefined> {
    const open = await this.deps.store.pocs.openInChannel(teamId, channelId);
    return open ? alreadyOpenMessage(open) : undefined;
  }

  /** Opens the empty document modal; call right after the ack (the trigger lives 3 s). */
  async openNewModal(args: { triggerId: string; channelId: string; userId: string; name: string }): Promise<void> {
    // users.info within the trigger's 3 s (PeopleService bounds it): past that, the zone is UTC.
    const tz = await this.people.zone(args.userId);
    const timeZone = tz && isValidTimeZone(tz) ? tz : 'UTC';
    const today = localDate(this.deps.clock.now(), timeZone);
    // The vendor's side is the SE's (the one opening the form); the customer's is not known until
    // the lead evaluator is named, so the proposed start skips the SE's public holidays (and, when
    // the customer turns out to be elsewhere, its own are checked at the save).
    const vendorCountry = countryOfZone(timeZone);
    const place = {
      vendorCountry: vendorCountry ?? null,
      vendorRegion: null,
      customerCountry: vendorCountry ?? null,
      customerRegion: null,
    };
    const holidays = eitherSideOff(sideCalendars({ ...place, startDate: today, readoutDate: today }));
    const values = blankDraftInput({
      name: args.name,
      seId: args.userId,
      timeZone,
      vendorCountry,
      ...defaultCalendar(today, holidays),
    });
    const view: View = buildPocModal(
      { mode: 'new', channelId: args.channelId, pocId: null, rows: [{ slot: 1, criterionId: null }] },
      values,
    );
    await this.deps.slack.openView(args.triggerId, view);
  }

  /** Redraws the open modal (rows added or removed), guarded by the view's hash. */
  async updateModal(viewId: string, view: View, hash: string | undefined): Promise<void> {
    await this.deps.slack.updateView(viewId, view, hash);
  }

  /**
   * Validates and stores in one transaction; posts nothing (the caller acks first, then publish).
   * `facts`: what Slack said of the channel and the evaluators (OrgFactsService), for the rule that
   * a shared channel's evaluators are the customer's. `leadZone`: the lead evaluator's Slack zone,
   * asked beside the facts (the caller has 3 s in all); looked up here, bounded, when not given.
   * The zone gives the customer's country when the SE left it blank, and checks the standup time
   * against their day.
   */
  async submit(args: {
    teamId: string;
    channelId: string;
    userId: string;
    input: PocDraftInput;
    facts?: OrgFacts;
    leadZone?: string | undefined;
  }): Promise<CreateResult> {
    const { store, clock } = this.deps;
    const leadId = args.input.evaluatorId;
    const leadZone = 'leadZone' in args ? args.leadZone : leadId ? await this.people.zone(leadId) : undefined;
    const notes: string[] = [];
    let input = args.input;
    if (input.customerCountry === undefined && leadId) {
      // A guess from a zone beats no calendar: skipping a day that was not a holiday costs one
      // standup, while no calendar at all pings the customer on Christmas Day.
      const fromLead = countryOfZone(leadZone);
      const country = fromLead ?? countryOfZone(input.timeZone);
      const from = fromLead
        ? `the lead evaluator’s Slack time zone (${leadZone ?? ''})`
        : `the POC’s time zone (${input.timeZone}), as the lead evaluator’s Slack profile names no country`;
      if (country) {
        input = { ...input, customerCountry: country };
        notes.push(
          `The customer’s public holidays are ${countryNames().get(country) ?? country}’s, from ${from}; change it with \`/poc edit\`.`,
        );
      } else {
        notes.push(
          'I could not tell the customer’s country from the lead evaluator’s Slack profile or the POC’s time zone, so no public holidays are skipped on their side: pick it with `/poc edit`.',
        );
      }
    }
    const result = validateDraft(input);
    const orgErrors = args.facts ? orgProblems(input, args.facts) : {};
    const open = await store.pocs.openInChannel(args.teamId, args.channelId);
    if (open) {
      const errors = result.ok ? {} : result.errors;
      return { ok: false, errors: { ...orgErrors, ...errors, name: alreadyOpenMessage(open) } };
    }
    if (!result.ok) return { ok: false, errors: { ...orgErrors, ...result.errors } };
    if (Object.keys(orgErrors).length > 0) return { ok: false, errors: orgErrors };
    const channelShared = args.facts?.channelShared ?? null;
    try {
      const { poc, criteria } = await store.transaction(async () =>
        this.insert(args, result.draft, clock.now(), channelShared),
      );
      const standup = standupWarning(result.draft, leadZone);
      return {
        ok: true,
        poc,
        criteria,
        warnings: [...result.warnings, ...holidayWarnings(result.draft), ...(standup ? [standup] : []), ...notes],
      };
    } catch (err) {
      // Two submissions racing for the same channel: the unique index lets only one through.
      if (err instanceof Error && /UNIQUE constraint failed: pocs/.test(err.message)) {
        const winner = await store.pocs.openInChannel(args.teamId, args.channelId);
        return {
          ok: false,
          errors: { name: winner ? alreadyOpenMessage(winner) : 'This channel already has an open POC.' },
        };
      }
      throw err;
    }
  }

  private async insert(
    args: { teamId: string; channelId: string; userId: string },
    d: PocDraft,
    now: Date,
    channelShared: boolean | null,
  ): Promise<{ poc: Poc; criteria: Criterion[] }> {
    const { store } = this.deps;
    const at = now.toISOString();
    const { criteria: drafts, daysOff, evaluatorIds, ...fields } = d;
    const poc = await store.pocs.insert({
      ...fields,
      channelShared,
      changedSinceSignoffAt: null,
      resignedOffAt: null,
      teamId: args.teamId,
      // The request's Enterprise Grid org: with the team, whose token the POC's posts use.
      enterpriseId: currentWorkspace()?.enterpriseId ?? '',
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
    const criteria = await store.criteria.insertMany(
      drafts.map((c, i) => ({
        ...c,
        pocId: poc.id,
        position: i + 1,
        messageTs: null,
        droppedAt: null,
        droppedReason: null,
        revision: 1,
      })),
    );
    await store.evaluators.setTeam(poc.id, poc.evaluatorId, evaluatorIds, at);
    if (daysOff.length > 0) await store.holidays.add(poc.id, daysOff);
    return { poc, criteria };
  }

  /** After the ack: the document, one message per criterion, and the creator's confirmation. */
  async publish(poc: Poc, userId: string, warnings: string[]): Promise<void> {
    // After the ack: the POC's public holidays computed now and stored, so no tick has to.
    await ensurePublicHolidays(this.deps.store, [poc]);
    const outcome = await this.posts.postMissing(poc);
    await this.posts.tell(poc.channelId, userId, createdConfirmation(outcome.poc, warnings, outcome.notice));
  }
}
