// What `/poc edit` changed, field by field and criterion by criterion. After sign-off every
// change is announced: moving the goalposts quietly is what signed criteria exist to prevent.
import { type Holidays, addBusinessDays, addDays, type LocalDate } from './calendar.js';
import type { CriterionDraft, PocDraft } from './poc-draft.js';
import { type Criterion, type Poc, categoryLabels } from './poc.js';

/** The document fields `/poc edit` can change (everything the modal holds except criteria). */
export const editableFields = [
  'kind',
  'name',
  'hypothesis',
  'metricName',
  'metricBaseline',
  'metricTarget',
  'metricUnit',
  'outOfScope',
  'startDate',
  'endDate',
  'readoutDate',
  'checkpointWeekday',
  'standupTime',
  'timeZone',
  'vendorCountry',
  'vendorRegion',
  'customerCountry',
  'customerRegion',
  'longOverride',
  'evaluatorId',
  'economicBuyerId',
  'aeId',
  'seId',
  'championId',
  'procurementId',
  'escalationChannelId',
  'nextStep',
] as const satisfies ReadonlyArray<keyof PocDraft & keyof Poc>;
export type EditableField = (typeof editableFields)[number];

export const fieldLabels: Record<EditableField, string> = {
  kind: 'POC or PoV',
  name: 'Name',
  hypothesis: 'Hypothesis',
  metricName: 'Business metric',
  metricBaseline: 'Metric baseline',
  metricTarget: 'Metric target',
  metricUnit: 'Metric unit',
  outOfScope: 'Out of scope',
  startDate: 'Start date',
  endDate: 'End date',
  readoutDate: 'Readout date',
  checkpointWeekday: 'Checkpoint weekday',
  standupTime: 'Standup time',
  timeZone: 'Time zone',
  vendorCountry: 'Vendor’s country (public holidays)',
  vendorRegion: 'Vendor’s state or region',
  customerCountry: 'Customer’s country (public holidays)',
  customerRegion: 'Customer’s state or region',
  longOverride: 'Longer-than-8-weeks override',
  evaluatorId: 'Lead technical evaluator',
  economicBuyerId: 'Economic buyer',
  aeId: 'Account executive',
  seId: 'Sales engineer',
  championId: 'Champion',
  procurementId: 'Procurement contact',
  escalationChannelId: 'Escalation channel',
  nextStep: 'Next step on a pass',
};

export type FieldValue = string | number | boolean | null;

export interface FieldChange {
  field: EditableField;
  before: FieldValue;
  after: FieldValue;
}

export type CriterionChange =
  | { kind: 'changed'; criterion: Criterion; after: CriterionDraft }
  | { kind: 'added'; position: number; after: CriterionDraft }
  | { kind: 'removed'; criterion: Criterion };

/** The other evaluators named or no longer named (the lead is a field: `evaluatorId`). */
export interface EvaluatorsChange {
  added: string[];
  removed: string[];
}

export interface PocEdit {
  fields: FieldChange[];
  criteria: CriterionChange[];
  evaluators: EvaluatorsChange;
}

/** One line describing a criterion, for the change log. */
export function criterionText(c: Pick<Criterion, 'statement' | 'threshold' | 'category'>): string {
  const threshold = c.threshold ? ` (threshold: ${c.threshold})` : '';
  return `${c.statement}${threshold} [${categoryLabels[c.category]}]`;
}

/**
 * `slots` lists, in the modal's order, which stored criterion each row edits (null: a new row).
 * Stored criteria that no row refers to were removed. New rows take positions after every
 * position ever used, so "criterion 3" keeps meaning the same thing for the whole POC.
 */
export function diffEdit(
  poc: Poc,
  current: Criterion[],
  allPositions: number[],
  draft: PocDraft,
  slots: Array<number | null>,
  evaluatorIds: readonly string[] = [],
): PocEdit {
  const fields: FieldChange[] = [];
  for (const field of editableFields) {
    const before = poc[field] as FieldValue;
    const after = draft[field] as FieldValue;
    if (before !== after) fields.push({ field, before, after });
  }

  const changes: CriterionChange[] = [];
  const byId = new Map(current.map((c) => [c.id, c]));
  const kept = new Set<number>();
  let nextPosition = Math.max(0, ...allPositions) + 1;
  draft.criteria.forEach((after, i) => {
    const id = slots[i] ?? null;
    const criterion = id === null ? undefined : byId.get(id);
    if (!criterion) {
      changes.push({ kind: 'added', position: nextPosition++, after });
      return;
    }
    kept.add(criterion.id);
    if (
      criterion.statement !== after.statement ||
      criterion.threshold !== after.threshold ||
      criterion.category !== after.category
    ) {
      changes.push({ kind: 'changed', criterion, after });
    }
  });
  for (const c of current) if (!kept.has(c.id)) changes.push({ kind: 'removed', criterion: c });
  const before = new Set(evaluatorIds.filter((id) => id !== poc.evaluatorId));
  const after = new Set(draft.evaluatorIds);
  const evaluators = {
    added: [...after].filter((id) => !before.has(id)),
    removed: [...before].filter((id) => !after.has(id) && id !== draft.evaluatorId),
  };
  return { fields, criteria: changes, evaluators };
}

export function isEmptyEdit(edit: PocEdit): boolean {
  return (
    edit.fields.length === 0 &&
    edit.criteria.length === 0 &&
    edit.evaluators.added.length === 0 &&
    edit.evaluators.removed.length === 0
  );
}

/** Whether a criterion's change touches what is judged (its statement or threshold), not only its category. */
export function rewords(c: CriterionChange): c is Extract<CriterionChange, { kind: 'changed' }> {
  return (
    c.kind === 'changed' && (c.criterion.statement !== c.after.statement || c.criterion.threshold !== c.after.threshold)
  );
}

/**
 * What the signature no longer covers after this edit: a criterion added, removed or reworded, its
 * threshold changed, the lead evaluator changed, the business metric's target changed. Each one
 * line; none: the signature still stands.
 */
export function materialChanges(edit: PocEdit): string[] {
  const out: string[] = [];
  for (const c of edit.criteria) {
    if (c.kind === 'added') out.push(`criterion ${c.position} added`);
    else if (c.kind === 'removed') out.push(`criterion ${c.criterion.position} removed`);
    else if (rewords(c)) {
      const what = c.criterion.statement !== c.after.statement ? 'reworded' : 'threshold changed';
      out.push(`criterion ${c.criterion.position} ${what}`);
    }
  }
  for (const f of edit.fields) {
    if (f.field === 'evaluatorId') out.push('lead evaluator changed');
    if (f.field === 'metricTarget') out.push('business metric target changed');
  }
  return out;
}

/**
 * The calendar `/poc new` proposes: start on the next business day, run two working weeks
 * (10 business days), read out on the business day after the end.
 */
export function defaultCalendar(
  today: LocalDate,
  holidays?: Holidays,
): { startDate: LocalDate; endDate: LocalDate; readoutDate: LocalDate } {
  const startDate = addBusinessDays(addDays(today, 1), 0, holidays);
  const endDate = addBusinessDays(startDate, 9, holidays);
  const readoutDate = addBusinessDays(addDays(endDate, 1), 0, holidays);
  return { startDate, endDate, readoutDate };
}
