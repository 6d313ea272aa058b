// Reading the POC modal back: private_metadata, the typed values (view.state.values), and where
// each validation error belongs. The inverse of poc-modal.ts; pure.
import { z } from 'zod';
import { type DraftErrorKey, type DraftErrors, maxCriteria, type PocDraftInput } from '../../domain/poc-draft.js';
import { criterionRowBlocks, pocModal } from '../ids.js';
import type { ModalRow, PocModalMeta } from './poc-modal.js';

const metaSchema = z.object({
  m: z.enum(['new', 'edit']),
  c: z.string().min(1),
  p: z.number().int().nullable(),
  r: z.array(z.tuple([z.number().int().min(1).max(maxCriteria), z.number().int().nullable()])).max(maxCriteria),
});

export function decodeMeta(raw: string | undefined): PocModalMeta | undefined {
  try {
    const parsed = metaSchema.safeParse(JSON.parse(raw ?? ''));
    if (!parsed.success) return undefined;
    const { m, c, p, r } = parsed.data;
    return { mode: m, channelId: c, pocId: p, rows: r.map(([slot, criterionId]) => ({ slot, criterionId })) };
  } catch {
    return undefined;
  }
}

/** One element's state as Slack sends it in view.state.values[block][action]. */
const elementState = z
  .object({
    value: z.string().nullish(),
    selected_option: z.object({ value: z.string() }).nullish(),
    selected_options: z.array(z.object({ value: z.string() })).nullish(),
    selected_date: z.string().nullish(),
    selected_time: z.string().nullish(),
    selected_user: z.string().nullish(),
    selected_conversation: z.string().nullish(),
  })
  .loose();
type ElementState = z.infer<typeof elementState>;
export type StateValues = Record<string, Record<string, unknown>>;

function read(values: StateValues, blockId: string): ElementState {
  const parsed = elementState.safeParse(values[blockId]?.[pocModal.input]);
  return parsed.success ? parsed.data : {};
}

const str = (v: string | null | undefined) => v ?? '';
const opt = (v: string | null | undefined) => (v ? v : undefined);

/** Everything typed, every row included (blank ones too), in row order. */
export function readModalValues(values: StateValues, rows: ModalRow[]): PocDraftInput {
  const B = pocModal.blocks;
  const get = (id: string) => read(values, id);
  return {
    kind: opt(get(B.kind).selected_option?.value),
    name: str(get(B.name).value),
    hypothesis: str(get(B.hypothesis).value),
    metricName: str(get(B.metricName).value),
    metricBaseline: str(get(B.metricBaseline).value),
    metricTarget: str(get(B.metricTarget).value),
    metricUnit: str(get(B.metricUnit).value),
    criteria: rows.map((row) => {
      const ids = criterionRowBlocks(row.slot);
      return {
        statement: str(get(ids.statement).value),
        threshold: str(get(ids.threshold).value),
        category: opt(get(ids.category).selected_option?.value),
      };
    }),
    outOfScope: str(get(B.outOfScope).value),
    startDate: opt(get(B.startDate).selected_date),
    endDate: opt(get(B.endDate).selected_date),
    readoutDate: opt(get(B.readoutDate).selected_date),
    checkpointWeekday: opt(get(B.checkpointWeekday).selected_option?.value),
    standupTime: opt(get(B.standupTime).selected_time),
    timeZone: str(get(B.timeZone).value).trim(),
    longOverride: (get(B.longOverride).selected_options ?? []).some((o) => o.value === 'long'),
    evaluatorId: opt(get(B.evaluatorId).selected_user),
    economicBuyerId: opt(get(B.economicBuyerId).selected_user),
    aeId: opt(get(B.aeId).selected_user),
    seId: opt(get(B.seId).selected_user),
    championId: opt(get(B.championId).selected_user),
    procurementId: opt(get(B.procurementId).selected_user),
    escalationChannelId: opt(get(B.escalationChannelId).selected_conversation),
    nextStep: str(get(B.nextStep).value),
  };
}

/**
 * A row left entirely blank is not a criterion (an "Add criterion" click never filled in); the
 * remaining rows are what gets validated, with the rows they came from.
 */
export function withoutBlankRows(input: PocDraftInput, rows: ModalRow[]): { input: PocDraftInput; rows: ModalRow[] } {
  const keep = input.criteria.map((c) => c.statement.trim() !== '' || c.threshold.trim() !== '' || c.category !== undefined);
  return {
    input: { ...input, criteria: input.criteria.filter((_, i) => keep[i]) },
    rows: rows.filter((_, i) => keep[i]),
  };
}

/**
 * Errors keyed by the input block they belong under. `rows` are the rows the criteria came
 * from; `allRows` every row shown, for errors about the criteria as a whole.
 */
export function errorsByBlock(errors: DraftErrors, rows: ModalRow[], allRows: ModalRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  const firstRow = allRows[0] ?? rows[0];
  for (const [key, message] of Object.entries(errors) as Array<[DraftErrorKey, string]>) {
    let blockId: string | undefined;
    const m = /^criteria\.(\d+)\.(statement|threshold|category)$/.exec(key);
    if (m) {
      const row = rows[Number(m[1])];
      if (row) blockId = criterionRowBlocks(row.slot)[m[2] as 'statement' | 'threshold' | 'category'];
    } else if (key === 'criteria') {
      blockId = firstRow ? criterionRowBlocks(firstRow.slot).statement : undefined;
    } else {
      blockId = pocModal.blocks[key as keyof typeof pocModal.blocks];
    }
    if (blockId && !out[blockId]) out[blockId] = message;
  }
  return out;
}

/** A new row in the lowest free slot, or the same rows when the form is full. */
export function addRow(rows: ModalRow[]): ModalRow[] {
  if (rows.length >= maxCriteria) return rows;
  const used = new Set(rows.map((r) => r.slot));
  let slot = 1;
  while (used.has(slot)) slot++;
  return [...rows, { slot, criterionId: null }];
}

export function removeRow(rows: ModalRow[], slot: number): ModalRow[] {
  const left = rows.filter((r) => r.slot !== slot);
  return left.length > 0 ? left : rows;
}
