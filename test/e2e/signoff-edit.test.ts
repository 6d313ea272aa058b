import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Poc } from '../../src/domain/poc.js';
import { pocModal } from '../../src/slack/ids.js';
import { people } from '../../src/testkit/fixtures.js';
import { eventually, type Harness, startHarness } from '../../src/testkit/harness.js';
import { reactionEvent } from '../../src/testkit/payloads.js';
import { validInput } from '../helpers/poc-draft-input.js';
import { addPeople, channel, click, currentModal, openNewModal, rowsOf, submit } from '../helpers/poc-flow.js';

async function createPoc(h: Harness, overrides: Parameters<typeof validInput>[0] = {}): Promise<Poc> {
  const modal = await click(h, await openNewModal(h), pocModal.addCriterion, validInput({ criteria: [] }));
  const res = await submit(h, modal, validInput(overrides));
  if (res.text !== '') throw new Error(`submission refused: ${res.text}`);
  return eventually(() => {
    const p = h.bot.store.pocs.openInChannel(h.fake.teamId, channel);
    return p?.documentTs && h.bot.store.criteria.listActive(p.id).every((c) => c.messageTs) ? p : undefined;
  });
}

const react = (h: Harness, user: string, ts: string, reaction = 'white_check_mark') =>
  h.slack.event(reactionEvent('reaction_added', { user, reaction, channel, ts }));

describe('sign-off', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: '2026-11-23T15:00:00Z' }); // Monday 10:00 in New York
    addPeople(h);
  });
  afterEach(async () => {
    await h.stop();
  });

  it('the evaluator’s ✅ before the start date signs off, awaiting start, and says so in the thread', async () => {
    const poc = await createPoc(h); // starts 2026-11-30
    const res = await react(h, people.evaluator, poc.documentTs as string);
    expect(res.status).toBe(200);
    const signed = await eventually(() => {
      const p = h.bot.store.pocs.byId(poc.id);
      return p?.stage !== 'awaiting_signoff' ? p : undefined;
    });
    expect(signed).toMatchObject({ stage: 'signed_off', signedOffBy: people.evaluator, signedOffAt: '2026-11-23T15:00:00.000Z' });
    const reply = await eventually(() => h.fake.threadReplies(channel, poc.documentTs as string)[0]);
    expect(reply.text).toContain(`<@${people.evaluator}> signed off the success criteria`);
    expect(reply.text).toContain('starts on 2026-11-30');
    // The document itself is updated right after the thread reply.
    await eventually(() => JSON.stringify(h.fake.findMessage(channel, poc.documentTs as string)?.blocks).includes(`Signed off by <@${people.evaluator}>`));
    // And the scoreboard goes up, pinned: every criterion undecided, before anyone reacts.
    const boardTs = await eventually(() => h.bot.store.pocs.byId(poc.id)?.scoreboardTs ?? undefined);
    expect(JSON.stringify(h.fake.findMessage(channel, boardTs)?.blocks)).toContain('0 of 2 decided');
    await eventually(() => h.fake.pins.some((p) => p.ts === boardTs));
  });

  it('the evaluator’s ✅ on or after the start date makes the POC active', async () => {
    const poc = await createPoc(h, { startDate: '2026-11-23', endDate: '2026-12-04', readoutDate: '2026-12-07' });
    await react(h, people.evaluator, poc.documentTs as string, 'heavy_check_mark');
    const signed = await eventually(() => (h.bot.store.pocs.byId(poc.id)?.stage === 'active' ? h.bot.store.pocs.byId(poc.id) : undefined));
    expect(signed?.signedOffBy).toBe(people.evaluator);
  });

  it('the evaluator taking their ✅ off later is said in the thread; the sign-off stands', async () => {
    const poc = await createPoc(h);
    const doc = poc.documentTs as string;
    const unreact = (user: string, reaction = 'white_check_mark') => h.slack.event(reactionEvent('reaction_removed', { user, reaction, channel, ts: doc }));
    // Before any sign-off, and by anyone but the evaluator, removing a ✅ says nothing.
    await unreact(people.evaluator);
    await react(h, people.evaluator, doc);
    await eventually(() => h.fake.threadReplies(channel, doc).length === 1);
    await unreact(people.se);
    await unreact(people.evaluator, 'eyes');
    await unreact(people.evaluator);
    const note = await eventually(() => h.fake.threadReplies(channel, doc)[1]);
    expect(note.text).toContain(`<@${people.evaluator}> removed their ✅ from the criteria document`);
    expect(note.text).toContain('The sign-off of 2026-11-23 stands');
    expect(note.text).toContain(`<@${people.se}>`);
    expect(h.bot.store.pocs.byId(poc.id)).toMatchObject({ stage: 'signed_off', signedOffBy: people.evaluator });
    await new Promise((r) => setTimeout(r, 150));
    expect(h.fake.threadReplies(channel, doc)).toHaveLength(2);
  });

  it('a ✅ on the document by anyone else signs nothing', async () => {
    const poc = await createPoc(h);
    await react(h, people.se, poc.documentTs as string);
    await react(h, people.bystander, poc.documentTs as string);
    await eventually(() => h.fake.ephemerals.filter((e) => /Only the technical evaluator/.test(e.text)).length === 2);
    const after = h.bot.store.pocs.byId(poc.id);
    expect(after).toMatchObject({ stage: 'awaiting_signoff', signedOffBy: null, signedOffAt: null });
    expect(h.fake.threadReplies(channel, poc.documentTs as string)).toHaveLength(0);
  });

  it('the evaluator’s ✅ on a criterion message is not a sign-off', async () => {
    const poc = await createPoc(h);
    const c1 = h.bot.store.criteria.listActive(poc.id)[0];
    await react(h, people.evaluator, c1?.messageTs as string);
    await new Promise((r) => setTimeout(r, 150));
    expect(h.bot.store.pocs.byId(poc.id)?.stage).toBe('awaiting_signoff');
  });

  it('a retried event and a second ✅ post one confirmation only', async () => {
    const poc = await createPoc(h);
    await react(h, people.evaluator, poc.documentTs as string);
    await react(h, people.evaluator, poc.documentTs as string, 'heavy_check_mark');
    await eventually(() => h.fake.threadReplies(channel, poc.documentTs as string).length === 1);
    await new Promise((r) => setTimeout(r, 150));
    expect(h.fake.threadReplies(channel, poc.documentTs as string)).toHaveLength(1);
  });
});

describe('/poc edit', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: '2026-11-23T15:00:00Z' });
    addPeople(h);
  });
  afterEach(async () => {
    await h.stop();
  });

  async function openEdit(userId: string = people.se) {
    const before = h.fake.views.size;
    const res = await h.slack.command({ text: 'edit', userId, channelId: channel });
    return { res, modal: h.fake.views.size > before ? currentModal(h) : await eventually(() => (h.fake.views.size > before ? currentModal(h) : undefined)) };
  }

  it('reopens the modal prefilled, and announces changes made after sign-off', async () => {
    const poc = await createPoc(h);
    await react(h, people.evaluator, poc.documentTs as string);
    await eventually(() => h.bot.store.pocs.byId(poc.id)?.signedOffBy);
    const [c1, c2] = h.bot.store.criteria.listActive(poc.id);
    // The scoreboard is up (a first decision or /poc status puts it up).
    await h.bot.services.scoreboard.ensure(poc.id);
    const boardTs = h.bot.store.pocs.byId(poc.id)?.scoreboardTs as string;
    expect(boardTs).toBeTruthy();

    const { modal } = await openEdit();
    expect((modal.view.title as { text: string }).text).toBe('Edit POC');
    expect(rowsOf(modal)).toEqual([
      { slot: 1, criterionId: c1?.id },
      { slot: 2, criterionId: c2?.id },
    ]);
    const blocks = modal.view.blocks as Array<{ block_id?: string; element?: Record<string, unknown> }>;
    expect(blocks.find((b) => b.block_id === 'poc_criterion_2_statement')?.element?.initial_value).toBe(c2?.statement);

    // As the edit form shows it: the customer's country was taken from the evaluator's zone (Berlin) at creation.
    const base = validInput({ customerCountry: 'DE' });
    const changed = { statement: 'SSO through Okta works for 15 of 20 pilot users', threshold: '15 of 20 users', category: 'integration' };
    const added = { statement: 'Audit log exports 30 days in 1 file', threshold: '', category: 'functional' };
    const withRow = await click(h, modal, pocModal.addCriterion, base);
    const edited = validInput({ customerCountry: 'DE', criteria: [base.criteria[0] as (typeof base.criteria)[number], changed, added], endDate: '2026-12-18', readoutDate: '2026-12-21' });
    const res = await submit(h, withRow, edited);
    expect(res.text).toBe('');

    const announcement = await eventually(() => h.fake.channelMessages(channel).find((m) => /after sign-off/.test(JSON.stringify(m.blocks))));
    const text = JSON.stringify(announcement.blocks);
    expect(text).toContain('Criterion 2 changed after sign-off: “SSO through Okta works for all pilot users (threshold: 20 of 20 users) [Integration]” → “SSO through Okta works for 15 of 20 pilot users');
    expect(text).toContain('Criterion 3 added after sign-off');
    expect(text).toContain('End date changed after sign-off: “2026-12-11” → “2026-12-18”');

    const c2Message = await eventually(() => {
      const m = h.fake.findMessage(channel, c2?.messageTs as string);
      return m && m.edits.length > 0 ? m : undefined;
    });
    expect(JSON.stringify(c2Message.blocks)).toContain('15 of 20 pilot users');
    const c1Message = h.fake.findMessage(channel, c1?.messageTs as string);
    expect(c1Message?.edits).toHaveLength(0);

    const c3 = await eventually(() => h.bot.store.criteria.listActive(poc.id).find((c) => c.position === 3 && c.messageTs));
    expect(JSON.stringify(h.fake.findMessage(channel, c3.messageTs as string)?.blocks)).toContain('Audit log exports 30 days');

    const doc = h.fake.findMessage(channel, poc.documentTs as string);
    expect(JSON.stringify(doc?.blocks)).toContain('2026-12-18');
    // The scoreboard, updated in place, lists the criteria as they now stand.
    const board = await eventually(() => {
      const m = h.fake.findMessage(channel, boardTs);
      return m && m.edits.length > 0 ? m : undefined;
    });
    expect(JSON.stringify(board.blocks)).toContain('15 of 20 pilot users');
    expect(JSON.stringify(board.blocks)).toContain('Audit log exports 30 days');

    expect(h.bot.store.pocs.byId(poc.id)?.endDate).toBe('2026-12-18');
    const log = h.bot.store.pocChanges.list(poc.id);
    expect(log.map((l) => [l.field, l.afterSignoff, l.changedBy])).toEqual([
      ['endDate', true, people.se],
      ['readoutDate', true, people.se],
      ['criterion.2', true, people.se],
      ['criterion.3', true, people.se],
    ]);
  });

  it('logs changes before sign-off without announcing them', async () => {
    const poc = await createPoc(h);
    const { modal } = await openEdit();
    const res = await submit(h, modal, validInput({ name: 'Acme PoV, renamed', customerCountry: 'DE' }));
    expect(res.text).toBe('');
    await eventually(() => h.fake.ephemerals.find((e) => /Saved 1 change/.test(e.text)));
    expect(h.bot.store.pocChanges.list(poc.id).map((l) => [l.field, l.before, l.after, l.afterSignoff])).toEqual([
      ['name', 'Acme analytics PoV', 'Acme PoV, renamed', false],
    ]);
    expect(h.fake.channelMessages(channel).some((m) => /after sign-off/.test(JSON.stringify(m.blocks)))).toBe(false);
  });

  it('refuses anyone but the SE or AE', async () => {
    await createPoc(h);
    const views = h.fake.views.size;
    const res = await h.slack.command({ text: 'edit', userId: people.bystander, channelId: channel });
    expect((res.json as { text: string }).text).toMatch(/Only the SE .* or the AE .* can edit the criteria/);
    expect(h.fake.views.size).toBe(views);
  });

  it('refuses an invalid edit inline and changes nothing', async () => {
    const poc = await createPoc(h);
    const { modal } = await openEdit();
    const res = await submit(h, modal, validInput({ readoutDate: '2026-12-01' }));
    expect((res.json as { errors: Record<string, string> }).errors).toHaveProperty(pocModal.blocks.readoutDate);
    expect(h.bot.store.pocs.byId(poc.id)?.readoutDate).toBe('2026-12-14');
    expect(h.bot.store.pocChanges.list(poc.id)).toEqual([]);
  });
});
