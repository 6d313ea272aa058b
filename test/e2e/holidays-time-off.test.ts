// Time that respects both companies (issue 19), end to end: signed requests to the real app, the
// local Slack-compatible API, a real SQLite file, and the scheduler driven through tick(now).
import { afterEach, describe, expect, it } from 'vitest';
import { dateToSlackTs, localParts, zonedInstant } from '../../src/domain/calendar.js';
import type { Poc } from '../../src/domain/poc.js';
import { pocModal } from '../../src/slack/ids.js';
import type { FakeMessage } from '../../testkit/fake-slack.js';
import { people, seedPoc } from '../../testkit/fixtures.js';
import { commandReply, eventually, type Harness, startHarness } from '../../testkit/harness.js';
import { messageEvent, reactionEvent } from '../../testkit/payloads.js';
import { validInput } from '../helpers/poc-draft-input.js';
import { addPeople, channel, openNewModal, submit } from '../helpers/poc-flow.js';

const ny = 'America/New_York';
const berlin = 'Europe/Berlin';
const la = 'America/Los_Angeles';

const keyOf = (m: FakeMessage) => String(m.metadata?.event_payload.key ?? '');
const text = (m: FakeMessage) => JSON.stringify(m.blocks ?? []) + m.text;
const localOf = (m: FakeMessage, zone: string) => localParts(m.postedAt, zone);

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function start(now: Date): Promise<Harness> {
  h = await startHarness({ now });
  return h;
}

/** One tick at `time` on `date` in `zone` (New York unless said). */
async function tickAt(hh: Harness, date: string, time: string, zone = ny) {
  hh.clock.set(zonedInstant(date, time, zone));
  return hh.bot.jobs.tick(hh.clock.now());
}

/** The lead evaluator signs the criteria off with ✅ on the POC's document. */
async function signOff(hh: Harness, poc: Poc) {
  await hh.slack.event(
    reactionEvent('reaction_added', {
      user: people.evaluator,
      reaction: 'white_check_mark',
      channel,
      ts: poc.documentTs as string,
    }),
  );
  await eventually(async () => (await hh.bot.store.pocs.byId(poc.id))?.signedOffBy === people.evaluator);
}

/** Ticks through the days from `from` to `to` at these New York times (an external cron would tick every minute). */
async function tickDays(hh: Harness, from: string, to: string, times: string[], each?: (day: string) => Promise<void>) {
  for (let d = new Date(`${from}T12:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.toISOString().slice(0, 10);
    if (each) await each(day);
    for (const t of times) await tickAt(hh, day, t);
  }
}

/** `/poc new` as the SE, submitted with what the form proposes for the countries: nothing typed for them. */
async function createThroughModal(hh: Harness, overrides: Parameters<typeof validInput>[0]): Promise<Poc> {
  const modal = await openNewModal(hh);
  const proposed = (
    modal.view.blocks as Array<{ block_id?: string; element?: { initial_option?: { value: string } } }>
  ).find((b) => b.block_id === pocModal.blocks.vendorCountry)?.element?.initial_option?.value;
  const res = await submit(
    hh,
    modal,
    validInput({ vendorCountry: proposed, customerCountry: undefined, ...overrides }),
  );
  if (res.text !== '') throw new Error(`submission refused: ${res.text}`);
  return eventually(async () => {
    const p = await hh.bot.store.pocs.openInChannel(hh.fake.teamId, channel);
    return p?.documentTs && (await hh.bot.store.criteria.listActive(p.id)).every((c) => c.messageTs) ? p : undefined;
  });
}

describe('each side’s public holidays, from the Slack zones of the SE and the lead evaluator', () => {
  it('New York SE, Berlin evaluator: no standup or checkpoint on the German holiday (the checkpoint moves within its week), no DM to the SE on the US holiday', async () => {
    // Fri Sep 26, 2025, 11:00 in New York. Oct 3 is a German public holiday (a Friday, the
    // checkpoint weekday); Mon Oct 13 is Columbus Day, a US public holiday (not German).
    const hh = await start(zonedInstant('2025-09-26', '11:00', ny));
    addPeople(hh); // SE in New York, AE in Los Angeles, evaluator in Berlin (external)
    const poc = await createThroughModal(hh, {
      startDate: '2025-09-29',
      endDate: '2025-10-17',
      readoutDate: '2025-10-20',
      checkpointWeekday: '5',
    });
    expect(poc).toMatchObject({ vendorCountry: 'US', customerCountry: 'DE', timeZone: ny });
    const confirmation = await eventually(() => hh.fake.ephemerals.find((e) => e.text.includes('Saved')));
    expect(confirmation.text).toContain(
      'The customer’s public holidays are Germany’s, from the lead evaluator’s Slack time zone (Europe/Berlin)',
    );

    // /poc status lists each side's public holidays between the start and the readout.
    const status = await commandReply(hh, { text: 'status', userId: people.se, channelId: channel });
    const statusText = JSON.stringify(status.reply.blocks);
    expect(statusText).toContain('Vendor, United States: Mon Oct 13 (Columbus Day)');
    expect(statusText).toContain('Customer, Germany: Fri Oct 3 (National Holiday)');

    await signOff(hh, poc);

    // The evaluator writes every German business day up to Thu Oct 9, then goes quiet: the SE's
    // silence nudge falls due on Mon Oct 13 (2 quiet business days in Germany: Fri 10, Mon 13).
    let seq = 0;
    const writes = async (day: string) => {
      const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
      if (day > '2025-10-09' || weekday === 0 || weekday === 6 || day === '2025-10-03') return;
      hh.clock.set(zonedInstant(day, '10:00', berlin));
      const ts = dateToSlackTs(hh.clock.now(), ++seq);
      await hh.slack.event(
        messageEvent({ user: people.evaluator, channel, text: `Update for ${day}: loaded the next dataset`, ts }),
      );
      await eventually(async () => (await hh.bot.store.activity.lastTs(poc.id, people.evaluator)) === ts);
    };
    await tickDays(hh, '2025-09-29', '2025-10-14', ['03:00', '09:00', '09:31', '12:00', '16:00'], writes);

    const posts = hh.fake.channelMessages(channel).filter((m) => /^(standup|checkpoint):/.test(keyOf(m)));
    const keys = posts.map(keyOf);
    // Nothing in the shared channel on the German holiday, by key or by the day it was posted.
    expect(keys).not.toContain(`standup:${poc.id}:2025-10-03`);
    expect(keys.filter((k) => k.startsWith('checkpoint:'))).toEqual([
      `checkpoint:${poc.id}:2025-10-02`,
      `checkpoint:${poc.id}:2025-10-10`,
    ]);
    expect(posts.filter((m) => localOf(m, ny).date === '2025-10-03')).toEqual([]);
    // The week's checkpoint went out on Thursday of that week, after Thursday's standup.
    const moved = posts.find((m) => keyOf(m) === `checkpoint:${poc.id}:2025-10-02`) as FakeMessage;
    expect(localOf(moved, ny)).toEqual({ date: '2025-10-02', time: '09:31' });
    // Columbus Day is a working day in Germany: the channel's standup goes out.
    expect(keys).toContain(`standup:${poc.id}:2025-10-13`);

    // The silence nudge was due on Columbus Day, and reached the SE the next morning, in New York's working hours.
    const nudge = (await hh.bot.store.nudges.forPoc(poc.id)).find((n) => n.kind === 'silence');
    expect(nudge).toMatchObject({ recipientId: people.se, localDate: '2025-10-13' });
    const seDms = hh.fake.directMessages(people.se);
    expect(seDms.filter((m) => localOf(m, ny).date === '2025-10-13')).toEqual([]);
    const silenceDm = seDms.find((m) => text(m).includes('The evaluation team has gone quiet')) as FakeMessage;
    expect(localOf(silenceDm, ny)).toEqual({ date: '2025-10-14', time: '09:00' });
    const held = await hh.bot.store.outbox.byKey(`nudge:${nudge?.key ?? ''}`);
    expect(held?.status).toBe('sent');
  }, 60_000);

  it('Irish customer: no standup on Monday 28 December 2026, the day off for St Stephen’s Day on the Saturday', async () => {
    const dublin = 'Europe/Dublin';
    const hh = await start(zonedInstant('2026-12-21', '08:00', dublin));
    const { poc } = await seedPoc(hh.bot.store, {
      timeZone: dublin,
      vendorCountry: 'IE',
      customerCountry: 'IE',
      startDate: '2026-12-21',
      endDate: '2027-01-08',
      readoutDate: '2027-01-11',
      checkpointWeekday: 3,
    });
    for (const day of ['2026-12-24', '2026-12-25', '2026-12-28', '2026-12-29']) await tickAt(hh, day, '09:31', dublin);
    const keys = hh.fake.channelMessages(channel).map(keyOf);
    expect(keys.filter((k) => k.startsWith('standup:'))).toEqual([
      `standup:${poc.id}:2026-12-24`,
      `standup:${poc.id}:2026-12-29`,
    ]);
    // The status lists the day with the others, so the SE sees why the channel was quiet.
    const status = await commandReply(hh, { text: 'status', userId: people.se, channelId: channel });
    expect(JSON.stringify(status.reply.blocks)).toContain('Mon Dec 28 (St. Stephen’s Day (substitute day))');
  });

  it('Los Angeles POC, Sydney evaluator: the 15:00 standup of Thu Dec 24 would reach them on Christmas morning, and does not go out', async () => {
    const sydney = 'Australia/Sydney';
    const hh = await start(zonedInstant('2026-12-17', '10:00', la));
    addPeople(hh);
    hh.fake.addUser({ id: people.se, tz: la });
    hh.fake.addUser({ id: people.evaluator, team_id: 'T0CUSTOMER', tz: sydney });
    // 15:00 in Los Angeles is 10:00 the next day in Sydney: the time that fits both.
    const poc = await createThroughModal(hh, {
      timeZone: la,
      startDate: '2026-12-21',
      endDate: '2027-01-08',
      readoutDate: '2027-01-11',
      standupTime: '15:00',
    });
    expect(poc).toMatchObject({ customerCountry: 'AU', timeZone: la });
    await signOff(hh, poc);

    for (const day of ['2026-12-23', '2026-12-24', '2026-12-29']) await tickAt(hh, day, '15:01', la);
    const standups = hh.fake.channelMessages(channel).filter((m) => keyOf(m).startsWith('standup:'));
    // Wed Dec 23 reached Sydney on Thu Dec 24 and Tue Dec 29 on Wed Dec 30, both working days there.
    expect(standups.map(keyOf)).toEqual([`standup:${poc.id}:2026-12-23`, `standup:${poc.id}:2026-12-29`]);
    expect(standups.map((m) => localOf(m, sydney).date)).toEqual(['2026-12-24', '2026-12-30']);
    const christmas = await hh.bot.store.outbox.byKey(`standup:${poc.id}:2026-12-24`);
    expect(christmas).toMatchObject({ status: 'skipped' });
    expect(christmas?.error).toContain('it is 2026-12-25 for the customer (Australia/Sydney)');
  }, 30_000);

  it('/poc edit shows each side’s country and changes them; a region of its own is named by its code', async () => {
    const hh = await start(zonedInstant('2026-11-23', '10:00', ny));
    addPeople(hh);
    const poc = await createThroughModal(hh, {});
    expect(poc).toMatchObject({ vendorCountry: 'US', customerCountry: 'DE', customerRegion: null });
    const before = hh.fake.views.size;
    await hh.slack.command({ text: 'edit', userId: people.se, channelId: channel });
    await eventually(() => hh.fake.views.size > before);
    const modal = [...hh.fake.views.values()].at(-1) as { id: string; hash: string; view: Record<string, unknown> };
    const selected = (id: string) =>
      (modal.view.blocks as Array<{ block_id?: string; element?: { initial_option?: { value: string } } }>).find(
        (b) => b.block_id === id,
      )?.element?.initial_option?.value;
    expect([selected(pocModal.blocks.vendorCountry), selected(pocModal.blocks.customerCountry)]).toEqual(['US', 'DE']);

    const bad = await submit(
      hh,
      { ...modal, view: { ...modal.view, id: modal.id, hash: modal.hash } },
      validInput({ vendorCountry: 'US', customerCountry: 'DE', regions: 'DE-XX' }),
    );
    expect((bad.json as { errors: Record<string, string> }).errors[pocModal.blocks.regions]).toContain(
      '“DE-XX” is not a state or region of Germany',
    );
    const res = await submit(
      hh,
      { ...modal, view: { ...modal.view, id: modal.id, hash: modal.hash } },
      validInput({ vendorCountry: 'US', customerCountry: 'DE', regions: 'DE-BY' }),
    );
    expect(res.text).toBe('');
    await eventually(async () => (await hh.bot.store.pocs.byId(poc.id))?.customerRegion === 'BY');
    expect((await hh.bot.store.pocChanges.list(poc.id)).map((c) => [c.field, c.before, c.after])).toEqual([
      ['customerRegion', null, 'BY'],
    ]);
  });

  it('a lead evaluator whose Slack profile has no zone: the customer’s holidays come from the POC’s zone, and the SE is told', async () => {
    const hh = await start(zonedInstant('2026-11-23', '10:00', ny));
    addPeople(hh);
    hh.fake.addUser({ id: people.evaluator, team_id: 'T0CUSTOMER' }); // no tz, as Slack gives some external users
    const poc = await createThroughModal(hh, { timeZone: 'Europe/Paris' });
    expect(poc).toMatchObject({ customerCountry: 'FR', timeZone: 'Europe/Paris' });
    const confirmation = await eventually(() => hh.fake.ephemerals.find((e) => e.text.includes('Saved')));
    expect(confirmation.text).toContain(
      'The customer’s public holidays are France’s, from the POC’s time zone (Europe/Paris)',
    );
  });

  it('/poc new on the day before a public holiday proposes a start date after it', async () => {
    // Wed Nov 25, 2026: Thanksgiving is Thursday in the United States (the SE's zone is New York).
    const hh = await start(zonedInstant('2026-11-25', '15:00', ny));
    addPeople(hh);
    const modal = await openNewModal(hh);
    const initial = (id: string) =>
      (modal.view.blocks as Array<{ block_id?: string; element?: { initial_date?: string } }>).find(
        (b) => b.block_id === id,
      )?.element?.initial_date;
    expect(initial(pocModal.blocks.startDate)).toBe('2026-11-27');

    // The same day for an SE in Berlin, where Thursday is a working day: tomorrow.
    hh.fake.addUser({ id: people.se, tz: berlin });
    await hh.bot.database.query('delete from slack_profiles');
    const berlinModal = await openNewModal(hh);
    const start2 = (berlinModal.view.blocks as Array<{ block_id?: string; element?: { initial_date?: string } }>).find(
      (b) => b.block_id === pocModal.blocks.startDate,
    )?.element?.initial_date;
    expect(start2).toBe('2026-11-26');
  });

  it('/poc new warns about an end date on a public holiday and a standup outside the lead evaluator’s day, with a time that fits both', async () => {
    const hh = await start(zonedInstant('2026-12-01', '10:00', la));
    addPeople(hh);
    hh.fake.addUser({ id: people.se, tz: la });
    // A Los Angeles POC with its standup at 09:30 there: 18:30 in Berlin.
    await createThroughModal(hh, {
      timeZone: la,
      startDate: '2026-12-07',
      endDate: '2026-12-25',
      readoutDate: '2026-12-28',
      standupTime: '09:30',
    });
    const confirmation = await eventually(() => hh.fake.ephemerals.find((e) => e.text.includes('Saved')));
    expect(confirmation.text).toContain(
      'The end date, Fri Dec 25, is a public holiday on the vendor’s side (United States: Christmas Day).',
    );
    expect(confirmation.text).toContain(
      'The end date, Fri Dec 25, is a public holiday on the customer’s side (Germany: Christmas Day).',
    );
    expect(confirmation.text).toContain(
      'The daily standup at 09:30 (America/Los_Angeles) is 18:30 for the lead evaluator (Europe/Berlin), outside 08:00–18:00 of their day. 08:30 fits both (17:30 for them)',
    );
  });
});

describe('time off: /poc away and Slack statuses', () => {
  /** A seeded POC from Mon Nov 30 to Fri Dec 18, 2026 (New York), its evaluator active Mon–Wed of the first week. */
  async function quietAfterWednesday(hh: Harness) {
    const { poc } = await seedPoc(hh.bot.store, {
      startDate: '2026-11-30',
      endDate: '2026-12-18',
      readoutDate: '2026-12-21',
      signedOffAt: '2026-11-27T14:00:00.000Z',
    });
    for (const [i, day] of ['2026-11-30', '2026-12-01', '2026-12-02'].entries()) {
      hh.clock.set(zonedInstant(day, '11:00', ny));
      const ts = dateToSlackTs(hh.clock.now(), i + 1);
      await hh.slack.event(
        messageEvent({ user: people.evaluator, channel, text: `Day ${i + 1}: testing the ingest`, ts }),
      );
      await eventually(async () => (await hh.bot.store.activity.lastTs(poc.id, people.evaluator)) === ts);
    }
    return poc;
  }
  const silenceOrEscalation = (hh: Harness) =>
    [
      ...hh.fake.directMessages(people.se),
      ...hh.fake.directMessages(people.ae),
      ...hh.fake.channelMessages('C0ESCAL'),
    ].filter((m) => /gone quiet|Escalation/.test(text(m)));

  it('the evaluator away for a week, recorded with /poc away: no silence DM or escalation during it, none on their first morning back, and the count resumes after', async () => {
    const hh = await start(zonedInstant('2026-11-30', '08:00', ny));
    const poc = await quietAfterWednesday(hh);
    hh.clock.set(zonedInstant('2026-12-02', '17:00', ny));
    const res = await hh.slack.command({
      text: `away <@${people.evaluator}|dana> 2026-12-03 2026-12-09 vacation`,
      userId: people.se,
      channelId: channel,
    });
    expect((res.json as { text: string }).text).toContain('Recorded: <@W0EVAL> away Thu Dec 3 – Wed Dec 9 (vacation).');
    expect((res.json as { text: string }).text).toContain(
      'Thu Dec 10, their first business day back, starts a fresh count',
    );
    // /poc away lists it, to the evaluator too.
    const listed = await hh.slack.command({ text: 'away', userId: people.evaluator, channelId: channel });
    expect((listed.json as { text: string }).text).toMatch(/#\d+ <@W0EVAL> Thu Dec 3 – Wed Dec 9 \(vacation\)/);

    // A week away (Thu Dec 3 – Wed Dec 9) and their first morning back (Thu Dec 10).
    await tickDays(hh, '2026-12-03', '2026-12-10', ['09:31', '10:00', '13:00', '16:00']);
    expect(silenceOrEscalation(hh)).toEqual([]);
    expect(
      (await hh.bot.store.nudges.forPoc(poc.id)).filter((n) => n.kind === 'silence' || n.kind === 'escalation'),
    ).toEqual([]);

    // Without a word since, the count restarted on Thu Dec 10: 2 quiet business days on Mon Dec 14.
    await tickDays(hh, '2026-12-11', '2026-12-14', ['09:31', '10:00']);
    const dms = silenceOrEscalation(hh);
    expect(dms.map((m) => localOf(m, ny).date)).toEqual(['2026-12-14']);
    expect(text(dms[0] as FakeMessage)).toContain('2 business days');

    // Over by now: the list says so.
    const list = await hh.slack.command({ text: 'away', userId: people.evaluator, channelId: channel });
    expect((list.json as { text: string }).text).toContain('Nobody on this POC is recorded away from today on.');
  }, 60_000);

  it('time off recorded after a silence nudge was queued withdraws it when its turn comes', async () => {
    const hh = await start(zonedInstant('2026-11-30', '08:00', ny));
    const poc = await quietAfterWednesday(hh);
    // Fri Dec 4: 2 quiet business days. Slack answers the DM with a 429, so the nudge waits in the outbox.
    hh.fake.failNext('chat.postMessage', { status: 429, retryAfter: 120 });
    await tickAt(hh, '2026-12-04', '09:31');
    const nudge = (await hh.bot.store.nudges.forPoc(poc.id)).find((n) => n.kind === 'silence');
    expect(nudge?.status).toBe('sent');
    expect((await hh.bot.store.outbox.byKey(`nudge:${nudge?.key ?? ''}`))?.status).toBe('pending');

    // The evaluator says they have been out since Thursday.
    hh.clock.set(zonedInstant('2026-12-04', '09:40', ny));
    const res = await hh.slack.command({
      text: 'away 2026-12-03 2026-12-04 sick',
      userId: people.evaluator,
      channelId: channel,
    });
    expect((res.json as { text: string }).text).toContain('Recorded: <@W0EVAL> away Thu Dec 3 – Fri Dec 4 (sick).');
    await tickAt(hh, '2026-12-04', '09:45');
    expect(await hh.bot.store.outbox.byKey(`nudge:${nudge?.key ?? ''}`)).toMatchObject({ status: 'skipped' });
    expect((await hh.bot.store.nudges.byKey(nudge?.key ?? ''))?.status).toBe('withdrawn');
    expect(silenceOrEscalation(hh)).toEqual([]);
  });

  it('a Slack status that says the evaluator is on vacation counts as time off: the nudge is withdrawn and the days recorded', async () => {
    const hh = await start(zonedInstant('2026-11-30', '08:00', ny));
    hh.fake.addUser({
      id: people.evaluator,
      team_id: 'T0CUSTOMER',
      tz: berlin,
      status_text: 'Vacationing',
      status_emoji: ':palm_tree:',
      status_expiration: Math.floor(zonedInstant('2026-12-08', '00:00', berlin).getTime() / 1000),
    });
    const poc = await quietAfterWednesday(hh);
    await tickAt(hh, '2026-12-04', '09:31');
    expect(silenceOrEscalation(hh)).toEqual([]);
    expect((await hh.bot.store.nudges.forPoc(poc.id)).find((n) => n.kind === 'silence')?.status).toBe('withdrawn');
    // Recorded from today through Monday (the status ends at midnight before Tuesday in Berlin).
    const list = await hh.slack.command({ text: 'away', userId: people.se, channelId: channel });
    expect((list.json as { text: string }).text).toContain(
      '<@W0EVAL> Fri Dec 4 – Mon Dec 7 (:palm_tree: Vacationing), from their Slack status',
    );
    // The next mornings: nothing while away; Tuesday Dec 8 is their first day back, a fresh count.
    await tickDays(hh, '2026-12-07', '2026-12-09', ['09:31', '13:00']);
    expect(silenceOrEscalation(hh)).toEqual([]);
  });

  it('an external evaluator whose profile Slack reduces (no zone, no status) is judged on what pocbot can see; the DM goes in the POC’s hours', async () => {
    const hh = await start(zonedInstant('2026-11-30', '08:00', ny));
    hh.fake.addUser({
      id: people.evaluator,
      team_id: 'T0CUSTOMER',
      tz: berlin,
      status_text: 'Vacationing',
      status_emoji: ':palm_tree:',
      reduced_profile: true,
    });
    hh.fake.addUser({ id: people.se, reduced_profile: true });
    const poc = await quietAfterWednesday(hh);
    await tickAt(hh, '2026-12-04', '09:31');
    // The status is not in the reduced profile: nothing recorded, the nudge goes out, at 09:31 New York (the POC's zone).
    expect(await hh.bot.store.timeOff.forUsers(poc.teamId, [people.evaluator])).toEqual([]);
    const dm = hh.fake.directMessages(people.se).find((m) => text(m).includes('gone quiet')) as FakeMessage;
    expect(localOf(dm, ny)).toEqual({ date: '2026-12-04', time: '09:31' });
  });

  it('refuses time off for someone else from a bystander, and bad dates, clearly', async () => {
    const hh = await start(zonedInstant('2026-11-30', '08:00', ny));
    await seedPoc(hh.bot.store, { startDate: '2026-11-30', endDate: '2026-12-18', readoutDate: '2026-12-21' });
    const run = async (t: string, user: string = people.se) =>
      ((await hh.slack.command({ text: t, userId: user, channelId: channel })).json as { text: string }).text;
    expect(await run(`away <@${people.evaluator}> 2026-12-03 2026-12-09`, people.bystander)).toContain('Only the SE');
    expect(await run('away 2026-12-09 2026-12-03')).toContain('ends (Thu Dec 3) before it starts (Wed Dec 9)');
    expect(await run('away 2026-13-01 2026-12-03')).toContain('“2026-13-01” is not a date');
    expect(await run('away @dana 2026-12-01 2026-12-03')).toContain('pick the person from Slack');
    expect(await run('away cancel 99')).toContain('There is no time off #99');
    expect(await hh.bot.store.timeOff.forUsers('T0VENDOR', [people.evaluator, people.se])).toEqual([]);
  });
});

describe('working hours', () => {
  it('a nudge due at the same moment for a Berlin SE and a Los Angeles AE reaches each between 09:00 and 17:00 of their own day', async () => {
    const hh = await start(zonedInstant('2026-11-30', '08:00', ny));
    hh.fake.addUser({ id: people.se, tz: berlin });
    hh.fake.addUser({ id: people.ae, tz: la });
    // Noon in New York is 18:00 in Berlin (after hours) and 09:00 in Los Angeles. Nudge and
    // escalate on the same quiet day, so the SE's nudge and the AE's escalation are decided in one tick.
    const { poc } = await seedPoc(hh.bot.store, {
      startDate: '2026-11-30',
      endDate: '2026-12-18',
      readoutDate: '2026-12-21',
      standupTime: '12:00',
      silenceNudgeDays: 2,
      silenceEscalateDays: 2,
      signedOffAt: '2026-11-27T14:00:00.000Z',
    });
    hh.clock.set(zonedInstant('2026-12-01', '11:00', ny));
    const ts = dateToSlackTs(hh.clock.now(), 1);
    await hh.slack.event(messageEvent({ user: people.evaluator, channel, text: 'Starting the load test', ts }));
    await eventually(async () => (await hh.bot.store.activity.lastTs(poc.id, people.evaluator)) === ts);

    // Thu Dec 3, 12:00 New York: 2 quiet business days.
    await tickAt(hh, '2026-12-03', '12:00');
    const decided = (await hh.bot.store.nudges.forPoc(poc.id)).filter(
      (n) => n.recipientId === people.se || n.recipientId === people.ae,
    );
    expect(decided.map((n) => [n.kind, n.recipientId, n.createdAt])).toEqual([
      ['silence', people.se, zonedInstant('2026-12-03', '12:00', ny).toISOString()],
      ['escalation', people.ae, zonedInstant('2026-12-03', '12:00', ny).toISOString()],
    ]);
    // A tick every 30 minutes through the next day.
    for (
      let t = zonedInstant('2026-12-03', '12:00', ny).getTime();
      t <= zonedInstant('2026-12-04', '12:00', ny).getTime();
      t += 30 * 60_000
    ) {
      hh.clock.set(new Date(t));
      await hh.bot.jobs.tick(hh.clock.now());
    }
    const seDm = hh.fake.directMessages(people.se).find((m) => text(m).includes('gone quiet')) as FakeMessage;
    const aeDm = hh.fake.directMessages(people.ae).find((m) => text(m).includes('Escalation')) as FakeMessage;
    expect(localOf(aeDm, la)).toEqual({ date: '2026-12-03', time: '09:00' });
    // 18:00 in Berlin was past their day: 09:00 the next morning there (03:00 in New York).
    expect(localOf(seDm, berlin)).toEqual({ date: '2026-12-04', time: '09:00' });
    for (const [m, zone] of [
      [seDm, berlin],
      [aeDm, la],
    ] as const) {
      const { time } = localOf(m, zone);
      expect(time >= '09:00' && time < '17:00').toBe(true);
    }
    // The hold is said in the tick report's words, once per held row.
    expect((await hh.bot.store.outbox.byKey(`nudge:${decided[0]?.key ?? ''}`))?.status).toBe('sent');
  });

  it('the escalation channel’s post, which mentions the AE, waits for the AE’s working hours as their DM does', async () => {
    const hh = await start(zonedInstant('2026-11-30', '08:00', ny));
    hh.fake.addUser({ id: people.se, tz: ny });
    hh.fake.addUser({ id: people.ae, tz: la });
    hh.fake.addChannel({ id: 'C0ESCAL' });
    const { poc } = await seedPoc(hh.bot.store, {
      startDate: '2026-11-30',
      endDate: '2026-12-18',
      readoutDate: '2026-12-21',
      silenceNudgeDays: 2,
      silenceEscalateDays: 2,
      signedOffAt: '2026-11-27T14:00:00.000Z',
    });
    hh.clock.set(zonedInstant('2026-12-01', '10:00', ny));
    const ts = dateToSlackTs(hh.clock.now(), 1);
    await hh.slack.event(messageEvent({ user: people.evaluator, channel, text: 'Starting the load test', ts }));
    await eventually(async () => (await hh.bot.store.activity.lastTs(poc.id, people.evaluator)) === ts);
    // Thu Dec 3 from 09:31 New York (06:31 in Los Angeles), a tick every 30 minutes.
    for (
      let t = zonedInstant('2026-12-03', '09:31', ny).getTime();
      t <= zonedInstant('2026-12-03', '14:00', ny).getTime();
      t += 30 * 60_000
    ) {
      hh.clock.set(new Date(t));
      await hh.bot.jobs.tick(hh.clock.now());
    }
    expect((await hh.bot.store.nudges.forPoc(poc.id)).find((n) => n.recipientId === 'C0ESCAL')?.createdAt).toBe(
      zonedInstant('2026-12-03', '09:31', ny).toISOString(),
    );
    const post = hh.fake.channelMessages('C0ESCAL').find((m) => text(m).includes('Escalation')) as FakeMessage;
    expect(text(post)).toContain(`<@${people.ae}>`);
    expect(localOf(post, la)).toEqual({ date: '2026-12-03', time: '09:01' });
  });
});
