// Text typed or pasted by people, kept within the lengths pocbot stores, and cut only between
// characters.

/** `at`, or one less when `at` falls between the two halves of a surrogate pair: where text may be cut. */
export function charBoundary(text: string, at: number): number {
  const before = text.charCodeAt(at - 1);
  return at > 0 && at < text.length && before >= 0xd800 && before <= 0xdbff ? at - 1 : at;
}

/** At most `max` UTF-16 units of `text`, never half a character; `dropped` counts what was left out (0 when it fits). */
export function keepFirst(text: string, max: number): { kept: string; dropped: number } {
  if (text.length <= max) return { kept: text, dropped: 0 };
  const kept = text.slice(0, charBoundary(text, max));
  return { kept, dropped: text.length - kept.length };
}
