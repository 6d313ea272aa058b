// Every action_id, callback_id and block_id the app sends. Constants, never generated at run
// time, so buttons in messages posted weeks ago still route after a restart.

export const commandName = '/poc';

/** Metadata event_type on every post the outbox sends (carries the outbox key). */
export const postMetadataType = 'pocbot_post';

/**
 * The `/poc new` and `/poc edit` modal. Inputs all use `pocModal.input` as action_id (an
 * action_id only has to be unique within its block), so state is read as values[block][input].
 */
export const pocModal = {
  callbackId: 'poc_document_modal',
  input: 'value',
  addCriterion: 'poc_modal_add_criterion',
  removeCriterion: 'poc_modal_remove_criterion',
  blocks: {
    kind: 'poc_kind',
    name: 'poc_name',
    hypothesis: 'poc_hypothesis',
    metricName: 'poc_metric_name',
    metricBaseline: 'poc_metric_baseline',
    metricTarget: 'poc_metric_target',
    metricUnit: 'poc_metric_unit',
    criteriaHeader: 'poc_criteria_header',
    criteriaActions: 'poc_criteria_actions',
    outOfScope: 'poc_out_of_scope',
    startDate: 'poc_start_date',
    endDate: 'poc_end_date',
    readoutDate: 'poc_readout_date',
    /** After sign-off: the end and readout dates shown, not editable (they move with `/poc extend`). */
    datesLocked: 'poc_dates_locked',
    checkpointWeekday: 'poc_checkpoint_weekday',
    standupTime: 'poc_standup_time',
    timeZone: 'poc_time_zone',
    vendorCountry: 'poc_vendor_country',
    customerCountry: 'poc_customer_country',
    regions: 'poc_regions',
    daysOff: 'poc_days_off',
    longOverride: 'poc_long_override',
    evaluatorId: 'poc_evaluator',
    evaluatorIds: 'poc_evaluators',
    economicBuyerId: 'poc_economic_buyer',
    aeId: 'poc_ae',
    seId: 'poc_se',
    championId: 'poc_champion',
    procurementId: 'poc_procurement',
    escalationChannelId: 'poc_escalation_channel',
    nextStep: 'poc_next_step',
  },
} as const;

/**
 * Block ids of one criterion row in the modal. `slot` is a small number (1…15) that stays with
 * the row while others are added or removed, so Slack keeps what was typed in each row.
 */
export function criterionRowBlocks(slot: number) {
  return {
    heading: `poc_criterion_${slot}`,
    statement: `poc_criterion_${slot}_statement`,
    threshold: `poc_criterion_${slot}_threshold`,
    category: `poc_criterion_${slot}_category`,
  } as const;
}

/** `/poc readout` preview: the button that posts the readout to the channel (value = POC id). */
export const readoutPostAction = 'readout_post';
export const readoutPreviewActionsBlock = 'readout_preview_actions';

/** `/poc issue` without a severity: the ephemeral buttons that set it (value = issue id). */
export const issueSeverityBlock = 'issue_severity';
export const issueSeverityActions = {
  blocker: 'issue_severity_blocker',
  limitation: 'issue_severity_limitation',
  cosmetic: 'issue_severity_cosmetic',
} as const;

/** `/poc scope`: defer or accept an out-of-scope request (value = scope request id). */
export const scopeDecisionBlock = 'scope_decision';
export const scopeDeferAction = 'scope_defer';
export const scopeAcceptAction = 'scope_accept';
/** The message shortcut "Log as scope request" (declared in manifest.json). */
export const scopeShortcut = 'poc_log_scope_request';
/** The modal that accepts a scope request: a new end date or a dropped criterion. */
export const scopeAcceptModal = {
  callbackId: 'scope_accept_modal',
  newEndBlock: 'scope_new_end',
  newEndAction: 'scope_new_end_date',
  dropBlock: 'scope_drop',
  dropAction: 'scope_drop_criterion',
} as const;

/** Weekly checkpoint: "are we on track?" buttons (value = the checkpoint's outbox key) and the answers line. */
export const checkpointAnswerBlock = 'checkpoint_answer';
export const checkpointOnTrackAction = 'checkpoint_on_track';
export const checkpointAtRiskAction = 'checkpoint_at_risk';
export const checkpointAnswersBlock = 'checkpoint_answers';

/** Buttons on every nudge and escalation DM (value = the nudge key). */
export const nudgeActionsBlock = 'nudge_actions';
export const nudgeOutcomeBlock = 'nudge_outcome';
export const nudgeActions = {
  ping: 'nudge_ping_evaluator',
  handle: 'nudge_handle',
  snooze: 'nudge_snooze',
  dismiss: 'nudge_dismiss',
} as const;

/**
 * The Confirm button under a vendor call in a criterion's thread (value: `criterionId:revision:result`):
 * a customer evaluator confirms the SE's or AE's call in one click.
 */
export const confirmCallBlock = 'confirm_vendor_call';
export const confirmCallAction = 'confirm_vendor_call';

/** A second extension waits for the AE: Approve and Decline in the AE's DM (value = the extension id). */
export const extensionApprovalBlock = 'extension_approval';
export const extensionApproveAction = 'extension_approve';
export const extensionDeclineAction = 'extension_decline';

/** A user id (`U…`, or `W…` in Enterprise Grid) rather than a channel id: posts to it go by DM. */
export function isUserTarget(target: string): boolean {
  return /^[UW][A-Z0-9]+$/.test(target);
}
