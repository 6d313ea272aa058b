import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Poc } from '../../src/domain/poc.js';
import { pocModal } from '../../src/slack/ids.js';
import { people } from '../../testkit/fixtures.js';
import { commandReply, eventually, type Harness, onPostgres, startHarness } from '../../testkit/harness.js';
import { reactionEvent } from '../../testkit/payloads.js';
import { validInput } from '../helpers/poc-draft-input.js';
import { addPeople, channel, click, currentModal, openNewModal, rowsOf, submit } from '../helpers/poc-flow.js';

async function createPoc(h: Harness, overrides: Parameters<typeof validInput>[0] = {}): Promise<Poc> {
  const modal = await click(h, await openNewModal(h), pocModal.addCriterion, validInput({ criteria: [] }));
  const res = await submit(h, modal, validInput(overrides));
  if (res.text !== '') throw new Error(`submission refused: ${res.text}`);
  return eventually(async () => {
    const p = await h.bot.store.pocs.openInChannel(h.fake.teamId, channel);
    return p?.documentTs && (await h.bot.store.criteria.listActive(p.id)).every((c) => c.messageTs) ? p : undefined;
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
    const signed = await eventually(async () => {
      const p = await h.bot.store.pocs.byId(poc.id);
      return p?.stage !== 'awaiting_signoff' ? p : undefined;
    });
    expect(signed).toMatchObject({
      stage: 'signed_off',
      signedOffBy: people.evaluator,
      signedOffAt: '2026-11-23T15:00:00.000Z',
    });
    const reply = await eventually(() => h.fake.threadReplies(channel, poc.documentTs as string)[0]);
    expect(reply.text).toContain(`<@${people.evaluator}> signed off the success criteria`);
    expect(reply.text).toContain('starts on 2026-11-30');
    // The document itself is updated right after the thread reply.
    await eventually(() =>
      JSON.stringify(h.fake.findMessage(channel, poc.documentTs as string)?.blocks).includes(
        `Signed off by <@${people.evaluator}>`,
      ),
    );
    // And the scoreboard goes up, pinned: every criterion undecided, before anyone reacts.
    const boardTs = await eventually(async () => (await h.bot.store.pocs.byId(poc.id))?.scoreboardTs ?? undefined);
    expect(JSON.stringify(h.fake.findMessage(channel, boardTs)?.blocks)).toContain('0 of 2 decided');
    await eventually(() => h.fake.pins.some((p) => p.ts === boardTs));
  });

  it('the evaluator’s ✅ on or after the start date makes the POC active', async () => {
    const poc = await createPoc(h, { startDate: '2026-11-23', endDate: '2026-12-04', readoutDate: '2026-12-07' });
    await react(h, people.evaluator, poc.documentTs as string, 'heavy_check_mark');
    const signed = await eventually(async () =>
      (await h.bot.store.pocs.byId(poc.id))?.stage === 'active' ? await h.bot.store.pocs.byId(poc.id) : undefined,
    );
    expect(signed?.signedOffBy).toBe(people.evaluator);
  });

  it('the evaluator taking their ✅ off later is said in the thread; the sign-off stands', async () => {
    const poc = await createPoc(h);
    const doc = poc.documentTs as string;
    const unreact = (user: string, reaction = 'white_check_mark') =>
      h.slack.event(reactionEvent('reaction_removed', { user, reaction, channel, ts: doc }));
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
    expect(await h.bot.store.pocs.byId(poc.id)).toMatchObject({ stage: 'signed_off', signedOffBy: people.evaluator });
    await new Promise((r) => setTimeout(r, 150));
    expect(h.fake.threadReplies(channel, doc)).toHaveLength(2);
  });

  it('a ✅ on the document by anyone else signs nothing', async () => {
    const poc = await createPoc(h);
    await react(h, people.se, poc.documentTs as string);
    await react(h, people.bystander, poc.documentTs as string);
    await eventually(
      () => h.fake.ephemerals.filter((e) => /Only the lead technical evaluator/.test(e.text)).length === 2,
    );
    const after = await h.bot.store.pocs.byId(poc.id);
    expect(after).toMatchObject({ stage: 'awaiting_signoff', signedOffBy: null, signedOffAt: null });
    expect(h.fake.threadReplies(channel, poc.documentTs as string)).toHaveLength(0);
  });

  it('the evaluator’s ✅ on a criterion message is not a sign-off', async () => {
    const poc = await createPoc(h);
    const c1 = (await h.bot.store.criteria.listActive(poc.id))[0];
    await react(h, people.evaluator, c1?.messageTs as string);
    await new Promise((r) => setTimeout(r, 150));
    expect((await h.bot.store.pocs.byId(poc.id))?.stage).toBe('awaiting_signoff');
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
    return {
      res,
      modal:
        h.fake.views.size > before
          ? currentModal(h)
          : await eventually(() => (h.fake.views.size > before ? currentModal(h) : undefined)),
    };
  }

  const docText = (poc: Poc) => JSON.stringify(h.fake.findMessage(channel, poc.documentTs as string)?.blocks ?? []);
  const unreact = (user: string, ts: string) =>
    h.slack.event(reactionEvent('reaction_removed', { user, reaction: 'white_check_mark', channel, ts }));

  it('after sign-off, a reworded criterion loses its result (kept as history), the document awaits re-sign-off, and the lead’s ✅ signs it again', async () => {
    const poc = await createPoc(h);
    await react(h, people.evaluator, poc.documentTs as string);
    await eventually(async () => (await h.bot.store.pocs.byId(poc.id))?.signedOffBy);
    const [c1, c2] = await h.bot.store.criteria.listActive(poc.id);
    // The lead passes criterion 2 before it changes.
    await react(h, people.evaluator, c2?.messageTs as string);
    await eventually(
      async () =>
        (await h.bot.services.pocStatus.summary((await h.bot.store.pocs.byId(poc.id)) as Poc)).progress.pass === 1,
    );
    const boardTs = await eventually(async () => (await h.bot.store.pocs.byId(poc.id))?.scoreboardTs ?? undefined);

    const { modal } = await openEdit();
    expect((modal.view.title as { text: string }).text).toBe('Edit POC');
    expect(rowsOf(modal)).toEqual([
      { slot: 1, criterionId: c1?.id },
      { slot: 2, criterionId: c2?.id },
    ]);
    const blocks = modal.view.blocks as Array<{
      block_id?: string;
      element?: Record<string, unknown>;
      text?: { text: string };
    }>;
    expect(blocks.find((b) => b.block_id === 'poc_criterion_2_statement')?.element?.initial_value).toBe(c2?.statement);
    // Signed off: the end and readout dates are shown, not editable, with the way to move them.
    expect(
      blocks.some((b) => b.block_id === pocModal.blocks.endDate || b.block_id === pocModal.blocks.readoutDate),
    ).toBe(false);
    expect(blocks.find((b) => b.block_id === pocModal.blocks.datesLocked)?.text?.text).toContain('/poc extend');

    // As the edit form shows it: the customer's country was taken from the evaluator's zone (Berlin) at creation.
    const base = validInput({ customerCountry: 'DE' });
    const changed = {
      statement: 'SSO through Okta works for 15 of 20 pilot users',
      threshold: '15 of 20 users',
      category: 'integration',
    };
    const added = { statement: 'Audit log exports at least 30 days in 1 file', threshold: '', category: 'functional' };
    const withRow = await click(h, modal, pocModal.addCriterion, base);
    const res = await submit(
      h,
      withRow,
      validInput({
        customerCountry: 'DE',
        criteria: [base.criteria[0] as (typeof base.criteria)[number], changed, added],
      }),
    );
    expect(res.text).toBe('');

    // The diff, in the document's thread, mentioning the lead and asking them to sign again.
    const announcement = await eventually(() =>
      h.fake
        .threadReplies(channel, poc.documentTs as string)
        .find((m) => /after sign-off/.test(JSON.stringify(m.blocks))),
    );
    const text = JSON.stringify(announcement.blocks);
    expect(text).toContain(
      'Criterion 2 changed after sign-off: “SSO through Okta works for all pilot users (threshold: 20 of 20 users) [Integration]” → “SSO through Okta works for 15 of 20 pilot users',
    );
    expect(text).toContain('Criterion 3 added after sign-off');
    expect(text).toContain(`<@${people.evaluator}>, please check and sign again with ✅ on the criteria document`);
    expect(text).toContain('changed since sign-off, awaiting re-sign-off');
    expect(h.fake.channelMessages(channel).some((m) => /after sign-off/.test(JSON.stringify(m.blocks)))).toBe(false);

    const updated = (await h.bot.store.pocs.byId(poc.id)) as Poc;
    expect(updated.changedSinceSignoffAt).toBe('2026-11-23T15:00:00.000Z');
    expect(updated.endDate).toBe('2026-12-11');
    await eventually(() => docText(poc).includes('Changed since sign-off, awaiting re-sign-off'));

    // Criterion 2 is undecided again; its PASS is history, in the scoreboard, status and readout.
    const standing2 = (await h.bot.services.pocStatus.summary(updated)).standings.find(
      (s) => s.criterion.id === c2?.id,
    );
    expect(standing2?.decision).toBeUndefined();
    expect(standing2?.earlier).toMatchObject({ decision: { result: 'pass', decidedBy: people.evaluator } });
    const board = await eventually(() => {
      const m = h.fake.findMessage(channel, boardTs);
      return m && JSON.stringify(m.blocks).includes('15 of 20 pilot users') ? m : undefined;
    });
    expect(JSON.stringify(board.blocks)).toContain(`changed since its earlier call: PASS by <@${people.evaluator}>`);
    expect(JSON.stringify(board.blocks)).toContain('changed since sign-off, awaiting re-sign-off');
    const status = await commandReply(h, { text: 'status', userId: people.se, channelId: channel });
    expect(JSON.stringify(status.reply)).toContain('changed since sign-off, awaiting re-sign-off');
    const md = (await h.bot.services.readout.build(updated)).markdown;
    expect(md).toContain('### #2 NOT TESTED — SSO through Okta works for 15 of 20 pilot users');
    expect(md).toContain(
      `- Before its statement or threshold changed: PASS by w0eval (@${people.evaluator}) (lead evaluator)`,
    );
    expect(md).toContain('**changed since sign-off, awaiting re-sign-off**');

    const c2Message = await eventually(() => {
      const m = h.fake.findMessage(channel, c2?.messageTs as string);
      return m && m.edits.length > 0 ? m : undefined;
    });
    expect(JSON.stringify(c2Message.blocks)).toContain('15 of 20 pilot users');
    expect(h.fake.findMessage(channel, c1?.messageTs as string)?.edits).toHaveLength(0);
    const c3 = await eventually(async () =>
      (await h.bot.store.criteria.listActive(poc.id)).find((c) => c.position === 3 && c.messageTs),
    );
    expect(JSON.stringify(h.fake.findMessage(channel, c3.messageTs as string)?.blocks)).toContain(
      'Audit log exports at least 30 days',
    );

    // The SE's ✅ signs nothing; the lead takes their ✅ off the document and puts it back: signed again.
    await react(h, people.se, poc.documentTs as string);
    await unreact(people.evaluator, poc.documentTs as string);
    await react(h, people.evaluator, poc.documentTs as string);
    const resigned = await eventually(async () => {
      const p = await h.bot.store.pocs.byId(poc.id);
      return p?.changedSinceSignoffAt === null ? p : undefined;
    });
    expect(resigned).toMatchObject({
      signedOffBy: people.evaluator,
      signedOffAt: '2026-11-23T15:00:00.000Z',
      resignedOffAt: '2026-11-23T15:00:00.000Z',
      stage: 'signed_off',
    });
    await eventually(() =>
      h.fake
        .threadReplies(channel, poc.documentTs as string)
        .some((m) => m.text.includes('signed the changed success criteria again')),
    );
    await eventually(() => docText(poc).includes('signed again on 2026-11-23 after changes'));
    // Taking the ✅ off to sign again is not reported as a withdrawn sign-off.
    expect(
      h.fake.threadReplies(channel, poc.documentTs as string).some((m) => m.text.includes('removed their ✅')),
    ).toBe(false);

    expect((await h.bot.store.pocChanges.list(poc.id)).map((l) => [l.field, l.afterSignoff, l.changedBy])).toEqual([
      ['criterion.2', true, people.se],
      ['criterion.3', true, people.se],
      ['resignoff', true, people.evaluator],
    ]);
  });

  it('a newly named lead evaluator must sign: the earlier lead’s ✅ no longer does', async () => {
    h.fake.addUser({ id: 'W0NEWLEAD', team_id: 'T0CUSTOMER' });
    const poc = await createPoc(h);
    await react(h, people.evaluator, poc.documentTs as string);
    await eventually(async () => (await h.bot.store.pocs.byId(poc.id))?.signedOffBy);
    const { modal } = await openEdit();
    expect((await submit(h, modal, validInput({ evaluatorId: 'W0NEWLEAD' }))).text).toBe('');
    await eventually(async () => (await h.bot.store.pocs.byId(poc.id))?.changedSinceSignoffAt);
    const note = await eventually(() =>
      h.fake
        .threadReplies(channel, poc.documentTs as string)
        .find((m) => /Lead technical evaluator changed/.test(JSON.stringify(m.blocks))),
    );
    expect(JSON.stringify(note.blocks)).toContain('<@W0NEWLEAD>, please check and sign again');
    await unreact(people.evaluator, poc.documentTs as string);
    await react(h, people.evaluator, poc.documentTs as string);
    await new Promise((r) => setTimeout(r, 150));
    expect((await h.bot.store.pocs.byId(poc.id))?.changedSinceSignoffAt).not.toBeNull();
    await react(h, 'W0NEWLEAD', poc.documentTs as string);
    const signed = await eventually(async () => {
      const p = await h.bot.store.pocs.byId(poc.id);
      return p?.changedSinceSignoffAt === null ? p : undefined;
    });
    expect(signed.signedOffBy).toBe('W0NEWLEAD');
  });

  it('a ✅ whose removal Slack delivered first signs nothing', async () => {
    const poc = await createPoc(h);
    const doc = poc.documentTs as string;
    await h.slack.event(
      reactionEvent('reaction_removed', {
        user: people.evaluator,
        reaction: 'white_check_mark',
        channel,
        ts: doc,
        eventTs: '1795531000.000200',
      }),
    );
    await h.slack.event(
      reactionEvent('reaction_added', {
        user: people.evaluator,
        reaction: 'white_check_mark',
        channel,
        ts: doc,
        eventTs: '1795531000.000100',
      }),
    );
    await new Promise((r) => setTimeout(r, 200));
    const after = await h.bot.store.pocs.byId(poc.id);
    if (onPostgres && after?.signedOffBy) {
      // On PostgreSQL the two events' work overlaps (as on two replicas) and takes the POC's lock
      // in either order: the ✅ handled first signs, and its removal is then said in the thread.
      // Never a sign-off standing on a ✅ that is gone without a word.
      await eventually(() =>
        h.fake
          .threadReplies(channel, doc)
          .some((m) => m.text?.includes(`<@${people.evaluator}> removed their ✅ from the criteria document`)),
      );
    } else expect(after).toMatchObject({ stage: 'awaiting_signoff', signedOffBy: null });
  });

  it('after sign-off, an end date changed in a form opened before it is refused inline, naming /poc extend; nothing is stored', async () => {
    const poc = await createPoc(h);
    const { modal } = await openEdit();
    await react(h, people.evaluator, poc.documentTs as string);
    await eventually(async () => (await h.bot.store.pocs.byId(poc.id))?.signedOffBy);
    const res = await submit(
      h,
      modal,
      validInput({ endDate: '2026-12-18', readoutDate: '2026-12-21', name: 'Renamed too' }),
    );
    const errors = (res.json as { errors: Record<string, string> }).errors;
    expect(errors[pocModal.blocks.endDate]).toContain('/poc extend');
    expect(errors[pocModal.blocks.readoutDate]).toContain('/poc extend');
    expect(await h.bot.store.pocs.byId(poc.id)).toMatchObject({
      endDate: '2026-12-11',
      readoutDate: '2026-12-14',
      name: 'Acme analytics PoV',
    });
    expect(await h.bot.store.pocChanges.list(poc.id)).toEqual([]);
  });

  it('refuses the SE named as lead evaluator inline on that field, and stores nothing', async () => {
    const poc = await createPoc(h);
    const { modal } = await openEdit();
    const res = await submit(h, modal, validInput({ evaluatorId: people.se }));
    expect(Object.keys((res.json as { errors: Record<string, string> }).errors)).toEqual([pocModal.blocks.evaluatorId]);
    expect((await h.bot.store.pocs.byId(poc.id))?.evaluatorId).toBe(people.evaluator);
    expect(await h.bot.store.pocChanges.list(poc.id)).toEqual([]);
  });

  it('logs changes before sign-off without announcing them', async () => {
    const poc = await createPoc(h);
    const { modal } = await openEdit();
    const res = await submit(h, modal, validInput({ name: 'Acme PoV, renamed', customerCountry: 'DE' }));
    expect(res.text).toBe('');
    await eventually(() => h.fake.ephemerals.find((e) => /Saved 1 change/.test(e.text)));
    expect(
      (await h.bot.store.pocChanges.list(poc.id)).map((l) => [l.field, l.before, l.after, l.afterSignoff]),
    ).toEqual([['name', 'Acme analytics PoV', 'Acme PoV, renamed', false]]);
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
    expect((await h.bot.store.pocs.byId(poc.id))?.readoutDate).toBe('2026-12-14');
    expect(await h.bot.store.pocChanges.list(poc.id)).toEqual([]);
  });
});
