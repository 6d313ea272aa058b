// Bounded property tests of the POC modal's submission path, as the view listener runs it:
// state values → readModalValues → withoutBlankRows → validateDraft → errorsByBlock. Whatever
// Slack (or a forger) sends, it never throws, and the answer is either a valid draft or errors
// placed under blocks the modal really has.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLocalDate, daysBetween } from '../../../src/domain/calendar.js';
import { criterionProblem } from '../../../src/domain/criteria-rules.js';
import { maxCriteria, type PocDraftInput, textLimits, validateDraft } from '../../../src/domain/poc-draft.js';
import { categories } from '../../../src/domain/poc.js';
import { criterionRowBlocks, pocModal } from '../../../src/slack/ids.js';
import type { ModalRow } from '../../../src/slack/views/poc-modal.js';
import {
  decodeMeta,
  errorsByBlock,
  readModalValues,
  type StateValues,
  withoutBlankRows,
} from '../../../src/slack/views/poc-modal-state.js';
import { validInput } from '../../helpers/poc-draft-input.js';
import { modalState } from '../../../testkit/poc-modal-state.js';

const runs = { numRuns: 300 };

// Values that are sometimes right and often wrong, so both answers get exercised.
const text = fc.oneof(
  fc.constantFrom(
    '',
    '   ',
    'Ingest 10 million rows in under 15 minutes',
    'works well',
    'fast and easy',
    '20 of 20 users',
    '👩🏽‍💻 ✅ 10 ms',
    'اختبار 5 ثوان',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 290, maxLength: 320 }),
);
const date = fc.oneof(
  fc.constantFrom('2026-11-30', '2026-12-11', '2026-12-14', '2027-03-01', '2026-02-30', 'tomorrow', ''),
  fc.string({ maxLength: 12 }),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const criterion = fc.record({
  statement: text,
  threshold: text,
  category: maybe(fc.oneof(fc.constantFrom(...categories), fc.string({ maxLength: 8 }))),
});
const someOverrides: fc.Arbitrary<Partial<PocDraftInput>> = fc.record(
  {
    kind: maybe(fc.constantFrom('poc', 'pov', 'trial')),
    name: text,
    hypothesis: text,
    metricName: text,
    metricBaseline: fc.oneof(fc.constantFrom('5', '1,000', '-2.5', 'NaN', 'five', ''), fc.string({ maxLength: 6 })),
    metricTarget: fc.oneof(fc.constantFrom('1', '1e3', 'Infinity', ''), fc.string({ maxLength: 6 })),
    criteria: fc.array(criterion, { minLength: 0, maxLength: maxCriteria }),
    startDate: maybe(date),
    endDate: maybe(date),
    readoutDate: maybe(date),
    checkpointWeekday: maybe(fc.constantFrom('1', '5', '6', '0', 'fri')),
    standupTime: maybe(fc.constantFrom('09:30', '23:59', '24:00', '9:30', 'noon')),
    timeZone: fc.constantFrom('America/New_York', 'Europe/Berlin', 'Mars/Olympus', '', 'UTC'),
    longOverride: fc.boolean(),
    evaluatorId: maybe(fc.constantFrom('W0EVAL', ' ', '')),
    aeId: maybe(fc.constantFrom('U0AE', '')),
    nextStep: text,
  },
  { requiredKeys: [] },
);
// A quarter of the cases change only one field or none, so valid drafts come up too.
const oneOverride: fc.Arbitrary<Partial<PocDraftInput>> = someOverrides.map((o) => {
  const first = Object.entries(o)[0];
  return first ? ({ [first[0]]: first[1] } as Partial<PocDraftInput>) : {};
});
const overrides = fc.oneof(
  { arbitrary: someOverrides, weight: 3 },
  { arbitrary: oneOverride, weight: 1 },
  { arbitrary: fc.constant({}), weight: 1 },
);
const rowsArb: fc.Arbitrary<ModalRow[]> = fc
  .uniqueArray(fc.integer({ min: 1, max: maxCriteria }), { minLength: 1, maxLength: maxCriteria })
  .map((slots) => slots.map((slot) => ({ slot, criterionId: null })));
// What a forger or a future Slack could put in state.values: wrong types, unknown blocks.
const junkState = fc.dictionary(
  fc.oneof(
    fc.constantFrom(...Object.values(pocModal.blocks), 'poc_criterion_1_statement', 'poc_criterion_99_statement'),
    fc.string({ maxLength: 10 }),
  ),
  fc.oneof(
    fc.constant(null),
    fc.dictionary(fc.oneof(fc.constant(pocModal.input), fc.string({ maxLength: 5 })), fc.anything({ maxDepth: 2 })),
  ),
  { maxKeys: 4 },
);

function knownBlocks(rows: ModalRow[]): Set<string> {
  const ids = new Set<string>(Object.values(pocModal.blocks));
  for (const row of rows) {
    const b = criterionRowBlocks(row.slot);
    ids.add(b.statement).add(b.threshold).add(b.category);
  }
  return ids;
}

/** The view listener's path from state values to an answer, minus the store and Slack. */
function submit(values: StateValues, allRows: ModalRow[]) {
  const all = readModalValues(values, allRows);
  const { input, rows } = withoutBlankRows(all, allRows);
  const result = validateDraft(input);
  return { input, rows, result, byBlock: result.ok ? {} : errorsByBlock(result.errors, rows, allRows) };
}

describe('the POC modal submission (fuzzed)', () => {
  it('never throws, and answers with a valid draft or with errors under blocks the modal has', () => {
    let valid = 0;
    let invalid = 0;
    fc.assert(
      fc.property(overrides, rowsArb, junkState, fc.boolean(), (patch, rows, junk, corrupt) => {
        const input = validInput(patch);
        const values = modalState(input, rows);
        const state = corrupt ? { ...values, ...junk } : values;
        const { result, byBlock, rows: kept } = submit(state as StateValues, rows);
        if (result.ok) {
          valid++;
          const d = result.draft;
          expect(d.criteria.length).toBeGreaterThanOrEqual(1);
          expect(d.criteria.length).toBeLessThanOrEqual(kept.length);
          for (const c of d.criteria) {
            expect(criterionProblem(c.statement, c.threshold)).toBeUndefined();
            expect(c.statement.length).toBeLessThanOrEqual(textLimits.statement);
            expect(categories).toContain(c.category);
          }
          expect(d.name.trim()).not.toBe('');
          expect(d.name.length).toBeLessThanOrEqual(textLimits.name);
          for (const day of [d.startDate, d.endDate, d.readoutDate]) expect(isLocalDate(day)).toBe(true);
          expect(daysBetween(d.startDate, d.endDate)).toBeGreaterThanOrEqual(0);
          expect(daysBetween(d.endDate, d.readoutDate)).toBeGreaterThanOrEqual(0);
          if (d.kind === 'pov') expect(d.metricName).not.toBeNull();
        } else {
          invalid++;
          expect(Object.keys(result.errors).length).toBeGreaterThan(0);
          const known = knownBlocks(rows);
          for (const [block, message] of Object.entries(byBlock)) {
            expect(known, `unknown block ${block}`).toContain(block);
            expect(message.length).toBeGreaterThan(0);
          }
          // Slack shows nothing for an empty errors object: the user must see at least one.
          expect(Object.keys(byBlock).length).toBeGreaterThan(0);
        }
      }),
      runs,
    );
    // Both answers really happened, so neither branch above is vacuous.
    expect(valid).toBeGreaterThan(0);
    expect(invalid).toBeGreaterThan(0);
  });

  it('a clean valid submission survives any junk added under unknown block ids', () => {
    fc.assert(
      fc.property(junkState, (junk) => {
        const rows = [
          { slot: 1, criterionId: null },
          { slot: 2, criterionId: null },
        ];
        const values = modalState(validInput(), rows);
        const unknownOnly = Object.fromEntries(
          Object.entries(junk).filter(([k]) => !(k in values) && !k.startsWith('poc_criterion_')),
        );
        expect(submit({ ...values, ...unknownOnly } as StateValues, rows).result.ok).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('decodes any private_metadata without throwing (a forged or stale one is simply refused)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.json({ maxDepth: 3 }), fc.constant(undefined)), (raw) => {
        const meta = decodeMeta(raw);
        if (meta) {
          expect(['new', 'edit']).toContain(meta.mode);
          expect(meta.rows.every((r) => r.slot >= 1 && r.slot <= maxCriteria)).toBe(true);
        }
      }),
      runs,
    );
  });
});
