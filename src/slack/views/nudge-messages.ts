// Nudge and escalation messages: the DM (facts, one suggested move, the four buttons), the
// escalation channel post, the "evaluator is back" note and the check-in "Ping the evaluator" posts.
import type { KnownBlock } from '@slack/types';
import { type LocalDate, localDate, slackTsToDate } from '../../domain/calendar.js';
import type { EscalationEvidence, NudgeEvidence, PlannedChannelPost } from '../../domain/nudge-plan.js';
import { type NudgeOutcome, nudgeTitle } from '../../domain/nudge-rules.js';
import type { MemberSilence } from '../../domain/silence.js';
import { teamRoleLabels } from '../../domain/team.js';
import type { OutgoingMessage } from '../message.js';
import { nudgeActions, nudgeActionsBlock, nudgeOutcomeBlock } from '../ids.js';
import { shortDate } from './evaluation-kit.js';
import { clip as clipTo, escapeText } from './text.js';

/** Keep every text object well inside Slack's 3000 chars. */
const clip = (text: string, max = 2800): string => clipTo(text, max);

const kindEmoji: Record<string, string> = {
  silence: ':zipper_mouth_face:',
  escalation: ':rotating_light:',
  evaluator_back: ':wave:',
  lead_quiet: ':mute:',
  pace_behind: ':turtle:',
  end_near: ':hourglass_flowing_sand:',
  past_end: ':calendar:',
  open_after_readout: ':memo:',
  scope_creep: ':balloon:',
  criteria_changed: ':pencil2:',
  standups_unanswered: ':speech_balloon:',
  pushback: ':raised_hand:',
  second_extension: ':repeat:',
  se_overloaded: ':juggling:',
};

export interface PendingItem {
  pocName: string;
  channelId: string;
  kind: string;
  evidence: string;
}

export interface NudgeDmView {
  key: string;
  kind: string;
  pocName: string;
  channelId: string;
  /** The facts (and, for an escalation, the suggested note to the economic buyer). */
  evidence: string;
  /** The one suggested move from the playbook. */
  move: string;
  /** Nudges that were over an earlier day's budget, folded into this one. */
  alsoPending: PendingItem[];
  outcome?: { outcome: NudgeOutcome; by: string; at: Date; snoozedUntil: string | null } | undefined;
  /** The POC's outcome once it is closed: the buttons go, since none of them has anything left to do. */
  closedAs?: string | undefined;
}

const outcomeWords: Record<NudgeOutcome, string> = {
  pinged: 'pinged the evaluators',
  handled: 'is handling it',
  snoozed: 'snoozed it',
  dismissed: 'dismissed it',
};

export function outcomeLine(o: NonNullable<NudgeDmView['outcome']>): string {
  const until = o.outcome === 'snoozed' && o.snoozedUntil ? ` through ${shortDate(o.snoozedUntil)}` : '';
  return `<@${o.by}> ${outcomeWords[o.outcome]}${until}.`;
}

const maxPendingShown = 10;

export function nudgeDm(v: NudgeDmView): OutgoingMessage {
  const title = `${kindEmoji[v.kind] ?? ':bell:'} *${nudgeTitle(v.kind)}* · ${escapeText(v.pocName)} in <#${v.channelId}>`;
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: clip(title) } },
    { type: 'section', text: { type: 'mrkdwn', text: clip(v.evidence) } },
    { type: 'section', text: { type: 'mrkdwn', text: clip(`*Suggested move:* ${v.move}`) } },
  ];
  if (v.alsoPending.length > 0) {
    const shown = v.alsoPending
      .slice(0, maxPendingShown)
      .map(
        (p) =>
          `• *${nudgeTitle(p.kind)}* · ${escapeText(p.pocName)} in <#${p.channelId}>: ${p.evidence.split('\n')[0] ?? ''}`,
      );
    const more = v.alsoPending.length - shown.length;
    if (more > 0) shown.push(`…and ${more} more.`);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(`*Also pending:*\n${shown.join('\n')}`) } });
  }
  if (v.outcome) {
    blocks.push({
      type: 'context',
      block_id: nudgeOutcomeBlock,
      elements: [{ type: 'mrkdwn', text: `:white_check_mark: ${outcomeLine(v.outcome)}` }],
    });
  } else if (v.closedAs) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: clip(`:lock: The POC is closed (${v.closedAs}): nothing left to do here.`) }],
    });
  } else {
    blocks.push({
      type: 'actions',
      block_id: nudgeActionsBlock,
      elements: [
        {
          type: 'button',
          action_id: nudgeActions.ping,
          text: { type: 'plain_text', text: 'Ping the evaluators' },
          value: v.key,
          style: 'primary',
        },
        {
          type: 'button',
          action_id: nudgeActions.handle,
          text: { type: 'plain_text', text: "I'll handle it" },
          value: v.key,
        },
        {
          type: 'button',
          action_id: nudgeActions.snooze,
          text: { type: 'plain_text', text: 'Snooze 2 business days' },
          value: v.key,
        },
        {
          type: 'button',
          action_id: nudgeActions.dismiss,
          text: { type: 'plain_text', text: 'Dismiss' },
          value: v.key,
        },
      ],
    });
  }
  const pending = v.alsoPending.length > 0 ? ` (also pending: ${v.alsoPending.length})` : '';
  return {
    text: clip(`${nudgeTitle(v.kind)}: ${v.pocName}${pending}. ${v.evidence.split('\n')[0] ?? ''}`, 2900),
    blocks,
  };
}

/** One member of the customer side as a silence text names them, with where they stand. */
export interface QuietMember {
  userId: string;
  role: MemberSilence['role'];
  /** Their newest activity (a Slack ts); undefined: none yet. */
  lastTs: string | undefined;
  /** The last day of their time off, when they are away today. */
  awayUntil: LocalDate | undefined;
}

export function quietMember(m: MemberSilence): QuietMember {
  return { userId: m.userId, role: m.role, lastTs: m.lastTs, awayUntil: m.away?.to };
}

export function quietMembers(members: readonly MemberSilence[]): QuietMember[] {
  return members.map(quietMember);
}

/** "<@W1> (lead evaluator), last active Wed Dec 2" for each, in the team's order. */
export function memberLines(members: readonly QuietMember[], timeZone: string): string {
  return members
    .map((m) => {
      const when = m.awayUntil
        ? `away until ${shortDate(m.awayUntil)}`
        : m.lastTs
          ? `last active ${shortDate(localDate(slackTsToDate(m.lastTs), timeZone))}`
          : 'no activity yet';
      return `<@${m.userId}> (${teamRoleLabels[m.role]}), ${when}`;
    })
    .join('; ');
}

export interface TeamSilenceFacts {
  timeZone: string;
  /** Everyone on the customer side, lead first. */
  members: QuietMember[];
  /** Business days nobody on it has been active. */
  businessDaysQuiet: number;
  /** The local day of the team's newest activity (or the day the count starts from). */
  quietSince: LocalDate;
  decided: number;
  total: number;
}

/** What the SE's silence DM says: nobody on the team has been active, since when, each member's last activity. */
export function teamSilenceEvidence(f: TeamSilenceFacts): string {
  return `Nobody on the evaluation team has been active for *${f.businessDaysQuiet} business days* (since ${shortDate(f.quietSince)}): ${memberLines(f.members, f.timeZone)}. Criteria decided: ${f.decided} of ${f.total}.`;
}

/** What the SE's lower-key DM says when the lead is quiet and others on the team are not. */
export function leadQuietEvidence(f: {
  timeZone: string;
  lead: QuietMember;
  businessDaysQuiet: number;
  active: QuietMember[];
  others: QuietMember[];
}): string {
  const since = f.lead.lastTs
    ? `last active ${shortDate(localDate(slackTsToDate(f.lead.lastTs), f.timeZone))}`
    : 'no activity yet';
  const active = f.active.length > 0 ? memberLines(f.active, f.timeZone) : 'nobody';
  const quiet = f.others.length > 0 ? ` Also quiet: ${memberLines(f.others, f.timeZone)}.` : '';
  return `<@${f.lead.userId}> (lead evaluator) has been quiet for *${f.businessDaysQuiet} business days* (${since}), while the team is active: ${active}.${quiet} Nothing is escalated while the team is active; a word with the lead may be enough.`;
}

export interface EscalationFacts extends TeamSilenceFacts {
  pocName: string;
  channelId: string;
  economicBuyerId: string | null;
  seId: string;
  aeId: string;
  endDate: string;
  businessDaysToEnd: number;
  /** The POC's metric phrase ("Month-end close time: 5 days → 1 days"), if any. */
  metric: string | null;
}

/** The facts line shared by the AE's DM and the escalation channel post. */
export function escalationFacts(f: EscalationFacts): string {
  const end =
    f.businessDaysToEnd > 0
      ? `${f.businessDaysToEnd} business day${f.businessDaysToEnd === 1 ? '' : 's'} to the end date (${shortDate(f.endDate)})`
      : `the end date is ${shortDate(f.endDate)}`;
  return `Nobody on the evaluation team has been active for *${f.businessDaysQuiet} business days* (since ${shortDate(f.quietSince)}): ${memberLines(f.members, f.timeZone)}. Criteria decided: *${f.decided} of ${f.total}*. ${end[0]?.toUpperCase() ?? ''}${end.slice(1)}.`;
}

export function suggestedBuyerNote(f: EscalationFacts): string {
  const who = f.economicBuyerId ? `<@${f.economicBuyerId}>` : 'there';
  const goal = f.metric ? ` The goal we agreed is still ${f.metric}.` : '';
  return `Hi ${who}, a quick update on ${f.pocName}: ${f.decided} of ${f.total} success criteria are decided and the evaluation ends on ${shortDate(f.endDate)}. We have not heard from your team for ${f.businessDaysQuiet} business days; could you help us get 30 minutes with the evaluators this week so the decision stays on schedule?${goal}`;
}

/** The escalation body: the facts and the note the AE can send. */
export function escalationDetail(f: EscalationFacts): string {
  const note = suggestedBuyerNote(f)
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
  return `${escalationFacts(f)}\n*Suggested note to the economic buyer:*\n${note}`;
}

export function escalationChannelPost(f: EscalationFacts): OutgoingMessage {
  const head = `:rotating_light: *Escalation: ${escapeText(f.pocName)}* (<#${f.channelId}>) · AE <@${f.aeId}>, SE <@${f.seId}>`;
  return {
    text: clip(
      `Escalation: ${f.pocName}. Nobody on the evaluation team has been active for ${f.businessDaysQuiet} business days; ${f.decided} of ${f.total} criteria decided.`,
    ),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: clip(head) } },
      { type: 'section', text: { type: 'mrkdwn', text: clip(escalationDetail(f)) } },
    ],
  };
}

/** After an escalation went out: someone on the team is active again (who, and when). */
export function evaluatorBackPost(v: {
  pocName: string;
  channelId: string;
  userId: string;
  role: MemberSilence['role'] | undefined;
  backOn: string;
}): OutgoingMessage {
  const who = `<@${v.userId}>${v.role ? ` (${teamRoleLabels[v.role]})` : ''}`;
  const text = `:wave: *The evaluation team is active again* on ${escapeText(v.pocName)} (<#${v.channelId}>): ${who} was active on ${shortDate(v.backOn)}. No need to chase the economic buyer for this spell.`;
  return {
    text: clip(`The evaluation team is active again on ${v.pocName}.`),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: clip(text) } }],
  };
}

export interface CheckInView {
  pocName: string;
  /** The evaluators to mention, the lead first. */
  evaluatorIds: string[];
  endDate: string;
  open: Array<{ position: number; statement: string }>;
}

/** "Ping the evaluators": a friendly, specific check-in in the POC channel. */
export function checkInPost(v: CheckInView): OutgoingMessage {
  const lines = v.open.slice(0, 10).map((c) => `• ${c.position}. ${escapeText(c.statement)}`);
  if (v.open.length > 10) lines.push(`…and ${v.open.length - 10} more.`);
  const hi = v.evaluatorIds.map((id) => `<@${id}>`).join(', ');
  const body =
    v.open.length === 0
      ? `Hi ${hi} :wave: checking in on *${escapeText(v.pocName)}*: every criterion has a result, thank you! Is there anything else you need from us before the readout?`
      : `Hi ${hi} :wave: checking in on *${escapeText(v.pocName)}*: ${v.open.length} criteri${v.open.length === 1 ? 'on is' : 'a are'} still open before ${shortDate(v.endDate)}:\n${lines.join('\n')}\nIs anything blocking you, or is there something we can set up? A :white_check_mark: / :x: / :large_yellow_circle: on a criterion message, or a reply in its thread, is all we need.`;
  return {
    text: clip(`Checking in on ${v.pocName}`),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: clip(body) } }],
  };
}

/** An escalation as the plan gives it, with its members as the texts name them. */
function escalationFactsOf(e: EscalationEvidence): EscalationFacts {
  return { ...e, members: quietMembers(e.members) };
}

/** The words of a planned nudge (the detail stored with it and shown in its DM). */
export function nudgeEvidenceText(e: NudgeEvidence): string {
  switch (e.type) {
    case 'text':
      return e.text;
    case 'silence':
      return teamSilenceEvidence({ ...e.silence, members: quietMembers(e.silence.members) });
    case 'escalation':
      return escalationDetail(escalationFactsOf(e.escalation));
    case 'lead_quiet':
      return leadQuietEvidence({
        timeZone: e.timeZone,
        lead: quietMember(e.lead),
        businessDaysQuiet: e.businessDaysQuiet,
        active: quietMembers(e.active),
        others: quietMembers(e.others),
      });
  }
}

/** The channel post of a planned escalation or "evaluator is back" note. */
export function plannedChannelPost(p: PlannedChannelPost): OutgoingMessage {
  return p.kind === 'escalation' ? escalationChannelPost(escalationFactsOf(p.escalation)) : evaluatorBackPost(p.back);
}
