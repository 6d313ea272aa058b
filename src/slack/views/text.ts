// User text inside Block Kit: escaped for mrkdwn, and cut to Slack's limits without splitting a
// character. Every builder goes through these.
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
  return dropped > 0 ? ` _(only its first ${kept.length.toLocaleString('en-US')} characters are kept; ${dropped.toLocaleString('en-US')} more were left out)_` : '';
}
