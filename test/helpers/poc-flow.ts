// Drives `/poc new` through the real app: the command, the modal Slack opened, the submission.
import type { PocDraftInput } from '../../src/domain/poc-draft.js';
import { decodeMeta } from '../../src/slack/views/poc-modal-state.js';
import { people } from '../../testkit/fixtures.js';
import { eventually, type Harness } from '../../testkit/harness.js';
import { blockAction, viewSubmission } from '../../testkit/payloads.js';
import { modalState } from '../../testkit/poc-modal-state.js';

export const channel = 'C0ACME';

export function addPeople(h: Harness): void {
  h.fake.addUser({ id: people.se, tz: 'America/New_York' });
  h.fake.addUser({ id: people.ae, tz: 'America/Los_Angeles' });
  h.fake.addUser({ id: people.evaluator, team_id: 'T0CUSTOMER', tz: 'Europe/Berlin' });
  h.fake.addUser({ id: people.economicBuyer, team_id: 'T0CUSTOMER' });
  h.fake.addUser({ id: people.bystander });
  h.fake.addChannel({ id: channel });
  h.fake.addChannel({ id: 'C0ESCAL' });
}

export interface OpenModal {
  id: string;
  hash: string;
  view: Record<string, unknown>;
}

/** The modal as Slack holds it now (after views.open or the latest views.update). */
export function currentModal(h: Harness, id?: string): OpenModal {
  const all = [...h.fake.views.values()];
  const found = id ? h.fake.views.get(id) : all[all.length - 1];
  if (!found) throw new Error('no modal open');
  return { id: found.id, hash: found.hash, view: { ...found.view, id: found.id, hash: found.hash } };
}

export function rowsOf(modal: OpenModal) {
  const meta = decodeMeta(modal.view.private_metadata as string);
  if (!meta) throw new Error('modal without metadata');
  return meta.rows;
}

export async function openNewModal(
  h: Harness,
  text = 'new Acme analytics PoV',
  userId: string = people.se,
): Promise<OpenModal> {
  const before = h.fake.views.size;
  const res = await h.slack.command({ text, userId, channelId: channel });
  if (res.status !== 200) throw new Error(`command answered ${res.status}`);
  await eventually(() => h.fake.views.size > before);
  return currentModal(h);
}

export function submit(h: Harness, modal: OpenModal, input: PocDraftInput, userId: string = people.se) {
  return h.slack.interaction(
    viewSubmission({ user: userId, teamId: h.fake.teamId, view: modal.view, values: modalState(input, rowsOf(modal)) }),
  );
}

/** Clicks a button in the modal with these values typed; returns the modal after Slack's update. */
export async function click(
  h: Harness,
  modal: OpenModal,
  actionId: string,
  input: PocDraftInput,
  value = 'add',
): Promise<OpenModal> {
  const view = { ...modal.view, state: { values: modalState(input, rowsOf(modal)) } };
  const res = await h.slack.interaction(
    blockAction({ user: people.se, teamId: h.fake.teamId, actionId, value, triggerId: h.fake.issueTrigger(), view }),
  );
  if (res.status !== 200) throw new Error(`action answered ${res.status}`);
  return eventually(() => {
    const now = currentModal(h, modal.id);
    return now.hash !== modal.hash ? now : undefined;
  });
}
