// Who may change a POC, and the open POC of a channel: shared by the evaluation use cases.
import { dayLabel, localDate } from '../domain/calendar.js';
import { type Poc, stageLabels } from '../domain/poc.js';
import { escapeText } from '../slack/views/text.js';
import type { Store } from '../store/index.js';

export type Refusal = { ok: false; message: string };

export const noPocHere =
  'There is no open POC in this channel. Run `/poc new` here to start one, or `/poc list` to see yours.';

/**
 * What a command in a channel without an open POC answers: that the one before was closed, and
 * when, if there was one (a closed POC is not found by the open-POC lookups, and "there is no POC
 * here" reads as if its data were gone); `none` when the channel never had one.
 */
export async function noOpenPoc(
  store: Store,
  teamId: string,
  channelId: string,
  none: string = noPocHere,
): Promise<string> {
  const last = await store.pocs.latestClosedInChannel(teamId, channelId);
  if (!last?.closedAt) return none;
  const on = dayLabel(localDate(new Date(last.closedAt), last.timeZone));
  return `${escapeText(last.name)} in this channel was closed on ${on} (${stageLabels[last.stage]}); nothing is open here now. Run \`/poc new\` here to start the next one, or \`/poc list\` to see yours.`;
}

/** Only the SE and the AE change a POC (issues, scope decisions, extensions). */
export function canChange(poc: Pick<Poc, 'seId' | 'aeId'>, userId: string): boolean {
  return userId === poc.seId || userId === poc.aeId;
}

export function notAllowed(poc: Pick<Poc, 'seId' | 'aeId'>, what: string): string {
  return `Only the SE (<@${poc.seId}>) or the AE (<@${poc.aeId}>) can ${what} for this POC.`;
}

/** The channel's open POC that an SE or AE may change, or the refusal to show. */
export async function changeablePoc(
  store: Store,
  teamId: string,
  channelId: string,
  userId: string,
  what: string,
): Promise<{ ok: true; poc: Poc } | Refusal> {
  const poc = await store.pocs.openInChannel(teamId, channelId);
  if (!poc) return { ok: false, message: await noOpenPoc(store, teamId, channelId) };
  if (!canChange(poc, userId)) return { ok: false, message: notAllowed(poc, what) };
  return { ok: true, poc };
}

/** Stages in which the criteria are live: decisions and evidence count. */
export const evaluatingStages: ReadonlySet<Poc['stage']> = new Set(['signed_off', 'active', 'readout']);
