// User text inside Block Kit: escaped for mrkdwn, and cut to Slack's limits without splitting a
// character. Every builder goes through these.
import { quoteForSlack } from '../../domain/quoted-text.js';
import { charBoundary } from '../../domain/text.js';

/** User text inside mrkdwn: Slack's three control characters escaped. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * At most `max` UTF-16 units, ending in "…" when cut. Never between the two halves of a surrogate
 * pair (an emoji, most CJK extensions): Slack would get half a character, shown as "�".
 */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, charBoundary(text, Math.max(0, max - 1)))}…`;
}

/** Said after text kept in part (keepFirst): how much of it was not. */
export function droppedNote(dropped: number, kept: string): string {
  return dropped > 0
    ? ` _(only its first ${kept.length.toLocaleString('en-US')} characters are kept; ${dropped.toLocaleString('en-US')} more were left out)_`
    : '';
}

/** Text cut for mrkdwn never ends inside a `<…>` (a link would swallow what follows) or an `&…;` escape. */
export function withoutOpenMarkup(cut: string): string {
  const open = cut.lastIndexOf('<');
  let out = open > cut.lastIndexOf('>') ? cut.slice(0, open) : cut;
  const amp = out.lastIndexOf('&');
  if (amp >= 0 && !out.slice(amp).includes(';')) out = out.slice(0, amp);
  return out;
}

/**
 * What a person wrote, as pocbot repeats it in mrkdwn (domain/quoted-text.ts: mentions made
 * plain, links showing where they go), cut to at most `max` characters when given.
 */
export function quoted(text: string, max?: number): string {
  const q = quoteForSlack(text);
  if (max === undefined || q.length <= max) return q;
  return `${withoutOpenMarkup(clip(q, max).slice(0, -1))}…`;
}
