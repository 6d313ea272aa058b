// Bounded property tests of the /poc text parser: whatever a user types, parsing never throws
// and the pieces put back together give what was typed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../../../src/slack/listeners/commands/parse.js';

// Every character String.prototype.trim and \s treat as white space, so the edges get tested.
const spaceChars = [
  ' ',
  '\t',
  '\n',
  '\r',
  '\v',
  '\f',
  '\u00a0',
  '\u1680',
  '\u2003',
  '\u2028',
  '\u202f',
  '\u3000',
  '\ufeff',
];
const space = fc.constantFrom(...spaceChars);
const spaces = fc.array(space, { minLength: 1, maxLength: 4 }).map((a) => a.join(''));
const optionalSpaces = fc.array(space, { maxLength: 4 }).map((a) => a.join(''));
// Words from every plane: emoji, right-to-left scripts, combining marks, capitals that change length when lower-cased.
const wordChar = fc
  .oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    fc.constantFrom('İ', 'Σ', 'ẞ', 'ǅ', 'ש', 'ب', '👩🏽‍💻', '🇯🇵', 'é', '\u0301', '`', '*', '<@U0SE>'),
  )
  .filter((c) => !/\s/.test(c));
const word = fc.array(wordChar, { minLength: 1, maxLength: 12 }).map((a) => a.join(''));
const anyText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
);

const runs = { numRuns: 400 };

describe('parseCommandText (fuzzed)', () => {
  it('never throws, and the name is one lower-case word without white space', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const parsed = parseCommandText(text);
        expect(parsed.name.length).toBeGreaterThan(0);
        expect(parsed.name).not.toMatch(/\s/);
        expect(parsed.name).toBe(parsed.name.toLowerCase());
        expect(parsed.rest).toBe(parsed.rest.trim());
        expect(parsed.args.every((a) => a.length > 0 && !/\s/.test(a))).toBe(true);
      }),
      runs,
    );
  });

  it('round-trips: name is the first word lower-cased, rest is the text after it, args are its words', () => {
    fc.assert(
      fc.property(
        optionalSpaces,
        word,
        spaces,
        fc.array(word, { maxLength: 6 }),
        spaces,
        optionalSpaces,
        (lead, first, gap, words, sep, trail) => {
          const after = words.join(sep);
          const parsed = parseCommandText(`${lead}${first}${words.length > 0 ? gap : ''}${after}${trail}`);
          expect(parsed.name).toBe(first.toLowerCase());
          expect(parsed.rest).toBe(after);
          expect(parsed.args).toEqual(words);
        },
      ),
      runs,
    );
  });

  it('keeps the text after the first word exactly as typed inside (inner spacing and case preserved)', () => {
    fc.assert(
      fc.property(word, spaces, anyText, (first, gap, tail) => {
        const parsed = parseCommandText(`${first}${gap}${tail}`);
        expect(parsed.rest).toBe(tail.trim());
      }),
      runs,
    );
  });

  it('reads blank text as help', () => {
    fc.assert(
      fc.property(optionalSpaces, (blank) => {
        expect(parseCommandText(blank)).toEqual({ name: 'help', args: [], rest: '' });
      }),
      { numRuns: 100 },
    );
  });
});
