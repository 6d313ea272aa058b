// The one-page success-criteria document as typed into the modal, and the rules it must meet
// before anything is stored. Errors are keyed by field (`endDate`, `criteria.2.statement`), so
// the Slack layer can place each one under the input it belongs to.
import { z } from 'zod';
import { daysBetween, isLocalDate, isLocalTime, isValidTimeZone, type LocalDate } from './calendar.js';
import { criterionProblem } from './criteria-rules.js';
import { type Category, categories, type Criterion, type Poc, pocKinds } from './poc.js';
import { maxOtherEvaluators, otherEvaluators } from './team.js';
import { countryNames, isCountry, regionNames } from './public-holidays.js';

/** The most criteria one modal holds (Slack allows 100 blocks per modal; each criterion takes 4). */
export const maxCriteria = 15;
/** Over this many, the POC is probably testing everything and proving nothing. */
export const recommendedMaxCriteria = 5;
export const warnAfterDays = 6 * 7;
export const overrideAfterDays = 8 * 7;

export const textLimits = {
  name: 80,
  hypothesis: 300,
  metricName: 100,
  metricUnit: 30,
  statement: 300,
  threshold: 150,
  outOfScope: 1500,
  nextStep: 300,
} as const;

export interface CriterionInput {
  statement: string;
  threshold: string;
  category: string | undefined;
}

/** Everything as the modal hands it over: strings, possibly empty; ids possibly missing. */
export interface PocDraftInput {
  kind: string | undefined;
  name: string;
  hypothesis: string;
  metricName: string;
  metricBaseline: string;
  metricTarget: string;
  metricUnit: string;
  criteria: CriterionInput[];
  outOfScope: string;
  startDate: string | undefined;
  endDate: string | undefined;
  readoutDate: string | undefined;
  checkpointWeekday: string | undefined;
  standupTime: string | undefined;
  timeZone: string;
  /** Dates nobody works on the POC, as typed (new POCs only; later, `/poc holiday`). */
  daysOff: string;
  /** Each side's country for its public holidays (ISO code); undefined: none chosen. */
  vendorCountry: string | undefined;
  customerCountry: string | undefined;
  /** States or regions as typed, 'US-NY, DE-BY' (see parseRegions). */
  regions: string;
  longOverride: boolean;
  /** The lead technical evaluator: signs off the criteria; their call wins a conflict. */
  evaluatorId: string | undefined;
  /** The other customer evaluators (the lead among them is ignored). */
  evaluatorIds: string[];
  economicBuyerId: string | undefined;
  aeId: string | undefined;
  seId: string | undefined;
  championId: string | undefined;
  procurementId: string | undefined;
  escalationChannelId: string | undefined;
  nextStep: string;
}

export interface CriterionDraft {
  statement: string;
  threshold: string;
  category: Category;
}

/** The fields of the one-page document, as the POC stores them. */
export type PocDocumentField =
  | 'kind'
  | 'name'
  | 'hypothesis'
  | 'metricName'
  | 'metricBaseline'
  | 'metricTarget'
  | 'metricUnit'
  | 'outOfScope'
  | 'startDate'
  | 'endDate'
  | 'readoutDate'
  | 'checkpointWeekday'
  | 'standupTime'
  | 'timeZone'
  | 'vendorCountry'
  | 'vendorRegion'
  | 'customerCountry'
  | 'customerRegion'
  | 'longOverride'
  | 'evaluatorId'
  | 'economicBuyerId'
  | 'aeId'
  | 'seId'
  | 'championId'
  | 'procurementId'
  | 'escalationChannelId'
  | 'nextStep';

/** A valid document, typed: what gets stored. */
export interface PocDraft extends Pick<Poc, PocDocumentField> {
  criteria: CriterionDraft[];
  /** The other customer evaluators, each once, the lead not among them. */
  evaluatorIds: string[];
  /** Sorted, each once. */
  daysOff: LocalDate[];
}

/** Days off a new POC can be given in the form (a year of public holidays of two countries fits). */
export const maxDaysOffAtCreation = 60;

/** At most this many region codes (one per side). */
const maxRegions = 2;

/**
 * The states or regions typed as ISO 3166-2 codes ('US-NY, DE-BY'), each given to the side whose
 * country it is in; when both sides are in the same country, the first is the vendor's and the
 * second the customer's. An error says which code is wrong and why.
 */
export function parseRegions(
  text: string,
  vendorCountry: string | null,
  customerCountry: string | null,
): { ok: true; vendorRegion: string | null; customerRegion: string | null } | { ok: false; message: string } {
  const codes = text
    .split(/[\s,;]+/)
    .filter((c) => c !== '')
    .map((c) => c.toUpperCase());
  if (codes.length > maxRegions)
    return { ok: false, message: `At most ${maxRegions} codes: one for the vendor, one for the customer.` };
  let vendorRegion: string | null = null;
  let customerRegion: string | null = null;
  for (const code of codes) {
    const m = /^([A-Z]{2})-([A-Z0-9]{1,3})$/.exec(code);
    if (!m)
      return {
        ok: false,
        message: `“${code.slice(0, 20)}” is not a region code: use the country and the region, e.g. US-NY or DE-BY.`,
      };
    const [, country = '', region = ''] = m;
    const name = countryNames().get(country) ?? country;
    const known = regionNames(country);
    if (!known.has(region)) {
      const some = [...known.keys()].slice(0, 4).map((r) => `${country}-${r}`);
      return {
        ok: false,
        message: `“${code}” is not a state or region of ${name} in the holiday calendar${some.length ? ` (e.g. ${some.join(', ')})` : ': it has none of its own'}.`,
      };
    }
    if (country === vendorCountry && vendorRegion === null) vendorRegion = region;
    else if (country === customerCountry && customerRegion === null) customerRegion = region;
    else if (country !== vendorCountry && country !== customerCountry)
      return { ok: false, message: `“${code}” is in ${name}, which is neither side's country.` };
    else
      return {
        ok: false,
        message: `Two codes for the same side: the first of ${name} is the vendor's, the second the customer's.`,
      };
  }
  return { ok: true, vendorRegion, customerRegion };
}

type ScalarField = Exclude<keyof PocDraftInput, 'criteria'>;
export type DraftErrorKey = ScalarField | 'criteria' | `criteria.${number}.${keyof CriterionInput}`;
export type DraftErrors = Partial<Record<DraftErrorKey, string>>;

export type DraftValidation =
  | { ok: true; draft: PocDraft; warnings: string[] }
  | { ok: false; errors: DraftErrors; warnings: string[] };

const text = (max: number, label: string) => z.string().trim().max(max, `${label} is at most ${max} characters.`);
const required = (max: number, label: string) => text(max, label).min(1, `${label} is required.`);
const optionalId = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : null));
const requiredId = (message: string) => z.string({ error: message }).trim().min(1, message);
const optionalNumber = (label: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || Number.isFinite(Number(v.replace(/,/g, ''))), `${label} must be a number.`)
    .transform((v) => (v === '' ? null : Number(v.replace(/,/g, ''))));
const localDay = (label: string) => z.string({ error: `Pick the ${label}.` }).refine(isLocalDate, `Pick the ${label}.`);

const criterionSchema = z
  .object({
    statement: text(textLimits.statement, 'A criterion'),
    threshold: text(textLimits.threshold, 'The threshold'),
    category: z.enum(categories, { error: 'Pick a category.' }),
  })
  .superRefine((c, ctx) => {
    const problem = criterionProblem(c.statement, c.threshold);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['statement'] });
  });

/** Field by field; the rules that relate fields to each other come after, in validateDraft. */
export const pocDraftSchema = z.object({
  kind: z.enum(pocKinds, { error: 'Choose POC or PoV.' }),
  name: required(textLimits.name, 'A name'),
  hypothesis: required(textLimits.hypothesis, 'The hypothesis'),
  metricName: text(textLimits.metricName, 'The metric name'),
  metricBaseline: optionalNumber('The baseline'),
  metricTarget: optionalNumber('The target'),
  metricUnit: text(textLimits.metricUnit, 'The unit'),
  criteria: z
    .array(criterionSchema)
    .min(1, 'Add at least one success criterion.')
    .max(maxCriteria, `At most ${maxCriteria} criteria.`),
  outOfScope: text(textLimits.outOfScope, 'Out of scope'),
  startDate: localDay('start date'),
  endDate: localDay('end date'),
  readoutDate: localDay('readout date'),
  checkpointWeekday: z
    .string({ error: 'Pick the checkpoint weekday.' })
    .regex(/^[1-5]$/, 'Pick a weekday from Monday to Friday.')
    .transform(Number),
  standupTime: z.string({ error: 'Pick the standup time.' }).refine(isLocalTime, 'Use a 24-hour time like 09:30.'),
  timeZone: z
    .string()
    .trim()
    .refine(isValidTimeZone, 'Use an IANA time zone such as Europe/Berlin or America/New_York.'),
  daysOff: z.string().transform((v, ctx): LocalDate[] => {
    const days = v.split(/[\s,;]+/).filter((d) => d !== '');
    const bad = days.find((d) => !isLocalDate(d));
    if (bad !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `“${bad.slice(0, 40)}” is not a date. Use YYYY-MM-DD, separated by commas, e.g. 2026-11-26, 2026-11-27.`,
      });
      return z.NEVER;
    }
    const unique = [...new Set(days)].sort();
    if (unique.length > maxDaysOffAtCreation) {
      ctx.addIssue({
        code: 'custom',
        message: `At most ${maxDaysOffAtCreation} days off here; add more later with \`/poc holiday\`.`,
      });
      return z.NEVER;
    }
    return unique;
  }),
  vendorCountry: z
    .string()
    .optional()
    .refine((v) => v === undefined || isCountry(v), 'Pick a country from the list.')
    .transform((v) => v ?? null),
  customerCountry: z
    .string()
    .optional()
    .refine((v) => v === undefined || isCountry(v), 'Pick a country from the list.')
    .transform((v) => v ?? null),
  regions: z.string(),
  longOverride: z.boolean(),
  evaluatorId: requiredId('Name the lead technical evaluator: they sign off the criteria.'),
  evaluatorIds: z
    .array(z.string().trim())
    .transform((ids) => [...new Set(ids.filter((id) => id !== ''))])
    .refine((ids) => ids.length <= maxOtherEvaluators + 1, `At most ${maxOtherEvaluators} other evaluators.`),
  economicBuyerId: optionalId,
  aeId: requiredId('Name the account executive.'),
  seId: requiredId('Name the sales engineer.'),
  championId: optionalId,
  procurementId: optionalId,
  escalationChannelId: optionalId,
  nextStep: required(textLimits.nextStep, 'The next step on a pass'),
});

function keyOf(path: readonly PropertyKey[]): DraftErrorKey {
  const [head, index, field] = path;
  if (head === 'criteria' && typeof index === 'number') {
    return `criteria.${index}.${typeof field === 'string' ? field : 'statement'}` as DraftErrorKey;
  }
  return (typeof head === 'string' ? head : 'name') as DraftErrorKey;
}

/** Length in weeks, for messages ("9 weeks"). */
function weeks(days: number): string {
  const w = Math.round((days / 7) * 10) / 10;
  return `${w} week${w === 1 ? '' : 's'}`;
}

export function validateDraft(input: PocDraftInput): DraftValidation {
  const errors: DraftErrors = {};
  const warnings: string[] = [];
  const add = (key: DraftErrorKey, message: string) => {
    if (!errors[key]) errors[key] = message;
  };

  const parsed = pocDraftSchema.safeParse(input);
  if (!parsed.success) for (const issue of parsed.error.issues) add(keyOf(issue.path), issue.message);

  // Cross-field rules, each only when the fields it compares are themselves valid.
  const ok = (k: DraftErrorKey) => !errors[k];
  const { startDate, endDate, readoutDate } = input;
  if (startDate && endDate && ok('startDate') && ok('endDate')) {
    const length = daysBetween(startDate, endDate);
    if (length < 0) add('endDate', 'The end date is before the start date.');
    else if (length > overrideAfterDays && !input.longOverride) {
      add('endDate', `That is ${weeks(length)}; a POC over 8 weeks needs the “longer than 8 weeks” box ticked.`);
    } else if (length > warnAfterDays) {
      warnings.push(
        `This POC runs ${weeks(length)}; over 6 weeks, momentum and the evaluator’s attention tend to fade.`,
      );
    }
  }
  if (endDate && readoutDate && ok('endDate') && ok('readoutDate') && daysBetween(endDate, readoutDate) < 0) {
    add('readoutDate', 'The readout is before the end date: hold it on or after the last day.');
  }

  const hasMetric =
    input.metricName.trim() !== '' || input.metricBaseline.trim() !== '' || input.metricTarget.trim() !== '';
  if (hasMetric || input.kind === 'pov') {
    if (input.metricName.trim() === '') {
      add(
        'metricName',
        input.kind === 'pov' ? 'A PoV proves business value: name the metric it moves.' : 'Name the metric.',
      );
    }
    if (input.metricBaseline.trim() === '') add('metricBaseline', 'Give the baseline (where the customer is today).');
    if (input.metricTarget.trim() === '') add('metricTarget', 'Give the target the PoV must reach.');
  }

  // The evaluation team is the customer's: the SE's and the AE's calls wait for its confirmation,
  // so neither can be on it (nor sign the criteria off).
  const vendor = new Map<string, string>();
  if (input.seId?.trim()) vendor.set(input.seId.trim(), 'the sales engineer');
  if (input.aeId?.trim()) vendor.set(input.aeId.trim(), 'the account executive');
  const lead = input.evaluatorId?.trim();
  const leadIs = lead ? vendor.get(lead) : undefined;
  if (leadIs) {
    add(
      'evaluatorId',
      `The lead evaluator is on the customer's side, and this is ${leadIs} of the POC: name the customer's technical evaluator (their ✅ signs off the criteria).`,
    );
  }
  const vendorEvaluator = input.evaluatorIds.map((id) => id.trim()).find((id) => vendor.has(id));
  if (vendorEvaluator) {
    add(
      'evaluatorIds',
      `Evaluators are the customer's people, and ${vendor.get(vendorEvaluator) ?? 'the SE or AE'} is among them: the vendor's calls wait for the customer's confirmation. Remove them from this field.`,
    );
  }

  if (input.criteria.length > recommendedMaxCriteria) {
    warnings.push(
      `${input.criteria.length} criteria: more than ${recommendedMaxCriteria} usually means scope creep; consider keeping only the ones the decision depends on.`,
    );
  }

  let regions: { vendorRegion: string | null; customerRegion: string | null } = {
    vendorRegion: null,
    customerRegion: null,
  };
  if (parsed.success && ok('vendorCountry') && ok('customerCountry')) {
    const r = parseRegions(parsed.data.regions, parsed.data.vendorCountry, parsed.data.customerCountry);
    if (r.ok) regions = r;
    else add('regions', r.message);
  }

  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors, warnings };
  const { regions: _typed, ...d } = parsed.data;
  return {
    ok: true,
    warnings,
    draft: {
      ...d,
      ...regions,
      metricName: d.metricName === '' ? null : d.metricName,
      metricUnit: d.metricUnit === '' ? null : d.metricUnit,
      criteria: d.criteria.map((c) => ({ statement: c.statement, threshold: c.threshold, category: c.category })),
      evaluatorIds: otherEvaluators(d.evaluatorId, d.evaluatorIds),
    },
  };
}

const numberText = (n: number | null) => (n === null ? '' : String(n));

/** A stored POC back into modal input, for `/poc edit`. */
export function draftInputFromPoc(
  poc: Poc,
  criteria: Criterion[],
  evaluatorIds: readonly string[] = [],
): PocDraftInput {
  return {
    kind: poc.kind,
    name: poc.name,
    hypothesis: poc.hypothesis,
    metricName: poc.metricName ?? '',
    metricBaseline: numberText(poc.metricBaseline),
    metricTarget: numberText(poc.metricTarget),
    metricUnit: poc.metricUnit ?? '',
    criteria: criteria.map((c) => ({ statement: c.statement, threshold: c.threshold, category: c.category })),
    outOfScope: poc.outOfScope,
    startDate: poc.startDate,
    endDate: poc.endDate,
    readoutDate: poc.readoutDate,
    checkpointWeekday: String(poc.checkpointWeekday),
    standupTime: poc.standupTime,
    timeZone: poc.timeZone,
    // Days off are not edited here (the edit form has no field for them): `/poc holiday`.
    daysOff: '',
    vendorCountry: poc.vendorCountry ?? undefined,
    customerCountry: poc.customerCountry ?? undefined,
    regions: regionsText(poc),
    longOverride: poc.longOverride,
    evaluatorId: poc.evaluatorId,
    evaluatorIds: otherEvaluators(poc.evaluatorId, evaluatorIds),
    economicBuyerId: poc.economicBuyerId ?? undefined,
    aeId: poc.aeId,
    seId: poc.seId,
    championId: poc.championId ?? undefined,
    procurementId: poc.procurementId ?? undefined,
    escalationChannelId: poc.escalationChannelId ?? undefined,
    nextStep: poc.nextStep,
  };
}

/** The stored regions as the form shows them: 'US-NY, DE-BY' (vendor first). */
export function regionsText(
  poc: Pick<Poc, 'vendorCountry' | 'vendorRegion' | 'customerCountry' | 'customerRegion'>,
): string {
  const codes: string[] = [];
  if (poc.vendorCountry && poc.vendorRegion) codes.push(`${poc.vendorCountry}-${poc.vendorRegion}`);
  if (poc.customerCountry && poc.customerRegion) codes.push(`${poc.customerCountry}-${poc.customerRegion}`);
  return codes.join(', ');
}

/** An empty document with the defaults `/poc new` proposes. */
export function blankDraftInput(defaults: {
  name: string;
  seId: string;
  timeZone: string;
  vendorCountry: string | undefined;
  startDate: string;
  endDate: string;
  readoutDate: string;
}): PocDraftInput {
  return {
    kind: 'poc',
    name: defaults.name,
    hypothesis: '',
    metricName: '',
    metricBaseline: '',
    metricTarget: '',
    metricUnit: '',
    criteria: [{ statement: '', threshold: '', category: undefined }],
    outOfScope: '',
    startDate: defaults.startDate,
    endDate: defaults.endDate,
    readoutDate: defaults.readoutDate,
    checkpointWeekday: '5',
    standupTime: '09:30',
    timeZone: defaults.timeZone,
    daysOff: '',
    vendorCountry: defaults.vendorCountry,
    // Left to the lead evaluator's time zone unless the SE picks one (CreatePoc.submit).
    customerCountry: undefined,
    regions: '',
    longOverride: false,
    evaluatorId: undefined,
    evaluatorIds: [],
    economicBuyerId: undefined,
    aeId: undefined,
    seId: defaults.seId,
    championId: undefined,
    procurementId: undefined,
    escalationChannelId: undefined,
    nextStep: '',
  };
}
