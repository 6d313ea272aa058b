import { describe, expect, it } from 'vitest';
import { validateDraft } from '../../src/domain/poc-draft.js';
import { validInput } from '../helpers/poc-draft-input.js';

const errorsOf = (r: ReturnType<typeof validateDraft>) => (r.ok ? {} : r.errors);

describe('validateDraft', () => {
  it('accepts a complete document and types it', () => {
    const r = validateDraft(validInput());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.draft.metricBaseline).toBe(5);
    expect(r.draft.checkpointWeekday).toBe(5);
    expect(r.draft.championId).toBeNull();
    expect(r.draft.criteria).toHaveLength(2);
    expect(r.warnings).toEqual([]);
  });

  it('reads the days off as dates, each once, in order; refuses what is not a date and more than the form takes', () => {
    const ok = validateDraft(validInput({ daysOff: ' 2026-12-03;2026-12-01, 2026-12-03\n2026-11-30 ' }));
    expect(ok.ok && ok.draft.daysOff).toEqual(['2026-11-30', '2026-12-01', '2026-12-03']);
    const none = validateDraft(validInput({ daysOff: '' }));
    expect(none.ok && none.draft.daysOff).toEqual([]);
    const bad = validateDraft(validInput({ daysOff: '2026-12-01, 2026-02-30' }));
    expect(!bad.ok && bad.errors.daysOff).toContain('“2026-02-30” is not a date');
    const many = Array.from(
      { length: 61 },
      (_, i) => `2027-${String(Math.floor(i / 28) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    ).join(', ');
    const tooMany = validateDraft(validInput({ daysOff: many }));
    expect(!tooMany.ok && tooMany.errors.daysOff).toContain('At most 60 days off here');
  });

  it('refuses an end date before the start date', () => {
    expect(
      errorsOf(
        validateDraft(validInput({ startDate: '2026-12-11', endDate: '2026-12-01', readoutDate: '2026-12-14' })),
      ),
    ).toEqual({
      endDate: 'The end date is before the start date.',
    });
  });

  it('refuses a readout before the end date', () => {
    expect(errorsOf(validateDraft(validInput({ readoutDate: '2026-12-10' })))).toHaveProperty('readoutDate');
  });

  it('allows a readout on the end date', () => {
    expect(validateDraft(validInput({ readoutDate: '2026-12-11' })).ok).toBe(true);
  });

  it('refuses more than 8 weeks without the override, and allows it with the override (with a warning)', () => {
    const long = { startDate: '2026-11-30', endDate: '2027-02-01', readoutDate: '2027-02-02' }; // 63 days
    expect(errorsOf(validateDraft(validInput(long))).endDate).toMatch(/8 weeks/);
    const r = validateDraft(validInput({ ...long, longOverride: true }));
    expect(r.ok).toBe(true);
    expect(r.warnings.join(' ')).toMatch(/over 6 weeks/);
  });

  it('allows exactly 8 weeks, with the over-6-weeks warning', () => {
    const r = validateDraft(validInput({ startDate: '2026-11-30', endDate: '2027-01-25', readoutDate: '2027-01-26' }));
    expect(r.ok).toBe(true);
    expect(r.warnings).toHaveLength(1);
  });

  it('does not warn at exactly 6 weeks', () => {
    const r = validateDraft(validInput({ startDate: '2026-11-30', endDate: '2027-01-11', readoutDate: '2027-01-11' }));
    expect(r.ok && r.warnings).toEqual([]);
  });

  it('refuses zero criteria', () => {
    expect(errorsOf(validateDraft(validInput({ criteria: [] })))).toEqual({
      criteria: 'Add at least one success criterion.',
    });
  });

  it('puts a vague criterion error on that criterion', () => {
    const criteria = [
      { statement: 'Ingest 10M rows in 15 minutes', threshold: '', category: 'performance' },
      { statement: 'Reports are fast and intuitive', threshold: '', category: 'user_experience' },
    ];
    const errors = errorsOf(validateDraft(validInput({ criteria })));
    expect(Object.keys(errors)).toEqual(['criteria.1.statement']);
    expect(errors['criteria.1.statement']).toContain('“fast”');
  });

  it('requires a category on each criterion', () => {
    const criteria = [{ statement: 'Ingest 10M rows in 15 minutes', threshold: '', category: undefined }];
    expect(errorsOf(validateDraft(validInput({ criteria })))).toHaveProperty(['criteria.0.category']);
  });

  it('warns, without blocking, over 5 criteria', () => {
    const criteria = Array.from({ length: 6 }, (_, i) => ({
      statement: `Check ${i + 1} passes 5 of 5 runs`,
      threshold: '',
      category: 'functional',
    }));
    const r = validateDraft(validInput({ criteria }));
    expect(r.ok).toBe(true);
    expect(r.warnings.join(' ')).toMatch(/6 criteria/);
  });

  it('requires a business metric for a PoV, not for a POC', () => {
    const noMetric = { metricName: '', metricBaseline: '', metricTarget: '', metricUnit: '' };
    const errors = errorsOf(validateDraft(validInput({ kind: 'pov', ...noMetric })));
    expect(errors.metricName).toMatch(/PoV/);
    expect(errors).toHaveProperty('metricBaseline');
    expect(errors).toHaveProperty('metricTarget');
    const poc = validateDraft(validInput({ kind: 'poc', ...noMetric }));
    expect(poc.ok).toBe(true);
    if (poc.ok) expect(poc.draft.metricName).toBeNull();
  });

  it('refuses a non-numeric baseline', () => {
    expect(errorsOf(validateDraft(validInput({ metricBaseline: 'five' })))).toHaveProperty('metricBaseline');
  });

  it('refuses an unknown time zone and a malformed standup time', () => {
    const errors = errorsOf(validateDraft(validInput({ timeZone: 'Mars/Olympus', standupTime: '9:30am' })));
    expect(errors.timeZone).toMatch(/IANA/);
    expect(errors.standupTime).toMatch(/09:30/);
  });

  it('refuses an impossible date', () => {
    expect(errorsOf(validateDraft(validInput({ startDate: '2026-02-30' })))).toHaveProperty('startDate');
  });

  it('requires the evaluator, AE, SE, name, hypothesis and next step', () => {
    const errors = errorsOf(
      validateDraft(
        validInput({ evaluatorId: undefined, aeId: undefined, seId: '', name: ' ', hypothesis: '', nextStep: '' }),
      ),
    );
    expect(Object.keys(errors).sort()).toEqual(['aeId', 'evaluatorId', 'hypothesis', 'name', 'nextStep', 'seId']);
  });

  it('reports every independent error at once', () => {
    const errors = errorsOf(
      validateDraft(validInput({ readoutDate: '2026-12-01', timeZone: 'nowhere', criteria: [] })),
    );
    expect(Object.keys(errors).sort()).toEqual(['criteria', 'readoutDate', 'timeZone']);
  });

  it('refuses the SE or the AE as the lead evaluator, inline on that field', () => {
    const asSe = errorsOf(validateDraft(validInput({ evaluatorId: 'U0SE' })));
    expect(Object.keys(asSe)).toEqual(['evaluatorId']);
    expect(asSe.evaluatorId).toContain('the sales engineer');
    expect(errorsOf(validateDraft(validInput({ evaluatorId: 'U0AE' }))).evaluatorId).toContain('the account executive');
  });

  it('refuses the SE or the AE among the other evaluators, inline on that field', () => {
    const errors = errorsOf(validateDraft(validInput({ evaluatorIds: ['W0SAM', 'U0AE'] })));
    expect(Object.keys(errors)).toEqual(['evaluatorIds']);
    expect(errors.evaluatorIds).toContain('the account executive');
  });

  it('keeps the other evaluators each once, without the lead', () => {
    const r = validateDraft(validInput({ evaluatorIds: ['W0SAM', 'W0EVAL', 'W0SAM', ' W0KIM '] }));
    expect(r.ok && r.draft.evaluatorIds).toEqual(['W0SAM', 'W0KIM']);
  });
});
