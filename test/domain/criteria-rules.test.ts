import { describe, expect, it } from 'vitest';
import { criterionProblem, hasNumber, vagueTerms, vagueWordsIn } from '../../src/domain/criteria-rules.js';

describe('vague words', () => {
  it('finds each vague term of the list, as a whole word, case-insensitively', () => {
    expect(vagueWordsIn('The UI is Intuitive and FAST, and it works well')).toEqual(['intuitive', 'fast', 'works well']);
    expect(vagueWordsIn('Onboarding is user-friendly and seamless')).toEqual(['user-friendly', 'seamless']);
    for (const term of vagueTerms) expect(vagueWordsIn(`It is ${term}.`)).toContain(term);
  });

  it('does not match inside other words', () => {
    expect(vagueWordsIn('Breakfast report for goodwill accounts')).toEqual([]);
    expect(vagueWordsIn('Simplex solver and robustness tests')).toEqual([]);
  });
});

describe('a criterion must carry a number', () => {
  it('accepts a statement with a number', () => {
    expect(criterionProblem('Dashboards load in under 2 seconds at p95')).toBeUndefined();
    expect(criterionProblem('SSO works for 100% of pilot users')).toBeUndefined();
  });

  it('accepts vague words when a number makes them measurable, in the statement or the threshold', () => {
    expect(criterionProblem('Dashboards are fast', 'under 2 s at p95')).toBeUndefined();
    expect(criterionProblem('Fast: ingest 10M rows in 15 minutes')).toBeUndefined();
  });

  it('refuses vague words with no number, naming them', () => {
    const problem = criterionProblem('The dashboards are fast and easy to use');
    expect(problem).toContain('“fast”');
    expect(problem).toContain('“easy”');
    expect(criterionProblem('Integration works well', '')).toContain('“works well”');
  });

  it('refuses a statement with no number even without vague words', () => {
    expect(criterionProblem('SSO through Okta is configured')).toMatch(/number/);
  });

  it('refuses an empty statement', () => {
    expect(criterionProblem('   ', '5 s')).toMatch(/pass\/fail statement/);
  });

  it('counts any digit as a number', () => {
    expect(hasNumber('p95')).toBe(true);
    expect(hasNumber('ten users')).toBe(false);
  });
});
