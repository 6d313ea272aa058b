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
  l: z.tuple([z.string().max(10), z.string().max(10)]).optional(),
});

export function decodeMeta(raw: string | undefined): PocModalMeta | undefined {
  try {
    const parsed = metaSchema.safeParse(JSON.parse(raw ?? ''));
    if (!parsed.success) return undefined;
    const { m, c, p, r, l } = parsed.data;
    return {
      mode: m,
      channelId: c,
      pocId: p,
      rows: r.map(([slot, criterionId]) => ({ slot, criterionId })),
      ...(l ? { lockedDates: { endDate: l[0], readoutDate: l[1] } } : {}),
    };
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
    selected_users: z.array(z.string()).nullish(),
    selected_conversation: z.string().nullish(),
  })
  .loose();
type ElementState = z.infer<typeof elementState>;
export type StateValues = Record<string, Record<string, unknown>>;

function read(values: StateValues, blockId: string): ElementState {
  const parsed = elementState.safeParse(values[blockId]?.[pocModal.input]);
  return parsed.success ? parsed.data : {};
}

/**
 * Everything typed, every row included (blank ones too), in row order. `locked`: the dates the
 * modal showed without inputs (after sign-off), which are what it submits.
 */
export function readModalValues(
  values: StateValues,
  rows: ModalRow[],
  locked?: PocModalMeta['lockedDates'],
): PocDraftInput {
  const B = pocModal.blocks;
  // One reader per kind of input: what it holds, '' or undefined when nothing was entered.
  const text = (id: string) => read(values, id).value ?? '';
  const choice = (id: string) => read(values, id).selected_option?.value || undefined;
  const date = (id: string) => read(values, id).selected_date || undefined;
  const user = (id: string) => read(values, id).selected_user || undefined;
  return {
    kind: choice(B.kind),
    name: text(B.name),
    hypothesis: text(B.hypothesis),
    metricName: text(B.metricName),
    metricBaseline: text(B.metricBaseline),
    metricTarget: text(B.metricTarget),
    metricUnit: text(B.metricUnit),
    criteria: rows.map((row) => {
      const ids = criterionRowBlocks(row.slot);
      return { statement: text(ids.statement), threshold: text(ids.threshold), category: choice(ids.category) };
    }),
    outOfScope: text(B.outOfScope),
    startDate: date(B.startDate),
    endDate: locked ? locked.endDate : date(B.endDate),
    readoutDate: locked ? locked.readoutDate : date(B.readoutDate),
    checkpointWeekday: choice(B.checkpointWeekday),
    standupTime: read(values, B.standupTime).selected_time || undefined,
    timeZone: text(B.timeZone).trim(),
    daysOff: text(B.daysOff),
    vendorCountry: choice(B.vendorCountry),
    customerCountry: choice(B.customerCountry),
    regions: text(B.regions),
    longOverride: (read(values, B.longOverride).selected_options ?? []).some((o) => o.value === 'long'),
    evaluatorId: user(B.evaluatorId),
    evaluatorIds: (read(values, B.evaluatorIds).selected_users ?? []).filter((id) => id !== ''),
    economicBuyerId: user(B.economicBuyerId),
    aeId: user(B.aeId),
    seId: user(B.seId),
    championId: user(B.championId),
    procurementId: user(B.procurementId),
    escalationChannelId: read(values, B.escalationChannelId).selected_conversation || undefined,
    nextStep: text(B.nextStep),
  };
}

/**
 * A row left entirely blank is not a criterion (an "Add criterion" click never filled in); the
 * remaining rows are what gets validated, with the rows they came from.
 */
export function withoutBlankRows(input: PocDraftInput, rows: ModalRow[]): { input: PocDraftInput; rows: ModalRow[] } {
  const keep = input.criteria.map(
    (c) => c.statement.trim() !== '' || c.threshold.trim() !== '' || c.category !== undefined,
  );
  return {
    input: { ...input, criteria: input.criteria.filter((_, i) => keep[i]) },
    rows: rows.filter((_, i) => keep[i]),
  };
}

/**
 * Errors keyed by the input block they belong under. `rows` are the rows the criteria came
 * from; `allRows` every row shown, for errors about the criteria as a whole.
 */
export function errorsByBlock(
  errors: DraftErrors,
  rows: ModalRow[],
  allRows: ModalRow[],
  datesLocked = false,
): Record<string, string> {
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
    } else if (datesLocked && (key === 'endDate' || key === 'readoutDate')) {
      // Shown without inputs after sign-off: the start date is the input next to them.
      blockId = pocModal.blocks.startDate;
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
