// Calendar reminders: the end date is near, the end date is today, the readout is today (DM).
import type { KnownBlock } from '@slack/types';
import type { LocalDate } from '../../domain/calendar.js';
import type { Poc } from '../../domain/poc.js';
import type { CriterionStanding, Progress } from '../../domain/results.js';
import type { OutgoingMessage } from '../message.js';
import { escapeText } from './text.js';
import { criterionLine, dayLabel, fitLines, plural, shorten } from './schedule-text.js';

export interface ReminderView {
  poc: Pick<Poc, 'name' | 'endDate' | 'readoutDate' | 'channelId'>;
  today: LocalDate;
  progress: Progress;
  standings: CriterionStanding[];
  businessDaysLeft: number;
}

function undecidedSection(v: ReminderView): KnownBlock {
  const open = v.standings.filter((s) => !s.decision);
  const text = open.length
    ? `*Not decided yet (${open.length} of ${v.progress.total})*\n${fitLines(open.map(criterionLine), 2600)}`
    : `Every criterion is decided (${v.progress.pass} pass, ${v.progress.fail} fail, ${v.progress.partial} partial).`;
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

export function endSoonMessage(v: ReminderView): OutgoingMessage {
  const end = dayLabel(v.poc.endDate);
  const lead = `:hourglass_flowing_sand: *${plural(v.businessDaysLeft, 'business day')} to the end date (${end}).* React ✅ / ❌ / 🟡 on each criterion message as results come in.`;
  return {
    text: `${v.poc.name}: ${plural(v.businessDaysLeft, 'business day')} to the end date (${end}); ${v.progress.undecided} criteria not decided.`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: lead } }, undecidedSection(v)],
  };
}

export function endDayMessage(v: ReminderView): OutgoingMessage {
  const lead =
    v.today === v.poc.endDate
      ? `:checkered_flag: *Today is the end date of ${escapeText(shorten(v.poc.name, 100))}.*`
      : `:checkered_flag: *The end date of ${escapeText(shorten(v.poc.name, 100))} is ${dayLabel(v.poc.endDate)}; this is its last business day.*`;
  return {
    text: `${v.poc.name}: end date ${dayLabel(v.poc.endDate)}; readout ${dayLabel(v.poc.readoutDate)}; ${v.progress.undecided} criteria not decided.`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `${lead} Readout on ${dayLabel(v.poc.readoutDate)}.` } },
      undecidedSection(v),
    ],
  };
}

export function readoutDayMessage(v: ReminderView): OutgoingMessage {
  const name = escapeText(shorten(v.poc.name, 100));
  // Sent a business day early when the readout date is a declared day off (planner.readoutReminderDay).
  const early = v.today !== v.poc.readoutDate;
  const when = early
    ? `*The readout for ${name} is ${dayLabel(v.poc.readoutDate)}*, a day off for this POC: move it with \`/poc edit\` if it is not happening then. When it is, run \`/poc readout\` in <#${v.poc.channelId}>`
    : `*Today is the readout for ${name}* in <#${v.poc.channelId}>. Run \`/poc readout\` there`;
  return {
    text: early
      ? `The readout for ${v.poc.name} is ${dayLabel(v.poc.readoutDate)}, a day off for this POC.`
      : `Readout day for ${v.poc.name}: run /poc readout in its channel.`,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `:clipboard: ${when} to walk the criteria line by line: ${v.progress.decided}/${v.progress.total} decided (${v.progress.pass} pass, ${v.progress.fail} fail, ${v.progress.partial} partial).`,
        },
      },
      ...(v.progress.undecided ? [undecidedSection(v)] : []),
    ],
  };
}
