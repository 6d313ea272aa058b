// User text inside Block Kit: escaped for mrkdwn, and cut to Slack's limits without splitting a
// character. Every builder goes through these two.

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

/** `at`, or one less when `at` falls between the two halves of a surrogate pair: where text may be cut. */
export function charBoundary(text: string, at: number): number {
  const before = text.charCodeAt(at - 1);
  return at > 0 && at < text.length && before >= 0xd800 && before <= 0xdbff ? at - 1 : at;
}
