// Slack Web API failures on the direct posts the services make for users (issue 8), and the
// channel's own life (archived, unarchived): the record is stored first, and each failure is
// retried, queued for the outbox, or told to the SE with the next step. Never a crash.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Poc } from '../../src/domain/poc.js';
import { people, seedPoc } from '../../testkit/fixtures.js';
import { eventually, type Harness, startHarness } from '../../testkit/harness.js';
import { viewSubmission } from '../../testkit/payloads.js';
import { modalState } from '../../testkit/poc-modal-state.js';
import { criterionRowBlocks, pocModal, scopeAcceptModal } from '../../src/slack/ids.js';
import { buildPocModal, type ModalRow } from '../../src/slack/views/poc-modal.js';
import { validInput } from '../helpers/poc-draft-input.js';
import { channel, seededPocChannel } from '../helpers/seeded-channel.js';

describe('Slack failures on posts made for users', () => {
  let h: Harness;
  let poc: Poc;
  const seeded = seededPocChannel((s) => {
    ({ h, poc } = s);
  });
  const { crit, replies } = seeded;
  const react = (n: number, reaction = 'white_check_mark', user: string = people.evaluator) =>
    seeded.react(user, reaction, n);
  const dmsTo = (user: string) => h.fake.directMessages(user).map((m) => m.text);
  const postAttempts = () =>
    h.fake.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === crit(2).messageTs).length;
  const errors = () => h.logs.filter((l) => / ERROR /.test(l));
  // The seeded criteria have a ts but no message in the fake; a thread lookup needs its parent.
  const criterionInSlack = (n: number) =>
    h.fake.addMessage({ channel, ts: crit(n).messageTs ?? '', text: crit(n).statement });
  const settle = (ms = 200) => new Promise((r) => setTimeout(r, ms));

  it('retries a 500 and posts the decision reply once', async () => {
    h.fake.failNext('chat.postMessage', { status: 500 });
    await react(2);
    await eventually(() => replies(2).length === 1);
    expect(replies(2)).toEqual([`Criterion 2 marked PASS by <@${people.evaluator}> (lead evaluator).`]);
    expect(postAttempts()).toBe(2);
    expect(await h.bot.store.criteria.votesFor([crit(2).id])).toHaveLength(1);
    expect(errors()).toEqual([]);
  });

  it('a 500 sent after Slack had posted the reply: found in the thread, not posted twice', async () => {
    criterionInSlack(2);
    h.fake.failNext('chat.postMessage', { status: 500, afterEffect: true });
    await react(2);
    await eventually(() => h.fake.callsTo('conversations.replies').length === 1);
    await settle();
    expect(replies(2)).toEqual([`Criterion 2 marked PASS by <@${people.evaluator}> (lead evaluator).`]);
    expect(postAttempts()).toBe(1);
    expect(h.fake.callsTo('conversations.replies')[0]?.args).toMatchObject({ channel, ts: crit(2).messageTs });
    expect(errors()).toEqual([]);
  });

  it('a thread reply queued after 500s, the first of which had posted: the tick finds it in the thread, not posted twice', async () => {
    criterionInSlack(2);
    h.fake.failNext('chat.postMessage', { status: 500, afterEffect: true });
    h.fake.failNext('chat.postMessage', { status: 500 }, 2);
    // Slack stays down for the lookups too, so the post is queued rather than found at once.
    h.fake.failNext('conversations.replies', { status: 500 }, 2);
    await react(2);
    const row = await eventually(
      async () => (await h.bot.store.outbox.list({ pocId: poc.id, kind: 'decision_ack' }))[0],
    );
    expect(row).toMatchObject({ status: 'pending', attempts: 1, threadTs: crit(2).messageTs });
    expect(replies(2)).toHaveLength(1);

    await h.bot.jobs.tick(new Date(h.clock.now().getTime() + 60_000));
    expect(replies(2)).toEqual([`Criterion 2 marked PASS by <@${people.evaluator}> (lead evaluator).`]);
    expect(await h.bot.store.outbox.byKey(row.key)).toMatchObject({
      status: 'sent',
      sentTs: h.fake.threadReplies(channel, crit(2).messageTs ?? '')[0]?.ts,
    });
  });

  it('waits out a 429 with a short Retry-After and posts', async () => {
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await react(2);
    await eventually(() => replies(2).length === 1, 5000);
    expect(postAttempts()).toBe(2);
  });

  it('queues the post in the outbox on a long 429, and the next tick delivers it once', async () => {
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 120 });
    await react(2);
    const row = await eventually(
      async () => (await h.bot.store.outbox.list({ pocId: poc.id, kind: 'decision_ack' }))[0],
    );
    expect(row).toMatchObject({ status: 'pending', target: channel, threadTs: crit(2).messageTs });
    expect(replies(2)).toEqual([]);
    expect(h.logs.some((l) => /WARN .*queued as decision:/.test(l))).toBe(true);

    // Not before Slack's Retry-After…
    await h.bot.jobs.tick(new Date(h.clock.now().getTime() + 60_000));
    expect(replies(2)).toEqual([]);
    // …then once, and a second tick does not post it again.
    await h.bot.jobs.tick(new Date(h.clock.now().getTime() + 125_000));
    await h.bot.jobs.tick(new Date(h.clock.now().getTime() + 185_000));
    expect(replies(2)).toEqual([`Criterion 2 marked PASS by <@${people.evaluator}> (lead evaluator).`]);
    expect((await h.bot.store.outbox.byKey(row.key))?.status).toBe('sent');
  });

  it('queues after repeated 500s, marked so the dispatcher looks for it before posting again', async () => {
    h.fake.failNext('chat.postMessage', { status: 500 }, 3);
    const res = await h.slack.command({
      text: 'extend 2026-12-11 criterion 2 needs the staging data',
      userId: people.se,
      channelId: channel,
    });
    expect(res.status).toBe(200);
    const row = await eventually(
      async () => (await h.bot.store.outbox.list({ pocId: poc.id, kind: 'announcement' }))[0],
    );
    expect(row.attempts).toBe(1);
    expect((await h.bot.store.pocs.byId(poc.id))?.endDate).toBe('2026-12-11');
    const reply = await eventually(() =>
      h.fake.responses.map((r) => JSON.stringify(r.body)).find((t) => t.includes('Done.')),
    );
    expect(reply).toContain('Slack is busy');

    await h.bot.jobs.tick(new Date(h.clock.now().getTime() + 60_000));
    const announced = h.fake.channelMessages(channel).filter((m) => m.text.includes('End date moved'));
    expect(announced).toHaveLength(1);
    expect(h.fake.callsTo('conversations.history').length).toBeGreaterThan(0);
  });

  it('not_in_channel: the vote is kept and the SE gets a DM saying to invite the bot', async () => {
    h.fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    await react(2);
    const dm = await eventually(() => dmsTo(people.se)[0]);
    expect(dm).toContain('/invite @pocbot');
    expect(dm).toContain(`<#${channel}>`);
    expect(dm).toContain('nothing was lost');
    expect(await h.bot.store.criteria.votesFor([crit(2).id])).toHaveLength(1);
    expect((await h.bot.store.pocs.byId(poc.id))?.jobsHaltedReason).toBeNull();
    // A second refusal within the hour is not told again.
    h.fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    await react(3);
    await settle();
    expect(dmsTo(people.se)).toHaveLength(1);
    expect(errors()).toEqual([]);
  });

  it('channel_not_found: the SE is told the channel was deleted or unshared, and what to do', async () => {
    h.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await react(2);
    const dm = await eventually(() => dmsTo(people.se)[0]);
    expect(dm).toMatch(/deleted, or it is private or shared and I was removed or it was unshared/);
    expect(dm).toContain('/poc close abandoned');
  });

  it('is_archived: the POC’s jobs stop, the SE is told, and the next tick plans nothing for it', async () => {
    h.fake.failNext('chat.postMessage', { error: 'is_archived' });
    await react(2);
    await eventually(async () => (await h.bot.store.pocs.byId(poc.id))?.jobsHaltedReason === 'channel archived');
    const dm = await eventually(() => dmsTo(people.se)[0]);
    expect(dm).toContain('is archived');
    expect(dm).toContain('Unarchive');
    const report = await h.bot.jobs.tick(new Date('2026-11-24T14:45:00Z'));
    expect(report.lines.filter((l) => l.includes(`:${poc.id}:`))).toEqual([]);
    expect(h.fake.channelMessages(channel).filter((m) => m.text.toLowerCase().includes('standup'))).toEqual([]);
  });

  it('a nudge "Ping" in a channel that refuses it records nothing and says why', async () => {
    await h.bot.store.nudges.insert({
      key: 'silence:test',
      pocId: poc.id,
      kind: 'silence',
      level: 1,
      recipientId: people.se,
      localDate: '2026-11-23',
      detail: 'quiet',
      createdAt: h.clock.now().toISOString(),
      episode: 'none',
      status: 'sent',
    });
    h.fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    const result = await h.bot.services.nudges.choose({
      key: 'silence:test',
      choice: 'ping',
      userId: people.se,
      teamId: poc.teamId,
    });
    expect(result.ok).toBe(false);
    expect(result.message).toContain('/invite @pocbot');
    expect((await h.bot.store.nudges.byKey('silence:test'))?.outcome).toBeNull();
  });
});

describe('DMs to people who cannot get them', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: '2026-11-24T14:00:00Z' });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('account_inactive on the hand-off DM to the SE: sent to the AE instead, and the reply says why', async () => {
    const { poc } = await seedPoc(h.bot.store, { seId: people.se });
    const close = await h.slack.command({ text: 'close won PO signed', userId: people.ae, channelId: channel });
    expect(close.status).toBe(200);
    expect((await h.bot.store.pocs.byId(poc.id))?.stage).toBe('won');
    h.fake.failNext('conversations.open', { error: 'account_inactive' });
    const res = await h.slack.command({ text: 'handoff', userId: people.ae, channelId: channel });
    expect(res.status).toBe(200);
    const reply = await eventually(() =>
      h.fake.responses.map((r) => JSON.stringify(r.body)).find((t) => t.includes('hand-off')),
    );
    expect(reply).toContain('deactivated');
    expect(reply).toContain(`Sent the Customer Success hand-off to <@${people.ae}>`);
    expect(h.fake.directMessages(people.ae).length).toBeGreaterThan(0);
    expect(h.fake.directMessages(people.se)).toHaveLength(0);
    expect(h.logs.some((l) => /WARN .*DM to .* failed: account_inactive/.test(l))).toBe(true);
    expect(h.logs.filter((l) => / ERROR /.test(l))).toEqual([]);
  });

  it('cannot_dm_bot with nobody else to send it to: a clear refusal, nothing crashes', async () => {
    const { poc } = await seedPoc(h.bot.store, { seId: people.se, aeId: people.se });
    await h.slack.command({ text: 'close won', userId: people.se, channelId: channel });
    expect((await h.bot.store.pocs.byId(poc.id))?.stage).toBe('won');
    h.fake.failNext('conversations.open', { error: 'cannot_dm_bot' });
    await h.slack.command({ text: 'handoff', userId: people.se, channelId: channel });
    const reply = await eventually(() =>
      h.fake.responses.map((r) => JSON.stringify(r.body)).find((t) => t.includes('hand-off')),
    );
    expect(reply).toContain('The hand-off was not sent');
    expect(reply).toContain('is a bot');
  });
});

describe('archived channels', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: '2026-11-24T14:00:00Z' });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('channel_archive halts the POC’s jobs; channel_unarchive lets them run again', async () => {
    const { poc } = await seedPoc(h.bot.store);
    const other = (await seedPoc(h.bot.store, { channelId: 'C0BETA', name: 'Beta PoV' })).poc;
    await h.bot.store.outbox.insert(
      [
        {
          key: `reminder:test:${poc.id}`,
          pocId: poc.id,
          kind: 'reminder_end',
          target: channel,
          message: { text: 'reminder' },
          dueAt: new Date('2026-11-24T14:30:00Z'),
        },
      ],
      h.clock.now(),
    );
    expect((await h.slack.event({ type: 'channel_archive', channel, user: people.se })).status).toBe(200);
    await eventually(async () => (await h.bot.store.pocs.byId(poc.id))?.jobsHaltedReason === 'channel archived');
    expect((await h.bot.store.outbox.byKey(`reminder:test:${poc.id}`))?.status).toBe('skipped');

    const report = await h.bot.jobs.tick(new Date('2026-11-24T14:31:00Z'));
    expect(report.lines.filter((l) => l.includes(`:${poc.id}:`))).toEqual([]);
    expect(h.fake.channelMessages(channel)).toEqual([]);
    await eventually(() => h.fake.channelMessages('C0BETA').length > 0);
    expect((await h.bot.store.pocs.byId(other.id))?.jobsHaltedReason).toBeNull();

    expect((await h.slack.event({ type: 'channel_unarchive', channel, user: people.se })).status).toBe(200);
    await eventually(async () => (await h.bot.store.pocs.byId(poc.id))?.jobsHaltedReason === null);
    await h.bot.jobs.tick(new Date('2026-11-25T14:31:00Z'));
    await eventually(() => h.fake.channelMessages(channel).length > 0);
  });

  it('group_archive (a private channel) halts too; unarchiving does not lift a halt for another reason', async () => {
    const { poc } = await seedPoc(h.bot.store, { channelId: 'G0PRIV' });
    await h.slack.event({ type: 'group_archive', channel: 'G0PRIV' });
    await eventually(async () => (await h.bot.store.pocs.byId(poc.id))?.jobsHaltedReason === 'channel archived');

    await h.bot.store.pocs.update(poc.id, {
      jobsHaltedReason: 'channel G0PRIV was not found (2026-11-24T14:00:00.000Z)',
    });
    await h.slack.event({ type: 'group_unarchive', channel: 'G0PRIV' });
    await settle();
    expect((await h.bot.store.pocs.byId(poc.id))?.jobsHaltedReason).toContain('was not found');
  });

  it('an archive event for a channel without a POC changes nothing and logs no warning', async () => {
    const before = h.logs.length;
    expect((await h.slack.event({ type: 'channel_archive', channel: 'C0NOPOC' })).status).toBe(200);
    await settle();
    expect(h.logs.slice(before).filter((l) => / (WARN|ERROR) /.test(l))).toEqual([]);
  });
});

const settle = (ms = 200) => new Promise((r) => setTimeout(r, ms));

describe('modal submissions that arrive late or overlong', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  const editView = (p: Poc, rows: ModalRow[]) => ({
    ...buildPocModal({ mode: 'edit', channelId: p.channelId, pocId: p.id, rows }, validInput()),
    id: 'V0EDIT',
  });

  it('an edit submitted after its POC was deleted: inline error, one line, nothing changed', async () => {
    const { poc, criteria } = await seedPoc(h.bot.store);
    const rows = criteria.map((c, i) => ({ slot: i + 1, criterionId: c.id }));
    const view = editView(poc, rows);
    await h.bot.store.pocs.delete(poc.id);
    const calls = h.fake.calls.length;
    const before = h.logs.length;
    const res = await h.slack.interaction(
      viewSubmission({ user: people.se, teamId: h.fake.teamId, view, values: modalState(validInput(), rows) }),
    );
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      response_action: 'errors',
      errors: { [pocModal.blocks.name]: 'That POC no longer exists.' },
    });
    await settle();
    expect(h.logs.slice(before)).toHaveLength(1);
    expect(h.logs.slice(before)[0]).toMatch(/INFO .*edit of POC \d+ .*no longer exists/);
    expect(h.fake.calls.slice(calls)).toEqual([]);
    expect(await h.bot.store.pocs.byId(poc.id)).toBeUndefined();
  });

  /** The "accept scope request" modal submitted with a new end date. */
  const acceptWithEndDate = (requestId: number, date: string) =>
    h.slack.interaction(
      viewSubmission({
        user: people.se,
        teamId: h.fake.teamId,
        view: {
          id: 'V0SCOPE',
          type: 'modal',
          callback_id: scopeAcceptModal.callbackId,
          private_metadata: JSON.stringify({ requestId }),
        },
        values: {
          [scopeAcceptModal.newEndBlock]: {
            [scopeAcceptModal.newEndAction]: { type: 'datepicker', selected_date: date },
          },
        },
      }),
    );

  it('a scope acceptance submitted after its POC was deleted: inline error, one line, nothing changed', async () => {
    const { poc } = await seedPoc(h.bot.store);
    const request = await h.bot.store.scopeRequests.insert({
      pocId: poc.id,
      text: 'Tableau connector',
      requestedBy: people.se,
      requestedAt: h.clock.now().toISOString(),
    });
    await h.bot.store.pocs.delete(poc.id);
    const before = h.logs.length;
    const res = await acceptWithEndDate(request.id, '2026-12-18');
    expect(res.json).toMatchObject({
      response_action: 'errors',
      errors: { [scopeAcceptModal.newEndBlock]: 'That scope request is no longer open.' },
    });
    await settle();
    expect(h.logs.slice(before)).toHaveLength(1);
    expect(h.fake.messages).toEqual([]);
  });

  it('a scope acceptance the database cannot store: inline error, one ERROR line, nothing half-done', async () => {
    const { poc } = await seedPoc(h.bot.store);
    const request = await h.bot.store.scopeRequests.insert({
      pocId: poc.id,
      text: 'Tableau connector',
      requestedBy: people.se,
      requestedAt: h.clock.now().toISOString(),
    });
    // The end date is written after the decision, in the same transaction: make that write fail.
    h.bot.store.pocs.update = () => {
      throw new Error('database is locked');
    };
    const before = h.logs.length;
    const res = await acceptWithEndDate(request.id, '2026-12-18');
    expect(res.json).toMatchObject({
      response_action: 'errors',
      errors: { [scopeAcceptModal.newEndBlock]: 'Saving failed; nothing was stored. Please try again.' },
    });
    expect(h.logs.slice(before)).toEqual([
      expect.stringMatching(/ERROR .*accepting scope request \d+ failed: database is locked/),
    ]);
    expect((await h.bot.store.scopeRequests.byId(request.id))?.decision).toBe('pending');
    expect(await h.bot.store.extensions.forPoc(poc.id)).toEqual([]);
    await settle();
    expect(h.fake.messages).toEqual([]);
  });

  it('10,000 characters in every text field of /poc new are refused inline, under each field, and nothing is stored', async () => {
    h.fake.addChannel({ id: channel });
    const rows = [{ slot: 1, criterionId: null }];
    const view = {
      ...buildPocModal({ mode: 'new', channelId: channel, pocId: null, rows }, validInput()),
      id: 'V0NEW',
    };
    const long = `${'x'.repeat(9_990)} 42 ms`;
    const input = validInput({
      name: long,
      hypothesis: long,
      metricName: long,
      metricUnit: long,
      outOfScope: long,
      nextStep: long,
      timeZone: long,
      criteria: [{ statement: long, threshold: long, category: 'performance' }],
    });
    const started = Date.now();
    const res = await h.slack.interaction(
      viewSubmission({ user: people.se, teamId: h.fake.teamId, view, values: modalState(input, rows) }),
    );
    expect(Date.now() - started).toBeLessThan(3000);
    const errors = (res.json as { errors: Record<string, string> }).errors;
    const B = pocModal.blocks;
    for (const block of [
      B.name,
      B.hypothesis,
      B.metricName,
      B.metricUnit,
      B.outOfScope,
      B.nextStep,
      B.timeZone,
      criterionRowBlocks(1).statement,
    ]) {
      expect(errors[block], block).toBeDefined();
      expect(errors[block]?.length).toBeLessThan(200);
    }
    expect(errors[B.name]).toBe('A name is at most 80 characters.');
    expect(await h.bot.store.pocs.openInChannel(h.fake.teamId, channel)).toBeUndefined();
  });

  it('every text input of the /poc new modal carries max_length, so Slack enforces it', () => {
    const view = buildPocModal(
      { mode: 'new', channelId: channel, pocId: null, rows: [{ slot: 1, criterionId: null }] },
      validInput(),
    );
    const inputs = (view.blocks as Array<{ type: string; element?: { type: string; max_length?: number } }>)
      .filter((b) => b.type === 'input' && b.element?.type === 'plain_text_input')
      .map((b) => b.element?.max_length);
    expect(inputs.length).toBeGreaterThanOrEqual(9);
    for (const max of inputs) expect(max).toBeGreaterThan(0);
    expect(Math.max(...(inputs as number[]))).toBeLessThanOrEqual(3000);
  });
});
