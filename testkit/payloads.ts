// Payload factories: the shapes Slack sends, with only the fields that vary as arguments.

let eventSeq = 0;

/**
 * An event ts for a reaction on the message at `ts` when the test gives none: on the message's
 * second, after every one made before (Slack's event_ts are unique and grow with time; reactions
 * are applied in their order).
 */
function laterThan(ts: string): string {
  const [sec = '0', frac = '0'] = ts.split('.');
  const micros = Math.min(999_999, Number(frac.padEnd(6, '0').slice(0, 6)) + ++eventSeq);
  return `${sec}.${String(micros).padStart(6, '0')}`;
}

export function reactionEvent(
  type: 'reaction_added' | 'reaction_removed',
  fields: { user: string; reaction: string; channel: string; ts: string; eventTs?: string; itemUser?: string },
): Record<string, unknown> {
  return {
    type,
    user: fields.user,
    reaction: fields.reaction,
    item_user: fields.itemUser ?? 'U0POCBOT',
    item: { type: 'message', channel: fields.channel, ts: fields.ts },
    event_ts: fields.eventTs ?? laterThan(fields.ts),
  };
}

export function messageEvent(fields: {
  user: string;
  channel: string;
  text: string;
  ts: string;
  threadTs?: string;
  userTeam?: string;
  channelType?: string;
}): Record<string, unknown> {
  return {
    type: 'message',
    channel: fields.channel,
    user: fields.user,
    text: fields.text,
    ts: fields.ts,
    event_ts: fields.ts,
    channel_type: fields.channelType ?? 'channel',
    ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
    ...(fields.userTeam ? { user_team: fields.userTeam, source_team: fields.userTeam } : {}),
  };
}

export function appHomeOpened(user: string): Record<string, unknown> {
  return {
    type: 'app_home_opened',
    user,
    channel: `D${user}`,
    tab: 'home',
    event_ts: `${Math.floor(Date.now() / 1000)}.000100`,
  };
}

/** A message shortcut (`message_action`) clicked on a message, as Slack sends it. */
export function messageShortcut(fields: {
  user: string;
  teamId: string;
  callbackId: string;
  channel: string;
  message: { ts: string; user?: string; bot_id?: string; text?: string };
  triggerId: string;
  responseUrl: string;
}): Record<string, unknown> {
  return {
    type: 'message_action',
    callback_id: fields.callbackId,
    user: { id: fields.user, team_id: fields.teamId },
    team: { id: fields.teamId },
    channel: { id: fields.channel, name: 'acme-pov' },
    api_app_id: 'A0POCBOT',
    trigger_id: fields.triggerId,
    response_url: fields.responseUrl,
    message_ts: fields.message.ts,
    action_ts: `${Math.floor(Date.now() / 1000)}.000300`,
    message: { type: 'message', ...fields.message },
  };
}

export function blockAction(fields: {
  user: string;
  teamId: string;
  /**
   * The clicker's own org when it is not `teamId`: an external Slack Connect member clicking the
   * app's message gets `team` = the app's workspace and `user.team_id` = their own (the payload
   * in slackapi/java-slack-sdk#1041).
   */
  userTeamId?: string;
  actionId: string;
  value?: string;
  blockId?: string;
  channel?: string;
  messageTs?: string;
  triggerId: string;
  responseUrl?: string;
  view?: Record<string, unknown>;
  selectedOption?: { value: string };
  /** When the click happened, as a Slack ts (default: the real clock's now). */
  actionTs?: string;
}): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: fields.user, team_id: fields.userTeamId ?? fields.teamId },
    team: { id: fields.teamId },
    api_app_id: 'A0POCBOT',
    trigger_id: fields.triggerId,
    ...(fields.channel
      ? {
          channel: { id: fields.channel },
          container: { type: 'message', channel_id: fields.channel, message_ts: fields.messageTs },
        }
      : {}),
    ...(fields.messageTs ? { message: { ts: fields.messageTs, text: '' } } : {}),
    ...(fields.responseUrl ? { response_url: fields.responseUrl } : {}),
    ...(fields.view ? { view: fields.view, container: { type: 'view', view_id: fields.view.id } } : {}),
    actions: [
      {
        type: fields.selectedOption ? 'static_select' : 'button',
        action_id: fields.actionId,
        block_id: fields.blockId ?? 'block',
        ...(fields.value !== undefined ? { value: fields.value } : {}),
        ...(fields.selectedOption ? { selected_option: fields.selectedOption } : {}),
        action_ts: fields.actionTs ?? `${Math.floor(Date.now() / 1000)}.000200`,
      },
    ],
  };
}

/** A view_submission for `view` (as the app opened it) with the user's input `values`. */
export function viewSubmission(fields: {
  user: string;
  teamId: string;
  view: Record<string, unknown>;
  values: Record<string, Record<string, unknown>>;
  triggerId?: string;
}): Record<string, unknown> {
  return {
    type: 'view_submission',
    team: { id: fields.teamId },
    user: { id: fields.user, team_id: fields.teamId },
    api_app_id: 'A0POCBOT',
    trigger_id: fields.triggerId ?? `${Date.now()}.1.trigger`,
    view: { ...fields.view, state: { values: fields.values } },
  };
}
