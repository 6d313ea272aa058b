// What makes a success criterion measurable (DESIGN.md, "The one-page success-criteria
// document"): a binary statement with a number in it. Vague words are what evaluators say when
// they have not decided what "good" means; with a number next to them they are harmless.

/** Words and phrases that promise quality without measuring it. One list, used everywhere. */
export const vagueTerms: readonly string[] = [
  'fast',
  'faster',
  'quick',
  'quickly',
  'easy',
  'easily',
  'easier',
  'intuitive',
  'user-friendly',
  'user friendly',
  'works well',
  'work well',
  'seamless',
  'seamlessly',
  'robust',
  'simple',
  'simply',
  'scalable',
  'scales',
  'performant',
  'reliable',
  'reliably',
  'stable',
  'smooth',
  'smoothly',
  'efficient',
  'efficiently',
  'responsive',
  'flexible',
  'good',
  'better',
  'improved',
  'nice',
  'painless',
  'lightweight',
  'best-in-class',
  'significant',
  'significantly',
];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Whole words only: "fast" must not match "breakfast", nor "good" "goodwill".
const vaguePattern = new RegExp(
  `(?<![\\p{L}\\p{N}-])(${[...vagueTerms].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}-])`,
  'giu',
);

/** The vague terms found in `text`, lower-cased, each once, in order of appearance. */
export function vagueWordsIn(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(vaguePattern)) {
    const word = (m[1] ?? '').toLowerCase();
    if (word && !found.includes(word)) found.push(word);
  }
  return found;
}

/** A digit anywhere counts: "2 s", "p95", "100%", "10M rows", "3 of 3". */
export function hasNumber(text: string): boolean {
  return /\p{Nd}/u.test(text);
}

/**
 * Why a criterion is not measurable, or undefined when it is. The threshold may carry the
 * number the statement lacks ("Dashboards load quickly" + "under 2 s p95" is fine).
 */
export function criterionProblem(statement: string, threshold = ''): string | undefined {
  const s = statement.trim();
  if (s === '') return 'Write the criterion as a pass/fail statement.';
  const whole = `${s} ${threshold}`;
  if (hasNumber(whole)) return undefined;
  const vague = vagueWordsIn(whole);
  if (vague.length > 0) {
    const quoted = vague.map((w) => `“${w}”`).join(', ');
    return `${quoted} cannot be measured on its own: add a number, e.g. “under 2 seconds at p95” or “20 of 20 users”.`;
  }
  return 'Put a number in it (a count, a time, a percentage) so pass or fail is not a matter of opinion.';
}
