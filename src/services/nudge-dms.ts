// The nudges after the sweep (nudge-sweep.ts) has recorded them: the DM as it goes out and as it
// stands, what each POC's nudges became (for /poc status), what the recipient chooses with the
// buttons, which acts at once (record, ping, update the DM), and the buttons taken off at a close.
import type { Logger } from '@slack/bolt';
import type { Clock } from '../clock.js';
import {
  addBusinessDays,
  dayLabel,
  type Holidays,
  isBusinessDay,
  type LocalDate,
  localDate,
  slackTsToDate,
} from '../domain/calendar.js';
import { moveOf, moveText, type NudgeKind, type NudgeOutcome, nudgeTitle } from '../domain/nudge-rules.js';
import { isPaused } from '../domain/pause.js';
import { isClosed, type Poc, stageLabels } from '../domain/poc.js';
import { spellOver, type TeamSilence, teamSilence } from '../domain/silence.js';
import { checkInPost, nudgeDm, type PendingItem } from '../slack/views/nudge-messages.js';
import type { Store } from '../store/index.js';
import type { NudgeRow } from '../store/nudge-records.js';
import { canChange, notAllowed } from './poc-access.js';
import type { OutgoingMessage, SlackPort } from './ports.js';
import type { SlackDelivery } from './slack-delivery.js';
import type { TimeOffService } from './time-off.js';
import { activeStandings } from './standings.js';
import { readTeam } from './team.js';
import { pocCalendars } from './calendars.js';

export type NudgeChoice = 'ping' | 'handle' | 'snooze' | 'dismiss';

export interface NudgeSummary {
  key: string;
  kind: string;
  title: string;
  level: number;
  recipientId: string;
  localDate: LocalDate;
  detail: string;
  status: NudgeRow['status'];
  outcome: NudgeOutcome | null;
  outcomeBy: string | null;
  outcomeAt: string | null;
  snoozedUntil: LocalDate | null;
}

/** A nudge's post (its DM, or an escalation channel's post) has this prefix and the nudge's key as its outbox key (nudge-sweep.ts). */
export const nudgeDmPrefix = 'nudge:';

const choiceOutcome: Record<NudgeChoice, NudgeOutcome> = {
  ping: 'pinged',
  handle: 'handled',
  snooze: 'snoozed',
  dismiss: 'dismissed',
};

/** What a press on a nudge whose choice is already made is told. */
function alreadyDone(row: Pick<NudgeRow, 'outcome' | 'outcomeBy'>): string {
  return `Already done by <@${row.outcomeBy ?? ''}>: they chose "${row.outcome ?? ''}" for this nudge.`;
}

export class NudgeService {
  constructor(
    private readonly store: Store,
    private readonly slack: SlackPort,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly delivery: SlackDelivery,
    private readonly timeOff?: TimeOffService,
  ) {}

  /** The customer team's silence at `now`, as the sweep would judge it: their activity, time off and the customer side's days off. */
  async teamSilenceNow(poc: Poc, now: Date): Promise<TeamSilence> {
    return teamSilence(
      poc,
      localDate(now, poc.timeZone),
      (await pocCalendars(this.store, poc)).customer,
      await readTeam(this.store, poc),
    );
  }

  /**
   * withdrawIfStale, after reading the Slack status of the customer team for a silence nudge or
   * an escalation (someone whose status says they are away is not counted quiet): the last check
   * before such a post goes out.
   */
  async recheckPost(key: string, poc: Poc, now: Date): Promise<string | undefined> {
    const row = await this.store.nudges.byKey(key);
    if (row && (row.kind === 'silence' || row.kind === 'escalation') && row.status !== 'withdrawn' && this.timeOff) {
      await this.timeOff.learnFromStatus(poc, now);
    }
    return this.withdrawIfStale(key, poc, now);
  }

  /** Every nudge and escalation of a POC with what became of it, newest first (for `/poc status`). */
  async listForPoc(pocId: number): Promise<NudgeSummary[]> {
    return (await this.store.nudges.forStatus(pocId)).map((r) => ({
      key: r.key,
      kind: r.kind,
      title: nudgeTitle(r.kind),
      level: r.level,
      recipientId: r.recipientId,
      localDate: r.localDate,
      detail: r.detail,
      status: r.status,
      outcome: r.outcome,
      outcomeBy: r.outcomeBy,
      outcomeAt: r.outcomeAt,
      snoozedUntil: r.snoozedUntil,
    }));
  }

  private async pendingItems(rows: NudgeRow[]): Promise<PendingItem[]> {
    const items: PendingItem[] = [];
    for (const r of rows) {
      const poc = await this.store.pocs.byId(r.pocId);
      if (poc) items.push({ pocName: poc.name, channelId: poc.channelId, kind: r.kind, evidence: r.detail });
    }
    return items;
  }

  /**
   * A nudge whose DM or escalation post has waited its turn in the outbox (behind a morning's
   * standups, or Slack's back-offs: up to an hour at scale) is asked again before it goes out, and
   * withdrawn when it no longer applies: the POC has been paused since (the sweep nudges nobody
   * about a paused POC), the quiet spell it reports is over (an escalation about a team someone on
   * which has just replied would reach the AE and the escalation channel for nothing), the lead it
   * reports quiet has been active since, or the streak of unanswered standups it reports has ended
   * (someone on the customer side answered one). Returns why it was
   * withdrawn; undefined when it stands (or is not on record: the DM's build says so).
   */
  async withdrawIfStale(key: string, poc: Poc, now: Date): Promise<string | undefined> {
    const row = await this.store.nudges.byKey(key);
    if (!row || row.kind === 'evaluator_back') return undefined;
    if (row.status === 'withdrawn') return 'the nudge was withdrawn';
    let reason: string | undefined;
    if (isPaused(poc, localDate(now, poc.timeZone))) reason = `the POC is paused through ${poc.pausedUntil ?? ''}`;
    else if (row.kind === 'silence' || row.kind === 'escalation') {
      // Asked again as the sweep asks: activity since, time off or a day off declared since the
      // nudge was queued (a holiday, a vacation, a status) take it back.
      const silence = await this.teamSilenceNow(poc, now);
      const last = silence.lastActive;
      const today = localDate(now, poc.timeZone);
      if (last && spellOver(row.episode, last.ts)) {
        reason = `the evaluation team has been active since (last on ${dayLabel(localDate(slackTsToDate(last.ts), poc.timeZone))})`;
      } else if (!isBusinessDay(today, (await pocCalendars(this.store, poc)).customer))
        reason = `${dayLabel(today)} is a day off on the customer's side`;
      else if (silence.evaluatorsAway) reason = "the customer's evaluators are away (time off)";
      else if (silence.level < row.level)
        reason = `the customer's team is no longer quiet enough for it (${silence.businessDaysQuiet} business days, counting time off and holidays)`;
    } else if (row.kind === 'lead_quiet') {
      const last = await this.store.activity.lastTs(poc.id, poc.evaluatorId);
      if (spellOver(row.episode, last))
        reason = `the lead evaluator has been active since (last on ${dayLabel(localDate(slackTsToDate(last), poc.timeZone))})`;
    } else if (row.kind === 'standups_unanswered') {
      // As standupsUnanswered has it: an answer to any standup, by anyone on the customer side, ends the streak.
      const team = new Set((await readTeam(this.store, poc)).map((m) => m.userId));
      const answered = (await this.store.answers.forPoc(poc.id, 'standup')).some(
        (a) => team.has(a.userId) && a.answeredAt > row.createdAt,
      );
      if (answered) reason = 'the customer side has answered a standup since';
    }
    if (reason) await this.store.nudges.withdraw(row.key);
    return reason;
  }

  /** The DM for a recorded nudge, as it goes out (the outbox dispatcher builds deferred DMs with this). */
  async dmFor(key: string, poc: Poc): Promise<OutgoingMessage> {
    const row = await this.store.nudges.byKey(key);
    if (!row) throw new Error(`nudge ${key} is not on record`);
    return this.renderDm(row, poc);
  }

  /** The DM as it stands now (with the choice, once made). */
  async renderDm(row: NudgeRow, poc: Poc): Promise<OutgoingMessage> {
    return nudgeDm({
      key: row.key,
      kind: row.kind,
      pocName: poc.name,
      channelId: poc.channelId,
      evidence: row.detail,
      move: moveText(moveOf[row.kind as NudgeKind] ?? 'reanchor', poc),
      alsoPending: await this.pendingItems(await this.store.nudges.carriedBy(row.key)),
      outcome:
        row.outcome && row.outcomeBy
          ? {
              outcome: row.outcome,
              by: row.outcomeBy,
              at: new Date(row.outcomeAt ?? 0),
              snoozedUntil: row.snoozedUntil,
            }
          : undefined,
      closedAs: isClosed(poc.stage) ? stageLabels[poc.stage] : undefined,
    });
  }

  /**
   * A button on a nudge DM. Records the choice once (a second click, or a colleague's, is told
   * who chose what), pings the evaluator for "Ping", and updates the DM to show the choice.
   */
  async choose(input: {
    key: string;
    choice: NudgeChoice;
    userId: string;
    teamId: string;
    dm?: { channel: string; ts: string };
  }): Promise<{ ok: boolean; message: string }> {
    const row = await this.store.nudges.byKey(input.key);
    const poc = row ? await this.store.pocs.byId(row.pocId) : undefined;
    // A click from another workspace is told nothing about this one's POCs.
    if (!row || !poc || poc.teamId !== input.teamId)
      return { ok: false, message: 'That nudge is no longer on record (its POC may have been deleted).' };
    // The buttons speak for the POC (a check-in in its channel, a snooze for everyone): its
    // recipient, SE or AE only, as for every command that changes a POC.
    if (input.userId !== row.recipientId && !canChange(poc, input.userId))
      return { ok: false, message: notAllowed(poc, 'act on its nudges') };
    if (isClosed(poc.stage) && !row.outcome) {
      // A DM from before the close: no check-in in a closed POC's channel, nothing to record.
      await this.refreshDm(row, poc, input.dm);
      return {
        ok: false,
        message: `${poc.name} is closed (${stageLabels[poc.stage]}): nothing was posted or recorded for this nudge.`,
      };
    }
    if (row.outcome) {
      await this.refreshDm(row, poc, input.dm);
      return { ok: false, message: alreadyDone(row) };
    }
    const now = this.clock.now();
    const today = localDate(now, poc.timeZone);
    if (input.choice === 'ping' && (row.kind === 'silence' || row.kind === 'escalation' || row.kind === 'lead_quiet')) {
      // A DM from a quiet spell that has ended since: pinging now would chase someone who is back.
      const last =
        row.kind === 'lead_quiet'
          ? await this.store.activity.lastTs(poc.id, poc.evaluatorId)
          : (await this.teamSilenceNow(poc, now)).lastActive?.ts;
      if (spellOver(row.episode, last)) {
        const on = dayLabel(localDate(slackTsToDate(last), poc.timeZone));
        const who = row.kind === 'lead_quiet' ? `<@${poc.evaluatorId}> has` : 'The evaluation team has';
        return {
          ok: false,
          message: `${who} been active since this nudge (last on ${on}): no ping needed. "I'll handle it" or "Dismiss" closes it.`,
        };
      }
    }
    const holidays: Holidays = (await pocCalendars(this.store, poc)).customer;
    const snoozedUntil = input.choice === 'snooze' ? addBusinessDays(today, 2, holidays) : undefined;
    const outcome = {
      outcome: choiceOutcome[input.choice],
      by: input.userId,
      at: now.toISOString(),
      ...(snoozedUntil ? { snoozedUntil } : {}),
    };

    // The choice is claimed before anything is posted (a conditional update: the first one wins).
    // Of two presses at once, the SE's and the AE's on their DMs or one impatient double click,
    // one posts the check-in; the other is told who chose what.
    if (!(await this.store.nudges.setOutcome(row.key, outcome))) {
      const taken = (await this.store.nudges.byKey(row.key)) ?? row;
      await this.refreshDm(taken, poc, input.dm);
      return { ok: false, message: alreadyDone(taken) };
    }
    if (input.choice === 'ping') {
      const open = (await activeStandings(this.store, poc.id))
        .filter((s) => !s.decision)
        .map((s) => ({ position: s.criterion.position, statement: s.criterion.statement }));
      // Queued counts as done (the outbox delivers it); a channel that refuses it records nothing.
      // In the POC's thread, the criteria document's (issue 6): the mention reaches the evaluator
      // without a post in the shared channel for everyone to see.
      // The lead alone when only the lead is quiet; the whole evaluation team otherwise.
      const evaluatorIds =
        row.kind === 'lead_quiet'
          ? [poc.evaluatorId]
          : [poc.evaluatorId, ...(await this.store.evaluators.others(poc.id))];
      const posted = await this.delivery.post(
        poc,
        checkInPost({ pocName: poc.name, evaluatorIds, endDate: poc.endDate, open }),
        {
          key: `checkin:${row.key}`,
          kind: 'checkin',
          what: `the check-in for ${evaluatorIds.map((id) => `<@${id}>`).join(', ')}`,
          threadTs: poc.documentTs ?? undefined,
          tell: null,
        },
      );
      if (posted.status === 'failed') {
        await this.store.nudges.clearOutcome(row.key, outcome);
        return {
          ok: false,
          message: `${posted.notice} Nothing was recorded for this nudge; try again once that is fixed.`,
        };
      }
    }
    const updated = (await this.store.nudges.byKey(row.key)) ?? row;
    await this.refreshDm(updated, poc, input.dm);
    const done: Record<NudgeChoice, string> = {
      ping: `Posted a check-in for the evaluators in <#${poc.channelId}>.`,
      handle: 'Noted: you are handling it.',
      snooze: `Snoozed: no "${nudgeTitle(row.kind)}" nudge for ${poc.name} through ${snoozedUntil ?? ''}.`,
      dismiss: 'Dismissed.',
    };
    return { ok: true, message: done[input.choice] };
  }

  /**
   * After a close: every nudge DM of the POC still waiting for a choice is redrawn without its
   * buttons, so nobody pings an evaluator about a POC that is over. Best effort (a DM that cannot
   * be updated keeps its buttons, and a click on them is refused, see `choose`).
   */
  async retireDms(poc: Poc): Promise<void> {
    // Never throws: the close is done and told; this is tidying after it.
    try {
      for (const sent of await this.store.outbox.list({ pocId: poc.id, status: 'sent' })) {
        if (!sent.key.startsWith(nudgeDmPrefix) || !sent.sentChannel || !sent.sentTs) continue;
        const row = await this.store.nudges.byKey(sent.key.slice(nudgeDmPrefix.length));
        if (!row || row.outcome) continue;
        await this.refreshDm(
          row,
          poc,
          { channel: sent.sentChannel, ts: sent.sentTs },
          'could not take the buttons off its DM after the close',
        );
      }
    } catch (err) {
      this.logger.warn(
        `POC ${poc.id}: could not take the buttons off its nudge DMs after the close: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  private async refreshDm(
    row: NudgeRow,
    poc: Poc,
    dm: { channel: string; ts: string } | undefined,
    failure = 'could not update the DM',
  ): Promise<void> {
    if (!dm) return;
    try {
      await this.slack.updateMessage(dm.channel, dm.ts, await this.renderDm(row, poc));
    } catch (err) {
      this.logger.warn(`nudge ${row.key}: ${failure}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
