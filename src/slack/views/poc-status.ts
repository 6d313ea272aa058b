// `/poc status`: the ephemeral summary of one POC.
import type { KnownBlock } from '@slack/types';
import { localParts } from '../../domain/calendar.js';
import { severityLabels } from '../../domain/issues.js';
import type { NudgeStatus } from '../../domain/nudge-rules.js';
import { stageLabels } from '../../domain/poc.js';
import { placeLabel } from '../../domain/public-holidays.js';
import { type SideHolidayList, sideLabels } from '../../domain/sides.js';
import type { PocSummary } from '../../domain/summary.js';
import { isUserTarget } from '../ids.js';
import { excerpt } from './long-message.js';
import { teamRoleLabels } from '../../domain/team.js';
import { progressSummary, standingLine, unsignedNote } from './scoreboard.js';
import { context, header, sections, shortDate } from './evaluation-kit.js';
import { slackDateTime } from './slack-date.js';
import { quoteForSlack } from '../../domain/quoted-text.js';
import { escapeText, quoted } from './text.js';

const latestEvidenceShown = 2;
const latestNudgesShown = 5;

/** A nudge or escalation of the POC and what became of it (NudgeService.listForPoc gives these, newest first). */
export interface StatusNudge {
  title: string;
  recipientId: string;
  localDate: string;
  status: NudgeStatus;
  outcome: string | null;
  outcomeBy: string | null;
  snoozedUntil: string | null;
}

export function calendarLine(s: PocSummary): string {
  const { poc, timeline: t } = s;
  const stage = `*${stageLabels[poc.stage]}*`;
  if (poc.stage === 'draft' || poc.stage === 'awaiting_signoff') {
    return `${stage} · planned ${shortDate(poc.startDate)} → ${shortDate(poc.endDate)}, readout ${shortDate(poc.readoutDate)}`;
  }
  const left =
    t.daysLeft > 0
      ? `${t.daysLeft} days left (${t.businessDaysLeft} business days)`
      : t.daysLeft === 0
        ? 'ends today'
        : `${-t.daysLeft} days past the end date`;
  return `${stage} · week ${t.week} of ${t.weeks} · ${left} · ends ${shortDate(poc.endDate)}, readout ${shortDate(poc.readoutDate)}`;
}

export function nextDatesLine(s: PocSummary): string {
  const standup = s.nextStandup
    ? slackDateTime(
        s.nextStandup,
        `${localParts(s.nextStandup, s.poc.timeZone).date} ${s.poc.standupTime} ${s.poc.timeZone}`,
      )
    : 'none scheduled';
  const checkpoint = s.nextCheckpoint ? shortDate(s.nextCheckpoint) : 'none scheduled';
  return `Next standup: ${standup} · next checkpoint: ${checkpoint}`;
}

function evidenceLines(s: PocSummary): string[] {
  const lines: string[] = [];
  for (const st of s.standings) {
    const items = s.evidenceByCriterion.get(st.criterion.id) ?? [];
    if (items.length === 0) continue;
    const latest = items.slice(-latestEvidenceShown).reverse();
    const shown = latest.map((e) => {
      const reply = e.permalink ? `<${e.permalink}|reply>` : 'reply';
      // Evidence is Slack message text, already escaped by Slack with its mentions and links intact
      // (escaping it again garbled them); and a link's label cannot hold a mention, so the text
      // follows the link, as in the readout.
      return `${reply} by <@${e.userId}>, ${slackDateTime(new Date(e.postedAt), e.postedAt)}: ${excerpt(quoteForSlack(e.text), 80)}`;
    });
    lines.push(
      `*${st.criterion.position}.* ${items.length} repl${items.length === 1 ? 'y' : 'ies'}: ${shown.join(' · ')}`,
    );
  }
  return lines.length > 0 ? lines : ['_No evidence yet: reply in a criterion message’s thread to add some._'];
}

function issueLines(s: PocSummary): string[] {
  if (s.openIssues.length === 0) return ['_No open issues._'];
  return s.openIssues.map((i) => {
    const stale = s.staleBlockers.includes(i) ? ' :rotating_light: *open more than 2 business days*' : '';
    const sev = i.severity ? severityLabels[i.severity] : 'severity not set';
    return `#${i.number} (${sev}) ${quoted(i.text, 200)}${stale}`;
  });
}

/** The customer side's last activity, one line each: who was active when, and who has been quiet. */
function activityLines(s: PocSummary): string[] {
  return s.team.map((m) => {
    const who = `<@${m.userId}> (${teamRoleLabels[m.role]})`;
    if (!m.lastActivity) return `${who}: no activity recorded yet`;
    const quiet = m.quietDays ?? 0;
    const when = slackDateTime(m.lastActivity, m.lastActivity.toISOString());
    return `${who}: last active ${when}${quiet > 0 ? ` (${quiet} business day${quiet === 1 ? '' : 's'} ago)` : ''}`;
  });
}

const nudgeFate: Record<NudgeStatus, string> = {
  sent: 'no choice yet',
  deferred: 'over that day’s budget: in the next DM',
  folded: 'sent inside another nudge’s DM',
  withdrawn: 'withdrawn before it went out: it no longer applied',
};

function nudgeLines(nudges: readonly StatusNudge[]): string[] {
  return nudges.slice(0, latestNudgesShown).map((n) => {
    const to = isUserTarget(n.recipientId) ? `<@${n.recipientId}>` : `<#${n.recipientId}>`;
    const fate = n.outcome
      ? `*${n.outcome}*${n.outcomeBy ? ` by <@${n.outcomeBy}>` : ''}${n.outcome === 'snoozed' && n.snoozedUntil ? ` through ${shortDate(n.snoozedUntil)}` : ''}`
      : nudgeFate[n.status];
    return `${escapeText(n.title)} → ${to}, ${shortDate(n.localDate)}: ${fate}`;
  });
}

/** The days the POC's calendar skips from its start to its readout: each side's public holidays, then its own days off. */
export function holidayLines(lists: readonly SideHolidayList[], daysOff: readonly string[]): string[] {
  const lines = ['*Days off in this POC* (start to readout)'];
  for (const l of lists) {
    const who = sideLabels[l.side];
    if (!l.place) lines.push(`${who}: no country set, no public holidays skipped (\`/poc edit\` picks one)`);
    else if (l.days.length === 0) lines.push(`${who}, ${placeLabel(l.place)}: no public holidays`);
    else
      lines.push(
        `${who}, ${placeLabel(l.place)}: ${l.days.map((d) => `${shortDate(d.date)} (${escapeText(d.name)})`).join(', ')}`,
      );
  }
  if (daysOff.length > 0) lines.push(`Both sides (\`/poc holiday\`): ${daysOff.map(shortDate).join(', ')}`);
  return lines;
}

export function statusMessage(
  s: PocSummary,
  nudges: readonly StatusNudge[] = [],
  holidays: { lists: readonly SideHolidayList[]; daysOff: readonly string[] } = { lists: [], daysOff: [] },
): { text: string; blocks: KnownBlock[] } {
  const p = s.progress;
  const blocks: KnownBlock[] = [
    header(`${s.poc.kind === 'pov' ? 'PoV' : 'POC'} status: ${s.poc.name}`),
    ...sections([calendarLine(s), nextDatesLine(s), ...(unsignedNote(s.poc) ? [unsignedNote(s.poc)] : [])]),
    ...(holidays.lists.length > 0 ? sections(holidayLines(holidays.lists, holidays.daysOff)).slice(0, 2) : []),
    { type: 'divider' },
    ...sections([`*Criteria* (${progressSummary(p)})`, ...s.standings.map(standingLine)]).slice(0, 12),
    ...sections(['*Evidence*', ...evidenceLines(s)]).slice(0, 8),
    ...sections([`*Open issues* (${s.openIssues.length})`, ...issueLines(s)]).slice(0, 8),
    ...sections(['*Customer side*', ...activityLines(s)]).slice(0, 3),
    ...(nudges.length > 0 ? sections([`*Nudges* (${nudges.length}, newest first)`, ...nudgeLines(nudges)]) : []),
  ];
  const extras: string[] = [];
  if (s.pendingScopeRequests > 0) extras.push(`${s.pendingScopeRequests} scope request(s) waiting for a decision`);
  if (s.risks.length > 0) extras.push(`Risks: ${s.risks.join(' · ')}`);
  if (extras.length > 0) blocks.push(context(extras.join('\n')));
  return { text: `${s.poc.name}: ${p.decided} of ${p.total} criteria decided`, blocks: blocks.slice(0, 50) };
}
