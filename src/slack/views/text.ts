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
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}
