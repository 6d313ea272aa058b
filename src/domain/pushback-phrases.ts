// Vague pushback: phrases an evaluator uses when the POC is slipping down their list. One list,
// kept here and tested; matched case-insensitively on word boundaries ("revisit", not "revisited"
// inside another word; "next week" with any spacing).

export const pushbackPhrases: readonly string[] = [
  'stretched',
  'stretched thin',
  'after the quarter',
  'next quarter',
  'next week',
  'circle back',
  'swamped',
  'slammed',
  'revisit',
  'bandwidth',
  'low priority',
  'lower priority',
  'deprioritized',
  'deprioritised',
  'hold off',
  'on hold',
  'not a priority right now',
  'not a priority',
  'too busy',
  'crazy busy',
  'put a pin in',
  'push this out',
  'other priorities',
  'competing priorities',
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Longest first, so "not a priority right now" is reported rather than its prefix "not a priority".
const patterns = [...pushbackPhrases]
  .sort((a, b) => b.length - a.length)
  .map((phrase) => ({
    phrase,
    re: new RegExp(`(?<![\\p{L}\\p{N}])${phrase.split(/\s+/).map(escapeRegExp).join('\\s+')}(?![\\p{L}\\p{N}])`, 'iu'),
  }));

/** The pushback phrases in `text`, longest match first; phrases contained in a longer match are left out. */
export function findPushback(text: string): string[] {
  const found: string[] = [];
  for (const { phrase, re } of patterns) {
    if (!re.test(text)) continue;
    if (found.some((longer) => longer.includes(phrase))) continue;
    found.push(phrase);
  }
  return found;
}
