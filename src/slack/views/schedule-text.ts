// Small text pieces shared by the scheduled posts (standup, checkpoint, reminders).
import { dayLabel } from '../../domain/calendar.js';
import type { CriterionStanding } from '../../domain/results.js';
import { resultEmoji, resultLabels, shownResult } from '../../domain/results.js';
import { clip, escapeText } from './text.js';

export { dayLabel };

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A statement cut to `max` chars with an ellipsis: one line per criterion must stay short. */
export function shorten(text: string, max = 140): string {
  return clip(text, max);
}

/** "✅ #1 Ingest 10 million rows… — PASS"; a vendor call: "⏳ #2 … — vendor call PASS, awaiting customer confirmation". */
export function criterionLine(s: CriterionStanding): string {
  const shown = shownResult(s);
  const label = s.awaiting
    ? `vendor call ${resultLabels[s.awaiting.result]} by <@${s.awaiting.decidedBy}>, awaiting customer confirmation`
    : resultLabels[shown];
  return `${resultEmoji[shown]} *#${s.criterion.position}* ${escapeText(shorten(s.criterion.statement))} — ${label}`;
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
