// Small pieces shared by the evaluation builders (scoreboard, status, list, Home).
import type { KnownBlock, SectionBlock } from '@slack/types';
import { isoWeekday, type LocalDate } from '../../domain/calendar.js';
import type { Decision } from '../../domain/results.js';
import { resultLabels } from '../../domain/results.js';
import { clip } from './text.js';

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const days = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** 'Fri Dec 4' for a calendar day. */
export function shortDate(date: LocalDate): string {
  const [, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${days[isoWeekday(date)] ?? ''} ${months[m - 1] ?? ''} ${d}`;
}

export function decisionText(d: Decision): string {
  return `*${resultLabels[d.result]}* by <@${d.decidedBy}>`;
}

/** Lines packed into as few section blocks as fit in Slack's 3000-character text limit. */
export function sections(lines: string[], max = 2900): SectionBlock[] {
  const out: SectionBlock[] = [];
  let current = '';
  for (const raw of lines) {
    const line = clip(raw, max);
    if (current && current.length + 1 + line.length > max) {
      out.push({ type: 'section', text: { type: 'mrkdwn', text: current } });
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push({ type: 'section', text: { type: 'mrkdwn', text: current } });
  return out;
}

export function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clip(text, 2900) }] };
}

export function header(text: string): KnownBlock {
  return { type: 'header', text: { type: 'plain_text', text: clip(text, 150), emoji: true } };
}
