// The `/poc new` and `/poc edit` modal: the one-page success-criteria document as inputs. Pure:
// draft in, view out. Each criterion row keeps its slot (and so its block ids) while rows are
// added or removed, and every input carries what was typed as its initial value, so a
// views.update never loses text.
import type { KnownBlock, Option, PlainTextOption, View } from '@slack/types';
import { type LocalDate, weekdayNames } from '../../domain/calendar.js';
import { maxCriteria, type PocDraftInput, recommendedMaxCriteria, textLimits } from '../../domain/poc-draft.js';
import { type Category, categories, categoryLabels } from '../../domain/poc.js';
import { maxOtherEvaluators } from '../../domain/team.js';
import { countryNames } from '../../domain/public-holidays.js';
import { criterionRowBlocks, pocModal } from '../ids.js';
import { shortDate } from './evaluation-kit.js';

export interface ModalRow {
  /** 1…maxCriteria; decides the row's block ids. */
  slot: number;
  /** The stored criterion this row edits (`/poc edit`), null for a new row. */
  criterionId: number | null;
}

export interface PocModalMeta {
  mode: 'new' | 'edit';
  channelId: string;
  pocId: number | null;
  rows: ModalRow[];
  /**
   * After sign-off the end and readout dates are shown, not editable: they move only through
   * `/poc extend`, which records who and why. The dates shown (carried, so a redraw shows them too).
   */
  lockedDates?: { endDate: LocalDate; readoutDate: LocalDate } | undefined;
}

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const B = pocModal.blocks;
const A = pocModal.input;

function header(text: string): KnownBlock {
  return { type: 'header', text: plain(text) };
}

function textInput(
  blockId: string,
  label: string,
  value: string,
  opts: { max: number; multiline?: boolean; optional?: boolean; hint?: string; placeholder?: string },
): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    optional: opts.optional ?? false,
    ...(opts.hint ? { hint: plain(opts.hint) } : {}),
    element: {
      type: 'plain_text_input',
      action_id: A,
      max_length: opts.max,
      multiline: opts.multiline ?? false,
      ...(value ? { initial_value: value.slice(0, opts.max) } : {}),
      ...(opts.placeholder ? { placeholder: plain(opts.placeholder) } : {}),
    },
  };
}

function numberInput(blockId: string, label: string, value: string, hint?: string): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    optional: true,
    ...(hint ? { hint: plain(hint) } : {}),
    element: {
      type: 'number_input',
      action_id: A,
      is_decimal_allowed: true,
      ...(value && Number.isFinite(Number(value)) ? { initial_value: value } : {}),
    },
  };
}

function userInput(
  blockId: string,
  label: string,
  userId: string | undefined,
  optional: boolean,
  hint?: string,
): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    optional,
    ...(hint ? { hint: plain(hint) } : {}),
    element: { type: 'users_select', action_id: A, ...(userId ? { initial_user: userId } : {}) },
  };
}

function usersInput(blockId: string, label: string, userIds: readonly string[], hint: string): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    optional: true,
    hint: plain(hint),
    element: {
      type: 'multi_users_select',
      action_id: A,
      // The lead may be named here too (ignored); one more leaves room for that.
      max_selected_items: maxOtherEvaluators + 1,
      ...(userIds.length > 0 ? { initial_users: [...userIds].slice(0, maxOtherEvaluators + 1) } : {}),
    },
  };
}

function lockedDatesBlock(d: { endDate: LocalDate; readoutDate: LocalDate }): KnownBlock {
  return {
    type: 'section',
    block_id: B.datesLocked,
    text: {
      type: 'mrkdwn',
      text: `*End date (fixed):* ${shortDate(d.endDate)} · *Readout:* ${shortDate(d.readoutDate)}\nSigned off: these move only with \`/poc extend <date> <reason naming the undecided criteria>\`, which records who moved them and why.`,
    },
  };
}

function dateInput(blockId: string, label: string, date: LocalDate | undefined): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    element: { type: 'datepicker', action_id: A, ...(date ? { initial_date: date } : {}) },
  };
}

const categoryOptions: PlainTextOption[] = categories.map((c) => ({ text: plain(categoryLabels[c]), value: c }));
const weekdayOptions: PlainTextOption[] = [1, 2, 3, 4, 5].map((d) => ({
  text: plain(weekdayNames[d] ?? ''),
  value: String(d),
}));
const kindOptions: PlainTextOption[] = [
  { text: plain('POC — proof of concept (does it work?)'), value: 'poc' },
  { text: plain('PoV — proof of value (is it worth it?)'), value: 'pov' },
];
const longOption: Option = { text: plain('This POC may run longer than 8 weeks'), value: 'long' };

function selectInput(
  blockId: string,
  label: string,
  options: PlainTextOption[],
  value: string | undefined,
  placeholder: string,
): KnownBlock {
  const initial = options.find((o) => o.value === value);
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    element: {
      type: 'static_select',
      action_id: A,
      placeholder: plain(placeholder),
      options,
      ...(initial ? { initial_option: initial } : {}),
    },
  };
}

/**
 * Every country of the holiday calendar, by name, in groups of whole initial letters (a select
 * holds at most 100 options per group): 'A – G', 'H – M', …
 */
type CountryGroup = { label: ReturnType<typeof plain>; options: PlainTextOption[] };
let countryGroups: CountryGroup[] | undefined;
function countryOptionGroups(): CountryGroup[] {
  if (countryGroups) return countryGroups;
  const byLetter = new Map<string, PlainTextOption[]>();
  for (const [code, name] of countryNames()) {
    const letter = name.normalize('NFD').charAt(0).toUpperCase();
    byLetter.set(letter, [...(byLetter.get(letter) ?? []), { text: plain(name.slice(0, 75)), value: code }]);
  }
  const groups: CountryGroup[] = [];
  let current: { first: string; last: string; options: PlainTextOption[] } | undefined;
  for (const [letter, options] of byLetter) {
    if (current && current.options.length + options.length > 80) {
      groups.push({ label: plain(`${current.first} – ${current.last}`), options: current.options });
      current = undefined;
    }
    current = current
      ? { ...current, last: letter, options: [...current.options, ...options] }
      : { first: letter, last: letter, options };
  }
  if (current) groups.push({ label: plain(`${current.first} – ${current.last}`), options: current.options });
  countryGroups = groups;
  return groups;
}

function countrySelect(blockId: string, label: string, value: string | undefined, hint: string): KnownBlock {
  const groups = countryOptionGroups();
  const initial = value ? groups.flatMap((g) => g.options).find((o) => o.value === value) : undefined;
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    optional: true,
    hint: plain(hint),
    element: {
      type: 'static_select',
      action_id: A,
      placeholder: plain('Pick a country'),
      option_groups: groups,
      ...(initial ? { initial_option: initial } : {}),
    },
  };
}

function criterionRow(
  row: ModalRow,
  number: number,
  value: PocDraftInput['criteria'][number],
  removable: boolean,
): KnownBlock[] {
  const ids = criterionRowBlocks(row.slot);
  const category =
    value.category && (categories as readonly string[]).includes(value.category)
      ? (value.category as Category)
      : undefined;
  return [
    {
      type: 'section',
      block_id: ids.heading,
      text: { type: 'mrkdwn', text: `*Criterion ${number}*` },
      ...(removable
        ? {
            accessory: {
              type: 'button',
              action_id: pocModal.removeCriterion,
              text: plain('Remove'),
              value: String(row.slot),
            },
          }
        : {}),
    },
    textInput(ids.statement, 'Pass/fail statement', value.statement, {
      max: textLimits.statement,
      multiline: true,
      placeholder: 'e.g. Dashboards load in under 2 seconds at p95 for 50 concurrent users',
    }),
    textInput(ids.threshold, 'Threshold', value.threshold, {
      max: textLimits.threshold,
      optional: true,
      placeholder: 'e.g. 2 s p95',
    }),
    selectInput(ids.category, 'Category', categoryOptions, category, 'Pick a category'),
  ];
}

/** The modal for `meta` showing `values` (values.criteria[i] belongs to meta.rows[i]). */
export function buildPocModal(meta: PocModalMeta, values: PocDraftInput): View {
  const rows = meta.rows.length > 0 ? meta.rows : [{ slot: 1, criterionId: null }];
  const criteriaBlocks = rows.flatMap((row, i) =>
    criterionRow(
      row,
      i + 1,
      values.criteria[i] ?? { statement: '', threshold: '', category: undefined },
      rows.length > 1,
    ),
  );
  const atCap = rows.length >= maxCriteria;

  const blocks: KnownBlock[] = [
    {
      type: 'section',
      block_id: 'poc_intro',
      text: {
        type: 'mrkdwn',
        text:
          meta.mode === 'new'
            ? `The one-page success-criteria document for <#${meta.channelId}>. When you save, it is posted in the channel and the lead technical evaluator signs it off with a ✅.`
            : `Editing the criteria document for <#${meta.channelId}>. Changes after sign-off are announced in the channel; a change to what was signed asks the lead evaluator to sign again.`,
      },
    },
    {
      type: 'input',
      block_id: B.kind,
      label: plain('POC or PoV'),
      element: {
        type: 'radio_buttons',
        action_id: A,
        options: kindOptions,
        ...(kindOptions.find((o) => o.value === values.kind)
          ? { initial_option: kindOptions.find((o) => o.value === values.kind) }
          : {}),
      },
    },
    textInput(B.name, 'Name', values.name, { max: textLimits.name, placeholder: 'e.g. Acme analytics PoV' }),
    textInput(B.hypothesis, 'Hypothesis (one sentence)', values.hypothesis, {
      max: textLimits.hypothesis,
      multiline: true,
      placeholder: 'e.g. Acme can cut month-end reporting from 5 days to 1 with our pipeline.',
    }),
    header('1 · Business outcome'),
    textInput(B.metricName, 'Metric', values.metricName, {
      max: textLimits.metricName,
      optional: true,
      hint: 'The quantified pain. Required for a PoV; optional for a POC.',
      placeholder: 'e.g. Month-end close time',
    }),
    numberInput(B.metricBaseline, 'Baseline', values.metricBaseline, 'Where the customer is today.'),
    numberInput(B.metricTarget, 'Target', values.metricTarget, 'Where they need to be for this to be worth buying.'),
    textInput(B.metricUnit, 'Unit', values.metricUnit, {
      max: textLimits.metricUnit,
      optional: true,
      placeholder: 'e.g. days',
    }),
    header('2 · Success criteria'),
    {
      type: 'context',
      block_id: B.criteriaHeader,
      elements: [
        {
          type: 'mrkdwn',
          text: `Each criterion is a pass/fail statement *with a number in it*. 1 to ${recommendedMaxCriteria} is best; this form holds at most ${maxCriteria}.`,
        },
      ],
    },
    ...criteriaBlocks,
    atCap
      ? {
          type: 'context',
          block_id: B.criteriaActions,
          elements: [{ type: 'mrkdwn', text: `That is the most this form holds (${maxCriteria}).` }],
        }
      : {
          type: 'actions',
          block_id: B.criteriaActions,
          elements: [{ type: 'button', action_id: pocModal.addCriterion, text: plain('Add criterion'), value: 'add' }],
        },
    header('3 · Out of scope'),
    textInput(B.outOfScope, 'Explicitly excluded', values.outOfScope, {
      max: textLimits.outOfScope,
      multiline: true,
      optional: true,
      placeholder: 'e.g. SSO with the legacy IdP; on-prem deployment',
    }),
    header('4 · Calendar'),
    dateInput(B.startDate, 'Start date', values.startDate),
    ...(meta.lockedDates
      ? [lockedDatesBlock(meta.lockedDates)]
      : [
          dateInput(B.endDate, 'End date (fixed)', values.endDate),
          dateInput(B.readoutDate, 'Readout date', values.readoutDate),
        ]),
    selectInput(
      B.checkpointWeekday,
      'Weekly checkpoint on',
      weekdayOptions,
      values.checkpointWeekday,
      'Pick a weekday',
    ),
    {
      type: 'input',
      block_id: B.standupTime,
      label: plain('Daily standup at (local time)'),
      element: {
        type: 'timepicker',
        action_id: A,
        ...(values.standupTime ? { initial_time: values.standupTime } : {}),
      },
    },
    textInput(B.timeZone, 'Time zone (IANA)', values.timeZone, {
      max: 64,
      hint: 'The POC’s days, standups and checkpoints follow this zone, e.g. America/New_York.',
    }),
    // Each side's public holidays; three blocks for both sides, so the form stays under Slack's
    // 100 blocks with the most criteria.
    countrySelect(
      B.vendorCountry,
      'Vendor’s public holidays: country',
      values.vendorCountry,
      'Standups and DMs to your side skip its public holidays. Blank: none.',
    ),
    countrySelect(
      B.customerCountry,
      'Customer’s public holidays: country',
      values.customerCountry,
      'The channel’s standups, checkpoints and the silence count skip them. Blank: from the lead evaluator’s Slack time zone, or else the POC’s.',
    ),
    textInput(B.regions, 'States or regions with holidays of their own', values.regions, {
      max: 40,
      optional: true,
      placeholder: 'US-NY, DE-BY',
      hint: 'Country and region codes. When both sides are in one country, the vendor’s comes first.',
    }),
    // New POCs only: afterwards days off are added with `/poc holiday`, which says what they change.
    ...(meta.mode === 'new'
      ? [
          textInput(B.daysOff, 'Days off', values.daysOff, {
            max: 1000,
            optional: true,
            placeholder: '2026-11-26, 2026-11-27',
            hint: 'Dates nobody works on the POC, at either company: no standups, checkpoints or reminders, and they do not count as business days.',
          }),
        ]
      : []),
    {
      type: 'input',
      block_id: B.longOverride,
      label: plain('Length'),
      optional: true,
      element: {
        type: 'checkboxes',
        action_id: A,
        options: [longOption],
        ...(values.longOverride ? { initial_options: [longOption] } : {}),
      },
    },
    header('5 · Decision path'),
    userInput(
      B.evaluatorId,
      'Lead technical evaluator',
      values.evaluatorId,
      false,
      'The customer’s lead: signs off the criteria; their call wins a conflict.',
    ),
    usersInput(
      B.evaluatorIds,
      'Other evaluators',
      values.evaluatorIds,
      'The customer’s other evaluators: any of them decides a criterion with a reaction, and their activity counts as the customer’s.',
    ),
    userInput(B.economicBuyerId, 'Economic buyer', values.economicBuyerId, true),
    userInput(B.aeId, 'Account executive', values.aeId, false),
    userInput(B.seId, 'Sales engineer', values.seId, false),
    userInput(B.championId, 'Champion', values.championId, true),
    userInput(B.procurementId, 'Procurement contact', values.procurementId, true),
    {
      type: 'input',
      block_id: B.escalationChannelId,
      label: plain('Escalation channel'),
      optional: true,
      hint: plain('The internal channel where the AE handles the economic buyer relationship.'),
      element: {
        type: 'conversations_select',
        action_id: A,
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        ...(values.escalationChannelId ? { initial_conversation: values.escalationChannelId } : {}),
      },
    },
    textInput(B.nextStep, 'Next step on a pass', values.nextStep, {
      max: textLimits.nextStep,
      multiline: true,
      placeholder: 'e.g. Order form for 200 seats, signed by Dec 18',
    }),
  ];

  return {
    type: 'modal',
    callback_id: pocModal.callbackId,
    title: plain(meta.mode === 'new' ? 'New POC' : 'Edit POC'),
    submit: plain(meta.mode === 'new' ? 'Save and post' : 'Save changes'),
    close: plain('Cancel'),
    private_metadata: encodeMeta({ ...meta, rows }),
    blocks,
  };
}

// private_metadata is at most 3000 chars: short keys, 15 rows of [slot, id] fit easily.
export function encodeMeta(meta: PocModalMeta): string {
  return JSON.stringify({
    m: meta.mode,
    c: meta.channelId,
    p: meta.pocId,
    r: meta.rows.map((r) => [r.slot, r.criterionId]),
    ...(meta.lockedDates ? { l: [meta.lockedDates.endDate, meta.lockedDates.readoutDate] } : {}),
  });
}
