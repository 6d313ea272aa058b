// view.state.values as Slack would send them for a filled-in POC modal (tests and the demo).
import type { PocDraftInput } from '../src/domain/poc-draft.js';
import { criterionRowBlocks, pocModal } from '../src/slack/ids.js';
import type { ModalRow } from '../src/slack/views/poc-modal.js';

type Values = Record<string, Record<string, unknown>>;

export function modalState(input: PocDraftInput, rows: ModalRow[]): Values {
  const B = pocModal.blocks;
  const values: Values = {};
  const set = (block: string, state: Record<string, unknown>) => {
    values[block] = { [pocModal.input]: state };
  };
  const text = (block: string, value: string) =>
    set(block, { type: 'plain_text_input', value: value === '' ? null : value });
  const option = (block: string, value: string | undefined) =>
    set(block, {
      type: 'static_select',
      selected_option: value ? { value, text: { type: 'plain_text', text: value } } : null,
    });
  const user = (block: string, id: string | undefined) =>
    set(block, { type: 'users_select', selected_user: id ?? null });

  set(B.kind, { type: 'radio_buttons', selected_option: input.kind ? { value: input.kind } : null });
  text(B.name, input.name);
  text(B.hypothesis, input.hypothesis);
  text(B.metricName, input.metricName);
  set(B.metricBaseline, { type: 'number_input', value: input.metricBaseline || null });
  set(B.metricTarget, { type: 'number_input', value: input.metricTarget || null });
  text(B.metricUnit, input.metricUnit);
  rows.forEach((row, i) => {
    const ids = criterionRowBlocks(row.slot);
    const c = input.criteria[i] ?? { statement: '', threshold: '', category: undefined };
    text(ids.statement, c.statement);
    text(ids.threshold, c.threshold);
    option(ids.category, c.category);
  });
  text(B.outOfScope, input.outOfScope);
  set(B.startDate, { type: 'datepicker', selected_date: input.startDate ?? null });
  set(B.endDate, { type: 'datepicker', selected_date: input.endDate ?? null });
  set(B.readoutDate, { type: 'datepicker', selected_date: input.readoutDate ?? null });
  option(B.checkpointWeekday, input.checkpointWeekday);
  set(B.standupTime, { type: 'timepicker', selected_time: input.standupTime ?? null });
  text(B.timeZone, input.timeZone);
  option(B.vendorCountry, input.vendorCountry);
  option(B.customerCountry, input.customerCountry);
  text(B.regions, input.regions);
  // Only the new-POC form has the field; Slack sends state for the blocks a view has.
  if (input.daysOff) text(B.daysOff, input.daysOff);
  set(B.longOverride, { type: 'checkboxes', selected_options: input.longOverride ? [{ value: 'long' }] : [] });
  user(B.evaluatorId, input.evaluatorId);
  set(B.evaluatorIds, { type: 'multi_users_select', selected_users: input.evaluatorIds });
  user(B.economicBuyerId, input.economicBuyerId);
  user(B.aeId, input.aeId);
  user(B.seId, input.seId);
  user(B.championId, input.championId);
  user(B.procurementId, input.procurementId);
  set(B.escalationChannelId, {
    type: 'conversations_select',
    selected_conversation: input.escalationChannelId ?? null,
  });
  text(B.nextStep, input.nextStep);
  return values;
}
