// What makes a success criterion measurable (DESIGN.md, "The one-page success-criteria
// document"): a binary statement with a threshold someone can check, that is, a comparison against
// a number. A digit alone is not enough: "fast in Q4 2027" names a date, "works with v2" a version
// and "intuitive for our 3 DevOps engineers" who will judge, and none of them says what passes.
// Vague words are what evaluators say when they have not decided what "good" means; with a
// threshold next to them they are harmless.

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
  `(?<![\\p{L}\\p{N}-])(${[...vagueTerms]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')})(?![\\p{L}\\p{N}-])`,
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

/** A digit anywhere: "2 s", "p95", "100%". Not enough on its own to be measurable (see `measurable`). */
export function hasNumber(text: string): boolean {
  return /\p{Nd}/u.test(text);
}

// A number as people write one in a criterion: "15", "1.5", "10,000", "10M", "2 million".
const num = String.raw`\d+(?:[.,]\d+)*(?:\s?(?:k|m|bn|thousand|million|billion)\b)?`;
const months =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';

/** Numbers that are not thresholds: dates, quarters, fiscal years, years, version numbers. */
const notThresholds: readonly RegExp[] = [
  /\b\d{4}-\d{1,2}-\d{1,2}\b/giu,
  /\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b/giu,
  new RegExp(String.raw`\b(?:${months})\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?\b`, 'giu'),
  new RegExp(String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:${months})\b\.?(?:,?\s+\d{4})?`, 'giu'),
  /\b[QH][1-4]\s*(?:FY\s*)?(?:'|’)?(?:\d{4}|\d{2})?\b/giu,
  /\bFY\s*(?:'|’)?\d{2,4}\b/giu,
  /\bv(?:er(?:sion)?)?\.?\s*\d+(?:\.\d+)*\b/giu,
  /\b\d+\.\d+\.\d+\b/giu,
  // A year, unless a unit or a noun follows it ("2000 ms", "2000 rows" are amounts).
  /\b(?:19|20)\d{2}\b(?!\s*(?:%|\p{L}))/giu,
];

const comparisonWords = [
  'under',
  'within',
  'at most',
  'at least',
  'no more than',
  'no less than',
  'fewer than',
  'more than',
  'less than',
  'below',
  'above',
  'up to',
];
const timeUnits = '(?:ms|msecs?|milliseconds?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?|months?)';

/** The ways to state a threshold, each against a number (after `notThresholds` are taken out). */
const thresholdPatterns: readonly RegExp[] = [
  // A comparison word or sign: "under 2 s", "at least 18", "≤ 5%", "< 200 ms", "$500 or less".
  new RegExp(
    String.raw`(?<![\p{L}\p{N}])(?:${comparisonWords.map((w) => w.replace(' ', String.raw`\s+`)).join('|')})\s+(?:[$€£¥]\s*)?${num}`,
    'iu',
  ),
  new RegExp(String.raw`(?:[≤≥<>]|<=|>=)\s*(?:[$€£¥]\s*)?${num}`, 'iu'),
  new RegExp(String.raw`${num}\s*[\p{L}%/ ]{0,24}?\s+or\s+(?:less|fewer|more|lower|higher|better)\b`, 'iu'),
  // A ratio: "9 of 10", "18 out of 20", "all 25", "20/20", "95%", "95 percent".
  /\b\d+\s+(?:out\s+)?of\s+(?:the\s+)?\d+\b/iu,
  /\ball\s+(?:the\s+|of\s+the\s+)?\d+\b/iu,
  /\b\d+\s*\/\s*\d+\b/iu,
  /\d+(?:[.,]\d+)?\s*(?:%|percent\b)/iu,
  // A percentile: "p95", "p99.9", "95th percentile".
  /\bp\d{1,3}(?:\.\d+)?\b/iu,
  /\b\d{1,3}(?:st|nd|rd|th)\s+percentile\b/iu,
  // "in N <unit of time>": "in 15 minutes", "in 1 business day".
  new RegExp(String.raw`\bin\s+${num}\s*(?:business\s+|working\s+|calendar\s+)?${timeUnits}\b`, 'iu'),
];

/** `text` with its dates, quarters, years and version numbers blanked out. */
function withoutNonThresholds(text: string): string {
  return notThresholds.reduce((t, re) => t.replace(re, ' '), text);
}

/** Whether `text` compares against a number someone can check. */
export function measurable(text: string): boolean {
  const t = withoutNonThresholds(text);
  return thresholdPatterns.some((re) => re.test(t));
}

const examples = '“under 2 seconds at p95”, “18 of 20 users”, “at least 95%” or “in 1 business day”';

/**
 * Why a criterion is not measurable, or undefined when it is. The threshold may carry the
 * comparison the statement lacks ("Dashboards load quickly" + "under 2 s p95" is fine).
 */
export function criterionProblem(statement: string, threshold = ''): string | undefined {
  const s = statement.trim();
  if (s === '') return 'Write the criterion as a pass/fail statement.';
  const whole = `${s} ${threshold}`;
  if (measurable(whole)) return undefined;
  const why: string[] = [];
  const vague = vagueWordsIn(whole);
  if (vague.length > 0) why.push(`${vague.map((w) => `“${w}”`).join(', ')} cannot be measured on its own`);
  const dated = firstNonThreshold(whole);
  if (dated) why.push(`“${dated}” is a year, quarter, date or version number, not a threshold`);
  else if (hasNumber(whole))
    why.push('a number on its own (a count of users, or of the people who will judge) is not a threshold');
  if (why.length === 0)
    return `Put a number in it to compare against, so pass or fail is not a matter of opinion: e.g. ${examples}.`;
  const text = why.join('; ');
  return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}. Compare against a number, e.g. ${examples}.`;
}

/** The first date, quarter, year or version number in `text`, as written. */
function firstNonThreshold(text: string): string | undefined {
  let first: { at: number; text: string } | undefined;
  for (const re of notThresholds) {
    re.lastIndex = 0;
    const m = re.exec(text);
    re.lastIndex = 0;
    if (m && (!first || m.index < first.at)) first = { at: m.index, text: m[0].trim() };
  }
  return first?.text;
}
