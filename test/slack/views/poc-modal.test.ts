import { describe, expect, it } from 'vitest';
import { maxCriteria, textLimits } from '../../../src/domain/poc-draft.js';
import type { Criterion, Poc } from '../../../src/domain/poc.js';
import { criteriaDocument, criterionMessage } from '../../../src/slack/views/criteria-document.js';
import { buildPocModal, type ModalRow } from '../../../src/slack/views/poc-modal.js';
import {
  addRow,
  decodeMeta,
  errorsByBlock,
  readModalValues,
  removeRow,
} from '../../../src/slack/views/poc-modal-state.js';
import { blockKitViolations, viewViolations } from '../../../testkit/block-kit-rules.js';
import { pocRow } from '../../../testkit/fixtures.js';
import { validInput } from '../../helpers/poc-draft-input.js';

const rowsOf = (n: number): ModalRow[] => Array.from({ length: n }, (_, i) => ({ slot: i + 1, criterionId: null }));
const long = (n: number) => `${'x'.repeat(n - 3)} 42`;

describe('the POC modal', () => {
  it('stays within Slack’s modal limits at the criteria cap, and offers no more rows there', () => {
    const input = validInput({
      criteria: rowsOf(maxCriteria).map(() => ({
        statement: long(textLimits.statement),
        threshold: long(textLimits.threshold),
        category: 'functional',
      })),
      outOfScope: long(textLimits.outOfScope),
    });
    const view = buildPocModal(
      { mode: 'new', channelId: 'C1', pocId: null, rows: rowsOf(maxCriteria) },
      {
        ...input,
        evaluatorIds: ['W1', 'W2', 'W3'],
        vendorCountry: 'US',
        customerCountry: 'DE',
        regions: 'US-NY, DE-BY',
      },
    ) as unknown as Record<string, unknown>;
    expect(viewViolations(view)).toEqual([]);
    // 96 of Slack's 100 with the most criteria (the new-POC form is the larger: it has the days
    // off): the other evaluators take one block, each side's country and the regions three.
    expect((view.blocks as unknown[]).length).toBe(96);
    expect(JSON.stringify(view)).not.toContain('poc_modal_add_criterion');
    expect(addRow(rowsOf(maxCriteria))).toHaveLength(maxCriteria);
  });

  it('round-trips typed values through the state Slack sends back', () => {
    const input = validInput({ evaluatorIds: ['W0SAM', 'W0KIM'] });
    const rows: ModalRow[] = [
      { slot: 3, criterionId: 11 },
      { slot: 1, criterionId: null },
    ];
    const view = buildPocModal({ mode: 'edit', channelId: 'C1', pocId: 9, rows }, input);
    // What Slack would send for untouched inputs: the initial values.
    const values: Record<string, Record<string, unknown>> = {};
    // biome-ignore lint/suspicious/noExplicitAny: this walks raw Block Kit JSON of eight element shapes; typing each would only restate them.
    for (const b of view.blocks as Array<Record<string, any>>) {
      if (b.type !== 'input') continue;
      const e = b.element;
      const state =
        e.type === 'plain_text_input' || e.type === 'number_input'
          ? { value: e.initial_value ?? null }
          : e.type === 'static_select' || e.type === 'radio_buttons'
            ? { selected_option: e.initial_option ?? null }
            : e.type === 'datepicker'
              ? { selected_date: e.initial_date }
              : e.type === 'timepicker'
                ? { selected_time: e.initial_time }
                : e.type === 'users_select'
                  ? { selected_user: e.initial_user ?? null }
                  : e.type === 'multi_users_select'
                    ? { selected_users: e.initial_users ?? [] }
                    : e.type === 'conversations_select'
                      ? { selected_conversation: e.initial_conversation ?? null }
                      : { selected_options: e.initial_options ?? [] };
      values[b.block_id] = { [e.action_id]: { type: e.type, ...state } };
    }
    const meta = decodeMeta(view.private_metadata);
    expect(meta).toEqual({ mode: 'edit', channelId: 'C1', pocId: 9, rows });
    expect(readModalValues(values, rows)).toEqual(input);
  });

  it('after sign-off shows the end and readout dates without inputs, pointing to /poc extend, and submits them as they were', () => {
    const locked = { endDate: '2026-12-11', readoutDate: '2026-12-14' };
    const rows: ModalRow[] = [{ slot: 1, criterionId: 11 }];
    const view = buildPocModal({ mode: 'edit', channelId: 'C1', pocId: 9, rows, lockedDates: locked }, validInput());
    const blocks = view.blocks as Array<{ block_id?: string; text?: { text: string } }>;
    expect(blocks.map((b) => b.block_id)).not.toContain('poc_end_date');
    expect(blocks.map((b) => b.block_id)).not.toContain('poc_readout_date');
    expect(blocks.find((b) => b.block_id === 'poc_dates_locked')?.text?.text).toContain('/poc extend');
    const meta = decodeMeta(view.private_metadata);
    expect(meta?.lockedDates).toEqual(locked);
    const read = readModalValues({}, rows, meta?.lockedDates);
    expect([read.endDate, read.readoutDate]).toEqual(['2026-12-11', '2026-12-14']);
    // Errors about those dates go under the start date, the input next to them.
    expect(errorsByBlock({ endDate: 'no' }, rows, rows, true)).toEqual({ poc_start_date: 'no' });
  });

  it('keeps slots stable when rows are removed and reuses the lowest free slot', () => {
    const rows = rowsOf(3);
    const left = removeRow(rows, 2);
    expect(left.map((r) => r.slot)).toEqual([1, 3]);
    expect(addRow(left).map((r) => r.slot)).toEqual([1, 3, 2]);
    expect(removeRow([{ slot: 1, criterionId: null }], 1)).toHaveLength(1);
  });

  it('puts criterion errors on the block of the row they came from', () => {
    const rows: ModalRow[] = [{ slot: 4, criterionId: null }];
    expect(errorsByBlock({ 'criteria.0.statement': 'vague', endDate: 'early' }, rows, rows)).toEqual({
      poc_criterion_4_statement: 'vague',
      poc_end_date: 'early',
    });
    expect(errorsByBlock({ criteria: 'none' }, [], rows)).toEqual({ poc_criterion_4_statement: 'none' });
  });
});

describe('the criteria document', () => {
  it('fits one message at the largest size the modal allows', () => {
    const poc: Poc = {
      ...pocRow({
        name: long(textLimits.name),
        hypothesis: long(textLimits.hypothesis),
        outOfScope: long(textLimits.outOfScope),
        nextStep: long(textLimits.nextStep),
      }),
      id: 1,
    };
    const criteria: Criterion[] = rowsOf(maxCriteria).map((_, i) => ({
      id: i + 1,
      pocId: 1,
      position: i + 1,
      statement: `<b>${long(textLimits.statement - 7)}</b>`,
      threshold: long(textLimits.threshold),
      category: 'performance',
      messageTs: null,
      droppedAt: null,
      droppedReason: null,
      revision: 1,
    }));
    const doc = criteriaDocument(poc, criteria);
    expect(blockKitViolations(doc.blocks ?? [], 'message')).toEqual([]);
    const chars = JSON.stringify(doc.blocks).length;
    expect(chars).toBeLessThan(12_000);
    expect(JSON.stringify(doc.blocks)).toContain('&lt;b&gt;');
    for (const c of criteria) expect(blockKitViolations(criterionMessage(c).blocks ?? [], 'message')).toEqual([]);
  });
});
