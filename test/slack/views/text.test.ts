import { describe, expect, it } from 'vitest';
import { excerpt, splitText } from '../../../src/slack/views/long-message.js';
import { clip, escapeText } from '../../../src/slack/views/text.js';

const loneHalf = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('clip', () => {
  it('leaves text within the limit alone and cuts longer text to the limit, ending in …', () => {
    expect(clip('abc', 3)).toBe('abc');
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('x'.repeat(10_000), 3000)).toHaveLength(3000);
  });

  it('never ends between the two halves of an emoji, wherever the limit falls', () => {
    const text = 'ok 😀👍🏽🇯🇵 '.repeat(50);
    for (let max = 1; max < 120; max++) {
      const cut = clip(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut).not.toMatch(loneHalf);
    }
  });
});

describe('splitText and excerpt', () => {
  it('split a long line of emoji between characters, losing nothing, and cut an excerpt the same way', () => {
    const line = '😀👍🏽🇯🇵x'.repeat(40);
    for (let max = 2; max < 30; max++) {
      const pieces = splitText(line, max);
      expect(pieces.join('')).toBe(line);
      for (const piece of pieces) {
        expect(piece.length).toBeLessThanOrEqual(max);
        expect(piece).not.toMatch(loneHalf);
      }
      expect(excerpt(line, max)).not.toMatch(loneHalf);
    }
  });
});

describe('escapeText', () => {
  it("escapes mrkdwn's three control characters and nothing else", () => {
    expect(escapeText('a < b && c > d *bold* <@U1>')).toBe('a &lt; b &amp;&amp; c &gt; d *bold* &lt;@U1&gt;');
  });
});
