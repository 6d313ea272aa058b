import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PocDraftInput } from '../../src/domain/poc-draft.js';
import { pocModal } from '../../src/slack/ids.js';
import { people, seedPoc } from '../../testkit/fixtures.js';
import { eventually, type Harness, startHarness } from '../../testkit/harness.js';
import { validInput } from '../helpers/poc-draft-input.js';
import { addPeople, channel, click, openNewModal, rowsOf, submit } from '../helpers/poc-flow.js';

type Block = { type: string; block_id?: string; element?: Record<string, unknown>; text?: { text: string } };
const blocksOf = (view: Record<string, unknown>) => view.blocks as Block[];
const element = (view: Record<string, unknown>, blockId: string) =>
  blocksOf(view).find((b) => b.block_id === blockId)?.element;
const pocCount = async (h: Harness) =>
  (await h.bot.database.query<{ n: number }>('select count(*) as n from pocs'))[0]?.n;

describe('/poc new', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: '2026-11-23T15:00:00Z' }); // Monday, 10:00 in New York
    addPeople(h);
  });
  afterEach(async () => {
    await h.stop();
  });

  it('opens the modal with the five sections and the creator’s defaults', async () => {
    const modal = await openNewModal(h);
    expect(h.fake.callsTo('views.open')).toHaveLength(1);
    expect(h.fake.callsTo('views.open')[0]?.ok).toBe(true);
    const v = modal.view;
    expect((v.title as { text: string }).text).toBe('New POC');
    const headers = blocksOf(v)
      .filter((b) => b.type === 'header')
      .map((b) => b.text?.text);
    expect(headers).toEqual([
      '1 · Business outcome',
      '2 · Success criteria',
      '3 · Out of scope',
      '4 · Calendar',
      '5 · Decision path',
    ]);
    expect(element(v, pocModal.blocks.name)?.initial_value).toBe('Acme analytics PoV');
    expect(element(v, pocModal.blocks.timeZone)?.initial_value).toBe('America/New_York');
    expect(element(v, pocModal.blocks.seId)?.initial_user).toBe(people.se);
    expect(element(v, pocModal.blocks.startDate)?.initial_date).toBe('2026-11-24');
    // Ten business days of the SE's side (New York: Thanksgiving, Nov 26, is not one).
    expect(element(v, pocModal.blocks.endDate)?.initial_date).toBe('2026-12-08');
    expect((element(v, pocModal.blocks.vendorCountry)?.initial_option as { value: string } | undefined)?.value).toBe(
      'US',
    );
    expect(element(v, pocModal.blocks.customerCountry)?.initial_option).toBeUndefined();
    expect(rowsOf(modal)).toEqual([{ slot: 1, criterionId: null }]);
  });

  it('falls back to UTC when the creator has no time zone', async () => {
    h.fake.addUser({ id: 'U0NOTZ' });
    const modal = await openNewModal(h, 'new', 'U0NOTZ');
    expect(element(modal.view, pocModal.blocks.timeZone)?.initial_value).toBe('UTC');
  });

  it('stores the POC and posts the document and one message per criterion', async () => {
    const modal = await openNewModal(h);
    const current = await click(
      h,
      modal,
      pocModal.addCriterion,
      validInput({ criteria: validInput().criteria.slice(0, 1) }),
    );
    const input = validInput();
    const res = await submit(h, current, input);
    expect(res.status).toBe(200);
    expect(res.text).toBe('');

    const poc = await eventually(async () => {
      const p = await h.bot.store.pocs.openInChannel(h.fake.teamId, channel);
      return p?.documentTs && (await h.bot.store.criteria.listActive(p.id)).every((c) => c.messageTs) ? p : undefined;
    });
    expect(poc).toMatchObject({
      kind: 'pov',
      name: 'Acme analytics PoV',
      stage: 'awaiting_signoff',
      metricBaseline: 5,
      metricTarget: 1,
      startDate: '2026-11-30',
      endDate: '2026-12-11',
      readoutDate: '2026-12-14',
      checkpointWeekday: 5,
      standupTime: '09:30',
      timeZone: 'America/New_York',
      evaluatorId: people.evaluator,
      seId: people.se,
      aeId: people.ae,
      escalationChannelId: 'C0ESCAL',
      createdBy: people.se,
      signedOffBy: null,
    });
    const criteria = await h.bot.store.criteria.listActive(poc.id);
    expect(criteria.map((c) => [c.position, c.statement, c.category])).toEqual([
      [1, input.criteria[0]?.statement, 'performance'],
      [2, input.criteria[1]?.statement, 'integration'],
    ]);

    const posted = h.fake.channelMessages(channel);
    expect(posted).toHaveLength(3);
    const [doc, c1, c2] = posted;
    expect(doc?.ts).toBe(poc.documentTs);
    const docText = JSON.stringify(doc?.blocks);
    for (const part of [
      '1 · Business outcome',
      '2 · Success criteria',
      '3 · Out of scope',
      '4 · Calendar',
      '5 · Decision path',
    ]) {
      expect(docText).toContain(part);
    }
    expect(docText).toContain(`<@${people.evaluator}>, please read these criteria and *sign them off by reacting ✅`);
    expect(docText).toContain('Month-end close time');
    expect(h.fake.pins).toEqual([{ channel, ts: poc.documentTs }]);
    expect(c1?.ts).toBe(criteria[0]?.messageTs);
    expect(c2?.ts).toBe(criteria[1]?.messageTs);
    const c2Text = JSON.stringify(c2?.blocks);
    expect(c2Text).toContain('Criterion 2');
    expect(c2Text).toContain('20 of 20 users');
    expect(c2Text).toContain('Integration');
    expect(c2Text).toContain('✅ pass · ❌ fail · 🟡 partial');

    const confirmation = await eventually(() => h.fake.ephemerals.find((e) => e.user === people.se));
    expect(confirmation.text).toContain('Saved *Acme analytics PoV*');
  });

  it('keeps the POC and tells the creator by DM when the bot cannot post in the channel', async () => {
    h.fake.addChannel({ id: channel, botNotMember: true });
    const modal = await click(h, await openNewModal(h), pocModal.addCriterion, validInput({ criteria: [] }));
    const res = await submit(h, modal, validInput());
    expect(res.text).toBe('');
    const dm = await eventually(() => h.fake.directMessages(people.se)[0]);
    expect(dm.text).toContain('could not post the criteria document');
    const poc = await h.bot.store.pocs.openInChannel(h.fake.teamId, channel);
    expect(poc).toMatchObject({ stage: 'awaiting_signoff', documentTs: null });

    // Invited later: saving the unchanged document through /poc edit posts it.
    h.fake.addChannel({ id: channel });
    await h.slack.command({ text: 'edit', userId: people.se, channelId: channel });
    await eventually(() => h.fake.views.size === 2);
    const edit = [...h.fake.views.values()][1];
    if (!edit) throw new Error('no edit modal');
    const editModal = { id: edit.id, hash: edit.hash, view: { ...edit.view, id: edit.id, hash: edit.hash } };
    expect((await submit(h, editModal, validInput())).text).toBe('');
    await eventually(() => h.fake.channelMessages(channel).length === 3);
    expect((await h.bot.store.pocs.byId(poc?.id ?? 0))?.documentTs).toBe(h.fake.channelMessages(channel)[0]?.ts);
  });

  it('shows the non-blocking warnings in the creator’s confirmation', async () => {
    const modal = await openNewModal(h);
    let current = modal;
    for (let i = 0; i < 5; i++) current = await click(h, current, pocModal.addCriterion, validInput({ criteria: [] }));
    const criteria = Array.from({ length: 6 }, (_, i) => ({
      statement: `Scenario ${i + 1} passes 3 of 3 runs in a row`,
      threshold: '',
      category: 'functional',
    }));
    const res = await submit(h, current, validInput({ criteria, endDate: '2027-01-22', readoutDate: '2027-01-25' }));
    expect(res.text).toBe('');
    const confirmation = await eventually(() => h.fake.ephemerals.find((e) => e.user === people.se));
    expect(confirmation.text).toContain('6 criteria');
    expect(confirmation.text).toContain('over 6 weeks');
    await eventually(() => h.fake.channelMessages(channel).length === 7);
  });

  const invalid: Array<[string, Partial<PocDraftInput>, string, RegExp, string[]?]> = [
    ['an end date before the start', { endDate: '2026-11-27' }, pocModal.blocks.endDate, /before the start/],
    ['a readout before the end', { readoutDate: '2026-12-10' }, pocModal.blocks.readoutDate, /before the end date/],
    [
      'more than 8 weeks without the override',
      { endDate: '2027-02-05', readoutDate: '2027-02-08' },
      pocModal.blocks.endDate,
      /8 weeks/,
    ],
    [
      'a PoV without a business metric',
      { metricName: '', metricBaseline: '', metricTarget: '' },
      pocModal.blocks.metricName,
      /PoV/,
      [pocModal.blocks.metricName, pocModal.blocks.metricBaseline, pocModal.blocks.metricTarget],
    ],
    ['a bad time zone', { timeZone: 'Eastern' }, pocModal.blocks.timeZone, /IANA/],
    [
      'a day off that is not a date',
      { daysOff: '2026-12-03, Dec 4' },
      pocModal.blocks.daysOff,
      /“Dec” is not a date\. Use YYYY-MM-DD/,
    ],
    [
      'a vague criterion',
      {
        criteria: [
          validInput().criteria[0] as PocDraftInput['criteria'][number],
          { statement: 'The UI is intuitive and fast', threshold: '', category: 'user_experience' },
        ],
      },
      'poc_criterion_2_statement',
      /“intuitive”, “fast”/,
    ],
    [
      'a criterion with no number',
      {
        criteria: [
          { statement: 'Okta SSO is configured', threshold: '', category: 'integration' },
          validInput().criteria[1] as PocDraftInput['criteria'][number],
        ],
      },
      'poc_criterion_1_statement',
      /number/,
    ],
    [
      'the SE named as lead evaluator',
      { evaluatorId: people.se },
      pocModal.blocks.evaluatorId,
      /on the customer's side, and this is the sales engineer/,
    ],
    [
      'the AE among the other evaluators',
      { evaluatorIds: [people.economicBuyer, people.ae] },
      pocModal.blocks.evaluatorIds,
      /the account executive is among them/,
    ],
    [
      'a criterion whose only number is a quarter',
      { criteria: [{ statement: 'Dashboards are fast in Q4 2027', threshold: '', category: 'performance' }] },
      'poc_criterion_1_statement',
      /“Q4 2027” is a year, quarter, date or version number, not a threshold/,
    ],
    [
      'zero criteria',
      {
        criteria: [
          { statement: '', threshold: '', category: undefined },
          { statement: '', threshold: '', category: undefined },
        ],
      },
      'poc_criterion_1_statement',
      /at least one/,
    ],
  ];

  for (const [what, change, blockId, message, allBlocks] of invalid) {
    it(`refuses ${what} inline on ${blockId} and stores nothing`, async () => {
      const modal = await click(h, await openNewModal(h), pocModal.addCriterion, validInput({ criteria: [] }));
      const res = await submit(h, modal, validInput(change));
      expect(res.status).toBe(200);
      const body = res.json as { response_action: string; errors: Record<string, string> };
      expect(body.response_action).toBe('errors');
      expect(Object.keys(body.errors)).toEqual(allBlocks ?? [blockId]);
      expect(body.errors[blockId]).toMatch(message);
      expect(await pocCount(h)).toBe(0);
      expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
    });
  }

  it('stores an evaluation team of two, and in an internal channel the document says it is an internal evaluation', async () => {
    h.fake.addUser({ id: 'U0COLLEAGUE' }); // the vendor's own workspace
    const modal = await click(h, await openNewModal(h), pocModal.addCriterion, validInput({ criteria: [] }));
    const res = await submit(h, modal, validInput({ evaluatorIds: ['U0COLLEAGUE', people.evaluator] }));
    expect(res.text).toBe('');
    const poc = await eventually(async () => {
      const p = await h.bot.store.pocs.openInChannel(h.fake.teamId, channel);
      return p?.documentTs ? p : undefined;
    });
    expect(poc).toMatchObject({ evaluatorId: people.evaluator, channelShared: false });
    expect(await h.bot.store.evaluators.others(poc.id)).toEqual(['U0COLLEAGUE']);
    const doc = JSON.stringify(h.fake.findMessage(channel, poc.documentTs as string)?.blocks);
    expect(doc).toContain(`Lead technical evaluator <@${people.evaluator}> · Evaluators <@U0COLLEAGUE>`);
    expect(doc).toContain('internal evaluation');
    // The edit form brings the team back.
    await h.slack.command({ text: 'edit', userId: people.se, channelId: channel });
    const edit = await eventually(() =>
      [...h.fake.views.values()].find((v) => JSON.stringify(v.view.title).includes('Edit POC')),
    );
    expect(element(edit.view, pocModal.blocks.evaluatorIds)?.initial_users).toEqual(['U0COLLEAGUE']);
  });

  it('in a channel shared with another organization, refuses an evaluator from the vendor’s own workspace, inline on that field, storing nothing', async () => {
    h.fake.addChannel({ id: channel, extShared: true });
    h.fake.addUser({ id: 'U0COLLEAGUE' });
    h.fake.addUser({ id: 'W0SAM', team_id: 'T0CUSTOMER' });
    const modal = await click(h, await openNewModal(h), pocModal.addCriterion, validInput({ criteria: [] }));
    const res = await submit(h, modal, validInput({ evaluatorIds: ['W0SAM', 'U0COLLEAGUE'] }));
    const body = res.json as { response_action: string; errors: Record<string, string> };
    expect(Object.keys(body.errors)).toEqual([pocModal.blocks.evaluatorIds]);
    expect(body.errors[pocModal.blocks.evaluatorIds]).toContain('shared with another organization');
    const lead = await submit(h, modal, validInput({ evaluatorId: 'U0COLLEAGUE' }));
    expect(Object.keys((lead.json as { errors: Record<string, string> }).errors)).toEqual([
      pocModal.blocks.evaluatorId,
    ]);
    expect(await pocCount(h)).toBe(0);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);

    // The customer's people are fine; the document does not call it internal.
    expect((await submit(h, modal, validInput({ evaluatorIds: ['W0SAM'] }))).text).toBe('');
    const poc = await eventually(async () => {
      const p = await h.bot.store.pocs.openInChannel(h.fake.teamId, channel);
      return p?.documentTs ? p : undefined;
    });
    expect(poc.channelShared).toBe(true);
    expect(JSON.stringify(h.fake.findMessage(channel, poc.documentTs as string)?.blocks)).not.toContain(
      'internal evaluation',
    );
  });

  it('answers within the 3 s even when Slack is slow to say whether the channel is shared: the check is skipped, not the save', async () => {
    h.fake.addChannel({ id: channel, extShared: true });
    h.fake.addUser({ id: 'U0COLLEAGUE' });
    h.fake.delayNext('conversations.info', 2500);
    const modal = await click(h, await openNewModal(h), pocModal.addCriterion, validInput({ criteria: [] }));
    const started = Date.now();
    const res = await submit(h, modal, validInput({ evaluatorIds: ['U0COLLEAGUE'] }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(res.text).toBe('');
    const poc = await eventually(async () => h.bot.store.pocs.openInChannel(h.fake.teamId, channel));
    expect(poc.channelShared).toBeNull();
  });

  it('takes the days off at creation, each stored once; the edit form has no such field', async () => {
    const modal = await openNewModal(h);
    expect(JSON.stringify(modal.view.blocks)).toContain(pocModal.blocks.daysOff);
    const current = await click(
      h,
      modal,
      pocModal.addCriterion,
      validInput({ criteria: validInput().criteria.slice(0, 1) }),
    );
    const res = await submit(h, current, validInput({ daysOff: '2026-12-03 2026-12-02, 2026-12-03' }));
    expect(res.text).toBe('');
    const poc = await eventually(async () => h.bot.store.pocs.openInChannel(h.fake.teamId, channel));
    expect([...(await h.bot.store.holidays.forPoc(poc.id))]).toEqual(['2026-12-02', '2026-12-03']);
    // The edit form has no such field: days off change with /poc holiday, which says what they do.
    await h.slack.command({ text: 'edit', userId: people.se, channelId: channel });
    const edit = await eventually(() =>
      [...h.fake.views.values()].find((v) => JSON.stringify(v.view.title).includes('Edit POC')),
    );
    expect(JSON.stringify(edit.view.blocks)).not.toContain(pocModal.blocks.daysOff);
  });

  it('refuses inline when the channel got an open POC while the modal was open', async () => {
    const modal = await click(h, await openNewModal(h), pocModal.addCriterion, validInput({ criteria: [] }));
    await seedPoc(h.bot.store, { channelId: channel, name: 'Earlier POC' });
    const res = await submit(h, modal, validInput());
    const body = res.json as { response_action: string; errors: Record<string, string> };
    expect(body.errors[pocModal.blocks.name]).toMatch(/already has an open POC, “Earlier POC”/);
    expect(await pocCount(h)).toBe(1);
  });

  it('adds and removes criteria in the modal without losing what was typed', async () => {
    const modal = await openNewModal(h);
    const first = { statement: 'Ingest 10M rows in 15 minutes', threshold: '15 min', category: 'performance' };
    const typed = validInput({ name: 'Typed name', timeZone: 'Europe/Paris', criteria: [first] });
    const added = await click(h, modal, pocModal.addCriterion, typed);
    expect(h.fake.callsTo('views.update').at(-1)?.args.hash).toBe(modal.hash);
    expect(rowsOf(added).map((r) => r.slot)).toEqual([1, 2]);
    expect(element(added.view, pocModal.blocks.name)?.initial_value).toBe('Typed name');
    expect(element(added.view, pocModal.blocks.timeZone)?.initial_value).toBe('Europe/Paris');
    expect(element(added.view, 'poc_criterion_1_statement')?.initial_value).toBe(first.statement);
    expect(element(added.view, 'poc_criterion_1_category')?.initial_option).toMatchObject({ value: 'performance' });
    expect(element(added.view, 'poc_criterion_2_statement')?.initial_value).toBeUndefined();

    const second = { statement: 'SSO works for 20 of 20 users', threshold: '', category: 'integration' };
    const removed = await click(h, added, pocModal.removeCriterion, { ...typed, criteria: [first, second] }, '1');
    expect(rowsOf(removed).map((r) => r.slot)).toEqual([2]);
    expect(element(removed.view, 'poc_criterion_2_statement')?.initial_value).toBe(second.statement);
    expect(element(removed.view, 'poc_criterion_1_statement')).toBeUndefined();
    expect(blocksOf(removed.view).some((b) => b.text?.text === '*Criterion 1*')).toBe(true);
    expect(element(removed.view, pocModal.blocks.name)?.initial_value).toBe('Typed name');
  });

  it('refuses a second /poc new in a channel with an open POC, ephemerally, without opening a modal', async () => {
    await seedPoc(h.bot.store, { channelId: channel });
    const res = await h.slack.command({ text: 'new Another one', userId: people.se, channelId: channel });
    expect(res.status).toBe(200);
    const body = res.json as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toMatch(/already has an open POC/);
    expect(h.fake.callsTo('views.open')).toHaveLength(0);
  });

  it('answers /poc edit in a channel with no POC helpfully', async () => {
    const res = await h.slack.command({ text: 'edit', userId: people.se, channelId: 'C0EMPTY' });
    expect((res.json as { text: string }).text).toBe(
      'There is no POC in this channel yet — start one with `/poc new`.',
    );
  });

  it('lists new and edit in /poc help', async () => {
    const res = await h.slack.command({ text: 'help', userId: people.se, channelId: channel });
    const text = (res.json as { text: string }).text;
    expect(text).toContain('/poc new [name]');
    expect(text).toContain('/poc edit');
  });
});
