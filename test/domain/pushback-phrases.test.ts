import { describe, expect, it } from 'vitest';
import { findPushback, pushbackPhrases } from '../../src/domain/pushback-phrases.js';

describe('findPushback', () => {
  it('finds each listed phrase, case-insensitively', () => {
    for (const phrase of pushbackPhrases) {
      expect(findPushback(`Honestly, ${phrase.toUpperCase()} at the moment.`)).toContain(phrase);
    }
  });

  it('matches the phrases named in the issue', () => {
    expect(findPushback("We're a bit stretched, let's circle back after the quarter")).toEqual(
      expect.arrayContaining(['stretched', 'circle back', 'after the quarter']),
    );
    expect(findPushback('Totally swamped, can we revisit next   week?')).toEqual(
      expect.arrayContaining(['swamped', 'revisit', 'next week']),
    );
  });

  it('matches on word boundaries only', () => {
    expect(findPushback('We revisited the numbers')).toEqual([]);
    expect(findPushback('The nextweek build')).toEqual([]);
    expect(findPushback('Our bandwidthmeter is fine')).toEqual([]);
    expect(findPushback('Ingested 10M rows in 11 minutes')).toEqual([]);
  });

  it('reports the longest phrase, not also its prefix', () => {
    expect(findPushback('This is not a priority right now.')).toEqual(['not a priority right now']);
  });

  it('sees through Slack formatting around a phrase', () => {
    expect(findPushback('_next week_ works better')).toEqual(['next week']);
  });
});
