import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { criterionProblem, hasNumber, measurable, vagueTerms, vagueWordsIn } from '../../src/domain/criteria-rules.js';
import { acmePov } from '../../demo/cast.js';

describe('vague words', () => {
  it('finds each vague term of the list, as a whole word, case-insensitively', () => {
    expect(vagueWordsIn('The UI is Intuitive and FAST, and it works well')).toEqual([
      'intuitive',
      'fast',
      'works well',
    ]);
    expect(vagueWordsIn('Onboarding is user-friendly and seamless')).toEqual(['user-friendly', 'seamless']);
    for (const term of vagueTerms) expect(vagueWordsIn(`It is ${term}.`)).toContain(term);
  });

  it('does not match inside other words', () => {
    expect(vagueWordsIn('Breakfast report for goodwill accounts')).toEqual([]);
    expect(vagueWordsIn('Simplex solver and robustness tests')).toEqual([]);
  });
});

describe('a criterion must compare against a number', () => {
  it.each([
    ['a comparison word', 'Dashboards load in under 2 seconds'],
    ['within', 'Incidents are answered within 15 minutes'],
    ['at most', 'At most 3 failed logins per 1,000'],
    ['at least', 'At least 18 pilot users finish onboarding'],
    ['no more than', 'No more than 2 manual steps per report'],
    ['fewer than', 'Fewer than 5 support tickets per week'],
    ['more than', 'More than 200 reports built'],
    ['≤', 'Error rate ≤ 0.1%'],
    ['≥', 'Throughput ≥ 5000 events/s'],
    ['<', 'Latency < 200 ms'],
    ['>', 'Uptime > 99.9'],
    ['a ratio', 'SSO works for 9 of 10 pilot users'],
    ['all N', 'Okta signs in all 25 pilot users'],
    ['N/N', 'Scenarios pass 20/20'],
    ['a percentage', '95% of queries answered from cache'],
    ['a percentile', 'Search answers at p95 in 300 ms'],
    ['in N <unit of time>', 'The close pack is built in 1 business day'],
  ])('accepts %s: “%s”', (_, statement) => {
    expect(criterionProblem(statement)).toBeUndefined();
  });

  it('refuses a year, a quarter, a date or a version number as the only number, saying why with an example', () => {
    const q = criterionProblem('Dashboards are fast in Q4 2027');
    expect(q).toContain('“fast”');
    expect(q).toContain('“Q4 2027” is a year, quarter, date or version number, not a threshold');
    expect(q).toContain('e.g. “under 2 seconds at p95”');
    expect(criterionProblem('Works with v2')).toContain('“v2” is a year, quarter, date or version number');
    expect(criterionProblem('Integration live by 2027-03-01')).toContain('“2027-03-01”');
    expect(criterionProblem('Migration done by March 3, 2027')).toContain('“March 3, 2027”');
    expect(criterionProblem('Ready for the FY2027 budget')).toContain('“FY2027”');
  });

  it('refuses a count of the people who will judge', () => {
    const problem = criterionProblem('Intuitive for our 3 DevOps engineers');
    expect(problem).toContain('“intuitive”');
    expect(problem).toContain(
      'a number on its own (a count of users, or of the people who will judge) is not a threshold',
    );
    expect(criterionProblem('Reviewed by our 3 DevOps engineers')).toMatch(/^A number on its own/);
  });

  it('takes amounts that look like years as amounts when a unit follows', () => {
    expect(measurable('Handles at least 2000 rows per second')).toBe(true);
    expect(measurable('Responds in under 2026 ms')).toBe(true);
  });

  it('accepts every criterion of the demo and of the README', () => {
    for (const c of acmePov.criteria) expect(criterionProblem(c.statement, c.threshold), c.statement).toBeUndefined();
    // The README's examples: the accepted ones (a bulleted list) and the refused ones.
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const accepted = [...readme.matchAll(/^ {2}- “([^”]+)”$/gm)].map((m) => m[1] ?? '');
    expect(accepted.length).toBeGreaterThanOrEqual(3);
    for (const statement of accepted) expect(criterionProblem(statement), statement).toBeUndefined();
    const refused = /Refused, with the reason[^:]*: ([^\n]+(?:\n[^\n]+)?)/.exec(readme)?.[1] ?? '';
    const examples = [...refused.replace(/\s+/g, ' ').matchAll(/“([^”]+)”/g)].map((m) => m[1] ?? '');
    expect(examples).toEqual([
      'Dashboards are fast in Q4 2027',
      'Works with v2',
      'Intuitive for our 3 DevOps engineers',
    ]);
    for (const statement of examples) expect(criterionProblem(statement), statement).toBeDefined();
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
