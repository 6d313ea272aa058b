// The daily async standup post: where the POC stands and the three questions, answered in its thread.
import type { KnownBlock } from '@slack/types';
import type { LocalDate } from '../../domain/calendar.js';
import type { Poc } from '../../domain/poc.js';
import type { CriterionStanding, Progress } from '../../domain/results.js';
import type { Timeline } from '../../domain/timeline.js';
import type { OutgoingMessage } from '../message.js';
import { escapeText } from './text.js';
import { criterionLine, dayLabel, fitLines, plural, shorten } from './schedule-text.js';
import { unsignedNote } from './scoreboard.js';

export interface AgendaEntry {
  date: LocalDate;
  what: 'checkpoint' | 'end_soon' | 'end' | 'readout';
}

export interface StandupView {
  poc: Pick<Poc, 'name' | 'endDate' | 'readoutDate' | 'changedSinceSignoffAt' | 'evaluatorId'>;
  today: LocalDate;
  timeline: Timeline;
  progress: Progress;
  standings: CriterionStanding[];
  /** What falls this week, from today to Sunday. */
  agenda: AgendaEntry[];
}

export const standupQuestions = [
  'What did you get done since the last standup?',
  'What is next?',
  'Is anything blocked, or is anyone waiting on someone?',
] as const;

const agendaLabels: Record<AgendaEntry['what'], string> = {
  checkpoint: 'weekly checkpoint',
  end_soon: '2 business days to the end date',
  end: 'end date',
  readout: 'readout',
};

export function standupMessage(v: StandupView): OutgoingMessage {
  const day = v.timeline.businessDay ?? v.timeline.businessDaysElapsed;
  const name = escapeText(shorten(v.poc.name, 100));
  const facts = [
    `*Day ${day} of ${v.timeline.totalBusinessDays}* · week ${v.timeline.week} of ${v.timeline.weeks}`,
    `Criteria decided: *${v.progress.decided}/${v.progress.total}* (${v.progress.pass} pass, ${v.progress.fail} fail, ${v.progress.partial} partial)${v.progress.awaiting > 0 ? ` · ${plural(v.progress.awaiting, 'vendor call')} awaiting customer confirmation` : ''}`,
    `${v.today === v.poc.endDate ? `*End date today* (${dayLabel(v.poc.endDate)})` : `End date ${dayLabel(v.poc.endDate)} (${plural(v.timeline.businessDaysLeft, 'business day')} after today)`} · readout ${dayLabel(v.poc.readoutDate)}`,
    unsignedNote(v.poc),
  ]
    .filter(Boolean)
    .join('\n');
  const agenda = v.agenda.length
    ? v.agenda
        .map((a) => `• ${dayLabel(a.date)}${a.date === v.today ? ' (today)' : ''}: ${agendaLabels[a.what]}`)
        .join('\n')
    : '• nothing on the calendar; keep testing the open criteria';
  const undecided = v.standings.filter((s) => !s.decision);
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: shorten(`Daily standup · ${v.poc.name}`, 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: facts } },
    { type: 'section', text: { type: 'mrkdwn', text: `*Due this week*\n${agenda}` } },
  ];
  if (undecided.length) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `*Still open*\n${fitLines(undecided.map(criterionLine), 2600)}` },
    });
  }
  blocks.push(
    { type: 'divider' },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*Reply in this thread* :thread:\n${standupQuestions.map((q, i) => `${i + 1}. ${q}`).join('\n')}`,
      },
    },
  );
  return {
    text: `Daily standup for ${name}: day ${day} of ${v.timeline.totalBusinessDays}, ${v.progress.decided}/${v.progress.total} criteria decided. Reply in the thread: done, next, blocked.`,
    blocks,
  };
}
