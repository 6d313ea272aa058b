// Small text pieces shared by the scheduled posts (standup, checkpoint, reminders).
import type { LocalDate } from '../../domain/calendar.js';
import type { CriterionStanding } from '../../domain/results.js';
import { resultEmoji, resultLabels } from '../../domain/results.js';
import { mrkdwnEscape } from './long-message.js';

const dayFormat = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });

const dayLabels = new Map<LocalDate, string>();

/** 'Fri Dec 4' for a calendar day (formatted at UTC noon, so no zone can shift the day). */
export function dayLabel(date: LocalDate): string {
  let label = dayLabels.get(date);
  if (label === undefined) {
    label = dayFormat.format(new Date(`${date}T12:00:00Z`)).replace(',', '');
    // Remembered: a tick labels the same few days in thousands of posts.
    if (dayLabels.size >= 5000) dayLabels.clear();
    dayLabels.set(date, label);
  }
  return label;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A statement cut to `max` chars with an ellipsis: one line per criterion must stay short. */
export function shorten(text: string, max = 140): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** "✅ #1 Ingest 10 million rows… — PASS" */
export function criterionLine(s: CriterionStanding): string {
  const result = s.decision?.result ?? 'untested';
  return `${resultEmoji[result]} *#${s.criterion.position}* ${mrkdwnEscape(shorten(s.criterion.statement))} — ${resultLabels[result]}`;
}

/** Lines that fit one text object (Slack's limit is 3000 chars); the rest is counted, not dropped silently. */
export function fitLines(lines: string[], max = 2800): string {
  const out: string[] = [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    if (used + line.length + 1 > max) {
      out.push(`…and ${lines.length - i} more`);
      break;
    }
    out.push(line);
    used += line.length + 1;
  }
  return out.join('\n');
}
