import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Poc } from '../../src/domain/poc.js';
import { checkpointAtRiskAction, checkpointOnTrackAction } from '../../src/slack/ids.js';
import { eventually, type Harness, startHarness } from '../../testkit/harness.js';
import { people, seedPoc } from '../../testkit/fixtures.js';
import { blockAction, messageEvent } from '../../testkit/payloads.js';
import type { FakeMessage } from '../../testkit/fake-slack.js';
import { virtualPacer } from '../../testkit/pacer.js';
import { castVote } from '../helpers/votes.js';

const keyOf = (m: FakeMessage) => String(m.metadata?.event_payload.key ?? '');
/** Only this feature's posts (other jobs, e.g. silence nudges, post too). */
const calendarPost = (m: FakeMessage) => /^(standup|checkpoint|reminder):/.test(keyOf(m));
const calendarPosts = (messages: FakeMessage[]) => messages.filter(calendarPost);

/** Ticks every `stepMin` simulated minutes from `from` to `to`, moving the harness clock. */
async function tickEvery(h: Harness, from: string, to: string, stepMin: number, twice = false): Promise<void> {
  for (let t = new Date(from).getTime(); t <= new Date(to).getTime(); t += stepMin * 60_000) {
    const now = new Date(t);
    h.clock.set(now);
    await h.bot.jobs.tick(now);
    if (twice) await h.bot.jobs.tick(now);
  }
}

/** The next post's "marked sent" fails as if the process were killed between posting and recording it. */
function killedBeforeMarkingSent(h: Harness): void {
  const outbox = h.bot.store.outbox;
  const markSentMany = outbox.markSentMany.bind(outbox);
  let crash = true;
  outbox.markSentMany = async (marks) => {
    if (crash) {
      crash = false;
      throw new Error('killed mid-dispatch');
    }
    await markSentMany(marks);
  };
}

async function tickAt(h: Harness, iso: string, options: { dryRun?: boolean } = {}) {
  const now = new Date(iso);
  h.clock.set(now);
  return h.bot.jobs.tick(now, options);
}

describe('the scheduler end to end', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: '2026-11-22T12:00:00Z' });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('across a two-week POC posts every standup, checkpoint and reminder once, at 09:30 in New York; doubled ticks add nothing', async () => {
    const { poc } = await seedPoc(h.bot.store, { stage: 'signed_off' }); // America/New_York, Mon Nov 23 – Fri Dec 4, checkpoint Friday
    await tickEvery(h, '2026-11-22T12:00:00Z', '2026-12-08T12:00:00Z', 30, true);

    const channel = calendarPosts(h.fake.channelMessages('C0ACME')).map((m) => [keyOf(m), m.postedAt.toISOString()]);
    const standupDays = [
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
    ];
    const expected: Array<[string, string]> = [];
    for (const d of standupDays) {
      expected.push([`standup:${poc.id}:${d}`, `${d}T14:30:00.000Z`]);
      if (d === '2026-11-27' || d === '2026-12-04') expected.push([`checkpoint:${poc.id}:${d}`, `${d}T14:30:00.000Z`]);
      if (d === '2026-12-02') expected.push([`reminder:end-soon:${poc.id}:${d}`, `${d}T14:30:00.000Z`]);
      if (d === '2026-12-04') expected.push([`reminder:end:${poc.id}:${d}`, `${d}T14:30:00.000Z`]);
    }
    expect(channel).toEqual(expected);

    // The readout-day DMs are due from the start of the day and reach each recipient at the start
    // of their working hours: 09:00 in New York (Slack has no zone for them here: the POC's).
    for (const user of [people.se, people.ae]) {
      expect(calendarPosts(h.fake.directMessages(user)).map((m) => [keyOf(m), m.postedAt.toISOString()])).toEqual([
        [`reminder:readout:${poc.id}:2026-12-07:${user}`, '2026-12-07T14:00:00.000Z'],
      ]);
    }
    const calendarCalls = h.fake
      .callsTo('chat.postMessage')
      .filter((c) =>
        /^(standup|checkpoint|reminder):/.test(
          String((c.args.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key),
        ),
      );
    expect(calendarCalls).toHaveLength(expected.length + 2);
    const rows = (await h.bot.store.outbox.list({ pocId: poc.id })).filter((r) =>
      /^(standup|checkpoint|reminder)/.test(r.kind),
    );
    expect(rows).toHaveLength(expected.length + 2);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect((await h.bot.store.pocs.byId(poc.id))?.stage).toBe('readout');

    const firstStandup = calendarPosts(h.fake.channelMessages('C0ACME'))[0];
    expect(JSON.stringify(firstStandup?.blocks)).toContain('Day 1 of 10');
    expect(JSON.stringify(firstStandup?.blocks)).toContain('What is next?');
    const checkpoint = h.fake.channelMessages('C0ACME').find((m) => keyOf(m).startsWith('checkpoint:'));
    expect(JSON.stringify(checkpoint?.blocks)).toContain('Are we on track for Fri Dec 4?');
  }, 120_000);

  it('a 429 from Slack delays the standup to the next tick but does not lose it', async () => {
    const { poc } = await seedPoc(h.bot.store);
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const first = await tickAt(h, '2026-11-23T14:30:00Z');
    expect(first.lines.join('\n')).toContain('rate limited');
    expect(first.planMs).toBeGreaterThan(0);
    expect(first.sendMs).toBeGreaterThan(0);
    expect(calendarPosts(h.fake.channelMessages('C0ACME'))).toHaveLength(0);
    await tickAt(h, '2026-11-23T14:45:00Z');
    await tickAt(h, '2026-11-23T15:00:00Z');
    const posted = calendarPosts(h.fake.channelMessages('C0ACME'));
    expect(posted.map(keyOf)).toEqual([`standup:${poc.id}:2026-11-23`]);
    expect(posted[0]?.postedAt.toISOString()).toBe('2026-11-23T14:45:00.000Z');
  });

  it('a process killed between posting and marking sent posts nothing twice after a restart', async () => {
    const { poc } = await seedPoc(h.bot.store);
    killedBeforeMarkingSent(h);
    await tickAt(h, '2026-11-23T14:30:00Z');
    expect(calendarPosts(h.fake.channelMessages('C0ACME'))).toHaveLength(1);
    expect((await h.bot.store.outbox.byKey(`standup:${poc.id}:2026-11-23`))?.status).toBe('pending');

    await h.restart();
    await tickEvery(h, '2026-11-23T14:45:00Z', '2026-11-23T18:00:00Z', 15);
    const posted = calendarPosts(h.fake.channelMessages('C0ACME'));
    expect(posted).toHaveLength(1);
    expect(h.fake.callsTo('conversations.history').length).toBeGreaterThanOrEqual(1);
    expect(await h.bot.store.outbox.byKey(`standup:${poc.id}:2026-11-23`)).toMatchObject({
      status: 'sent',
      sentChannel: 'C0ACME',
      sentTs: posted[0]?.ts,
    });
    // The row, planned as "build the standup when sent", now holds what went out, as read back from Slack.
    expect((await h.bot.store.outbox.byKey(`standup:${poc.id}:2026-11-23`))?.message).toEqual({
      text: posted[0]?.text,
      blocks: posted[0]?.blocks,
    });
  });

  it('after a crash, finds its post in a busy channel on a later page of the history, and does not post it again', async () => {
    const { poc } = await seedPoc(h.bot.store);
    killedBeforeMarkingSent(h);
    await tickAt(h, '2026-11-23T14:30:00Z');
    // While pocbot was down the channel kept talking: 450 messages after the standup, two pages and more.
    const posted = Number.parseFloat(calendarPosts(h.fake.channelMessages('C0ACME'))[0]?.ts ?? '0');
    for (let i = 1; i <= 450; i++)
      h.fake.addMessage({
        channel: 'C0ACME',
        ts: (posted + i).toFixed(6),
        text: `message ${i}`,
        user: people.evaluator,
      });

    await h.restart();
    await tickAt(h, '2026-11-23T14:45:00Z');
    expect(calendarPosts(h.fake.channelMessages('C0ACME'))).toHaveLength(1);
    expect(h.fake.callsTo('conversations.history').length).toBe(3);
    expect(await h.bot.store.outbox.byKey(`standup:${poc.id}:2026-11-23`)).toMatchObject({
      status: 'sent',
      sentTs: calendarPosts(h.fake.channelMessages('C0ACME'))[0]?.ts,
    });
  });

  it("after downtime posts today's standup late, and skips one whose day is over", async () => {
    const { poc } = await seedPoc(h.bot.store);
    // Monday's standup is queued but Slack holds it off past midnight in New York.
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 12 * 3600 });
    await tickAt(h, '2026-11-23T14:30:00Z');
    // The bot is down until Tuesday 11:00 in New York.
    const report = await tickAt(h, '2026-11-24T16:00:00Z');
    expect(report.lines.join('\n')).toContain(`skipped standup:${poc.id}:2026-11-23`);
    expect(calendarPosts(h.fake.channelMessages('C0ACME')).map(keyOf)).toEqual([`standup:${poc.id}:2026-11-24`]);
    expect((await h.bot.store.outbox.byKey(`standup:${poc.id}:2026-11-23`))?.status).toBe('skipped');
  });

  it('builds a standup held up by Slack when it goes out, so a pass recorded meanwhile is in it', async () => {
    const { poc, criteria } = await seedPoc(h.bot.store);
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 60 });
    await tickAt(h, '2026-11-23T14:30:00Z');
    expect((await h.bot.store.outbox.byKey(`standup:${poc.id}:2026-11-23`))?.status).toBe('pending');
    await castVote(
      h.bot.store,
      criteria[0]?.id as number,
      people.evaluator,
      'lead',
      'pass',
      '2026-11-23T14:31:00.000Z',
    );
    await tickAt(h, '2026-11-23T14:32:00Z');
    const [standup] = calendarPosts(h.fake.channelMessages('C0ACME'));
    expect(keyOf(standup as FakeMessage)).toBe(`standup:${poc.id}:2026-11-23`);
    expect(standup?.text).toContain('1/5 criteria decided');
    // The row now holds what went out, not the plan.
    expect((await h.bot.store.outbox.byKey(`standup:${poc.id}:2026-11-23`))?.message).toMatchObject({
      text: standup?.text,
    });
  });

  it("builds a checkpoint and the end-date reminder when they go out, so a pass recorded while they waited is in them; the day's posts keep their order", async () => {
    const { poc, criteria } = await seedPoc(h.bot.store, { endDate: '2026-11-27', readoutDate: '2026-11-30' });
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 60 });
    const planned = await tickAt(h, '2026-11-27T14:30:00Z');
    expect(planned.lines).toContain(
      `queued checkpoint:${poc.id}:2026-11-27 → C0ACME: weekly checkpoint for "${poc.name}" (0/5 decided, 0 open issues)`,
    );
    expect(planned.lines).toContain(
      `queued reminder:end:${poc.id}:2026-11-27 → C0ACME: reminder, end date, for "${poc.name}" (5 undecided)`,
    );
    await castVote(
      h.bot.store,
      criteria[0]?.id as number,
      people.evaluator,
      'lead',
      'pass',
      '2026-11-27T14:31:00.000Z',
    );
    await tickAt(h, '2026-11-27T14:32:00Z');
    await tickAt(h, '2026-11-27T14:34:00Z');
    const posted = new Map(calendarPosts(h.fake.channelMessages('C0ACME')).map((m) => [keyOf(m), m]));
    // In the order planned: the rate-limited standup first, the posts of the day behind it.
    expect([...posted.keys()]).toEqual([
      `standup:${poc.id}:2026-11-27`,
      `checkpoint:${poc.id}:2026-11-27`,
      `reminder:end:${poc.id}:2026-11-27`,
    ]);
    const checkpoint = posted.get(`checkpoint:${poc.id}:2026-11-27`);
    expect(checkpoint?.text).toContain('1/5 criteria decided');
    expect(JSON.stringify(posted.get(`reminder:end:${poc.id}:2026-11-27`)?.blocks)).toContain(
      'Not decided yet (4 of 5)',
    );
    // The row holds what went out (the checkpoint's buttons find it by its ts).
    expect((await h.bot.store.outbox.byKey(`checkpoint:${poc.id}:2026-11-27`))?.message).toMatchObject({
      text: checkpoint?.text,
    });
  });

  it('a morning with more standups than the outbox holds queues them as it drains: each once, in POC order, ahead of the nudges planned with them', async () => {
    await h.stop();
    // Two posts a tick: at most four calendar posts wait in the outbox at once.
    h = await startHarness({ now: '2026-11-25T14:00:00Z', dispatcher: { maxPerTick: 2, pacer: virtualPacer() } });
    // Seven POCs whose evaluator has said nothing since Monday's start: on Wednesday each standup is due, and a silence nudge for each.
    const pocs: Poc[] = [];
    for (let i = 0; i < 7; i++)
      pocs.push((await seedPoc(h.bot.store, { channelId: `C0MORN${i}`, name: `PoV ${i}` })).poc);
    const standupKeys = pocs.map((p) => `standup:${p.id}:2026-11-25`);

    const dry = await tickAt(h, '2026-11-25T14:30:00Z', { dryRun: true });
    expect(dry.lines.filter((l) => l.startsWith('would post standup:'))).toHaveLength(7);

    const first = await tickAt(h, '2026-11-25T14:30:00Z');
    expect(first.lines.filter((l) => l.startsWith('queued standup:'))).toEqual(
      standupKeys.slice(0, 4).map((k, i) => expect.stringContaining(`queued ${k} → C0MORN${i}`)),
    );
    expect(first.lines).toContain(
      'standups: 3 more due, queued as the outbox drains (it holds at most 4 calendar posts at once)',
    );
    expect(first.lines.filter((l) => l.startsWith('queued nudge:')).length).toBeGreaterThan(0);

    for (let minute = 31; minute <= 38; minute++) await tickAt(h, `2026-11-25T14:${minute}:00Z`);
    const posted = h.fake
      .callsTo('chat.postMessage')
      .map((c) => String((c.args.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key));
    expect(posted.filter((k) => k.startsWith('standup:'))).toEqual(standupKeys);
    // Queued after the nudges, the later standups still went out before them: they were due first.
    const firstNudge = posted.findIndex((k) => k.startsWith('nudge:'));
    expect(firstNudge).toBeGreaterThan(posted.indexOf(standupKeys[6] as string));
    expect((await h.bot.store.outbox.list({ kind: 'standup' })).map((r) => [r.key, r.status])).toEqual(
      standupKeys.map((k) => [k, 'sent']),
    );
  });

  it('--dry-run lists what would be posted and writes nothing', async () => {
    const { poc } = await seedPoc(h.bot.store, { stage: 'signed_off' });
    const report = await tickAt(h, '2026-11-23T14:30:00Z', { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.sendMs).toBe(0);
    expect(report.lines).toContain(
      `stages: would move "Acme analytics PoV" (POC ${poc.id}) from signed_off to active (2026-11-23 in America/New_York)`,
    );
    expect(report.lines).toContain(
      `would post standup:${poc.id}:2026-11-23 → C0ACME: standup for "Acme analytics PoV" (day 1 of 10, 0/5 decided)`,
    );
    expect(await h.bot.store.outbox.list()).toEqual([]);
    expect((await h.bot.store.pocs.byId(poc.id))?.stage).toBe('signed_off');
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('halts a POC whose channel was archived: the post fails and nothing more is planned', async () => {
    const { poc } = await seedPoc(h.bot.store);
    h.fake.addChannel({ id: 'C0ACME', archived: true });
    const report = await tickAt(h, '2026-11-23T14:30:00Z');
    expect(report.lines.join('\n')).toContain('FAILED');
    expect((await h.bot.store.outbox.byKey(`standup:${poc.id}:2026-11-23`))?.status).toBe('failed');
    expect((await h.bot.store.pocs.byId(poc.id))?.jobsHaltedReason).toMatch(/archived/);
    await tickAt(h, '2026-11-24T14:30:00Z');
    expect(await h.bot.store.outbox.list({ pocId: poc.id })).toHaveLength(1);
  });
});

describe('answers to scheduled posts', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: '2026-11-27T14:30:00Z' });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('records thread replies to a standup as standup answers, once, and ignores other threads', async () => {
    const { poc } = await seedPoc(h.bot.store);
    await tickAt(h, '2026-11-27T14:30:00Z');
    const standup = h.fake.channelMessages('C0ACME').find((m) => keyOf(m).startsWith('standup:'));
    expect(standup).toBeDefined();
    const reply = messageEvent({
      user: people.evaluator,
      channel: 'C0ACME',
      text: 'Done: SSO. Next: dashboards. Blocked: none',
      ts: '1764254000.000200',
      threadTs: standup?.ts ?? '',
    });
    await h.slack.event(reply, { eventId: 'EvREPLY1' });
    await h.slack.event(reply, { eventId: 'EvREPLY1' }); // Slack's retry
    await h.slack.event(
      messageEvent({
        user: people.se,
        channel: 'C0ACME',
        text: 'unrelated',
        ts: '1764254000.000300',
        threadTs: '1763910001.000100',
      }),
    );
    const answers = await eventually(async () => {
      const a = await h.bot.store.answers.forPoc(poc.id, 'standup');
      return a.length > 0 ? a : undefined;
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(await h.bot.store.answers.forPoc(poc.id, 'standup')).toEqual(answers);
    expect(answers).toMatchObject([
      {
        outboxKey: `standup:${poc.id}:2026-11-27`,
        userId: people.evaluator,
        value: 'Done: SSO. Next: dashboards. Blocked: none',
        messageTs: '1764254000.000200',
      },
    ]);
  });

  it('stores an "on track?" click, shows it on the checkpoint, and a second click replaces the first', async () => {
    const { poc } = await seedPoc(h.bot.store);
    await tickAt(h, '2026-11-27T14:30:00Z');
    const checkpoint = h.fake.channelMessages('C0ACME').find((m) => keyOf(m).startsWith('checkpoint:'));
    expect(checkpoint).toBeDefined();
    // The evaluator is an external member: their click carries their own org as user.team_id.
    const click = (user: string, actionId: string) =>
      h.slack.interaction(
        blockAction({
          user,
          teamId: 'T0VENDOR',
          ...(user === people.evaluator ? { userTeamId: 'T0CUSTOMER' } : {}),
          actionId,
          value: keyOf(checkpoint as FakeMessage),
          channel: 'C0ACME',
          messageTs: checkpoint?.ts ?? '',
          triggerId: h.fake.issueTrigger(),
        }),
      );
    expect((await click(people.evaluator, checkpointAtRiskAction)).status).toBe(200);
    await eventually(() =>
      JSON.stringify(h.fake.findMessage('C0ACME', checkpoint?.ts ?? '')?.blocks).includes('At risk'),
    );
    await click(people.se, checkpointOnTrackAction);
    await click(people.evaluator, checkpointOnTrackAction);
    await eventually(async () => {
      const a = await h.bot.store.answers.forPoc(poc.id, 'checkpoint');
      return a.length === 2 && a.every((x) => x.value === 'on_track') ? a : undefined;
    });
    const shown = await eventually(() => {
      const text = JSON.stringify(h.fake.findMessage('C0ACME', checkpoint?.ts ?? '')?.blocks);
      return text.includes(`<@${people.evaluator}>: *On track*`) && text.includes(`<@${people.se}>: *On track*`)
        ? text
        : undefined;
    });
    expect(shown).not.toContain('At risk*');
    expect(shown).toContain(checkpointOnTrackAction); // the buttons stay for the next person
  });
});

describe('/poc holiday, pause, resume', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: '2026-11-23T13:00:00Z' });
  });
  afterEach(async () => {
    await h.stop();
  });

  const run = async (text: string, userId: string = people.se) => {
    const res = await h.slack.command({ text, userId, channelId: 'C0ACME' });
    expect(res.status).toBe(200);
    return res.json as { text: string; response_type?: string };
  };

  it('refuses bad dates and other people clearly, and skips the days off it records', async () => {
    const { poc } = await seedPoc(h.bot.store);
    expect((await run('holiday 2026-11-31')).text).toContain('“2026-11-31” is not a date');
    expect((await run('holiday')).text).toContain('Usage: `/poc holiday');
    expect((await run('holiday 2026-11-26', people.bystander)).text).toContain('Only the SE');
    expect((await h.bot.store.holidays.forPoc(poc.id)).size).toBe(0);

    const ok = await run('holiday 2026-11-26 2026-11-27');
    expect(ok.text).toContain('Days off added: Thu Nov 26, Fri Nov 27');
    expect(ok.text).toContain('Business days in this POC: 8 (was 10)');
    await tickEvery(h, '2026-11-23T14:00:00Z', '2026-11-28T14:00:00Z', 30);
    expect(calendarPosts(h.fake.channelMessages('C0ACME')).map(keyOf)).toEqual([
      `standup:${poc.id}:2026-11-23`,
      `standup:${poc.id}:2026-11-24`,
      `standup:${poc.id}:2026-11-25`,
      // Friday's checkpoint, on a day off with none left after it that week, moves to the last
      // business day before it: it does not disappear.
      `checkpoint:${poc.id}:2026-11-25`,
    ]);
    expect(JSON.stringify(calendarPosts(h.fake.channelMessages('C0ACME'))[0]?.blocks)).toContain('Day 1 of 8');
  });

  /** Today's standup, planned at 09:30 New York and held in the queue by a 429 (as a long queue would hold it). */
  const queuedStandup = async () => {
    const { poc } = await seedPoc(h.bot.store);
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 60 });
    await tickAt(h, '2026-11-23T14:30:00Z');
    const key = `standup:${poc.id}:2026-11-23`;
    expect((await h.bot.store.outbox.byKey(key))?.status).toBe('pending');
    h.clock.set('2026-11-23T14:31:00Z');
    return { poc, key };
  };

  it('a standup still queued when the POC is paused is not posted after the pause, and says why', async () => {
    const { key } = await queuedStandup();
    expect((await run('pause 2026-11-25 customer change freeze')).text).toContain('paused the standups');
    const report = await tickAt(h, '2026-11-23T14:32:00Z');
    expect(report.lines).toContain(`skipped ${key} → C0ACME: no longer due: the POC is paused through 2026-11-25`);
    expect(calendarPosts(h.fake.channelMessages('C0ACME'))).toHaveLength(0);
    expect(await h.bot.store.outbox.byKey(key)).toMatchObject({
      status: 'skipped',
      error: 'no longer due: the POC is paused through 2026-11-25',
    });
  });

  it('a standup still queued when today is made a day off is not posted', async () => {
    const { key } = await queuedStandup();
    expect((await run('holiday 2026-11-23')).text).toContain('Days off added: Mon Nov 23');
    await tickAt(h, '2026-11-23T14:32:00Z');
    expect(calendarPosts(h.fake.channelMessages('C0ACME'))).toHaveLength(0);
    expect(await h.bot.store.outbox.byKey(key)).toMatchObject({
      status: 'skipped',
      error: 'no longer due: 2026-11-23 is a day off',
    });
  });

  it('a standup still queued when the standup time moves later that day waits for the new time, then posts once', async () => {
    const { poc, key } = await queuedStandup();
    await h.bot.store.pocs.update(poc.id, { standupTime: '11:00' });
    const held = await tickAt(h, '2026-11-23T14:32:00Z');
    expect(held.lines).toContain(
      `held ${key} → C0ACME: the standup time is now 11:00; not before 2026-11-23T16:00:00.000Z`,
    );
    await tickEvery(h, '2026-11-23T14:45:00Z', '2026-11-23T15:45:00Z', 15);
    expect(calendarPosts(h.fake.channelMessages('C0ACME'))).toHaveLength(0);
    await tickEvery(h, '2026-11-23T16:00:00Z', '2026-11-23T16:30:00Z', 15);
    const posted = calendarPosts(h.fake.channelMessages('C0ACME'));
    expect(posted.map(keyOf)).toEqual([key]);
    expect(posted[0]?.postedAt.toISOString()).toBe('2026-11-23T16:00:00.000Z');
  });

  it('pauses through a date (no standups or checkpoints), announces it, and resumes', async () => {
    const { poc } = await seedPoc(h.bot.store);
    expect((await run('pause 2026-11-20 freeze')).text).toContain('is in the past');
    expect((await run('pause 2026-11-25')).text).toContain('Say why');
    expect((await run('pause tomorrow freeze')).text).toContain('“tomorrow” is not a date');
    expect((await run('resume')).text).toContain('not paused');

    const paused = await run('pause 2026-11-25 customer change freeze');
    expect(paused.response_type).toBe('in_channel');
    expect(paused.text).toContain(
      'paused the standups, checkpoints, reminders and nudges of this POC through Wed Nov 25: customer change freeze',
    );
    expect(await h.bot.store.pocs.byId(poc.id)).toMatchObject({
      pausedUntil: '2026-11-25',
      pauseReason: 'customer change freeze',
      endDate: '2026-12-04',
    });
    expect(await h.bot.store.pauses.forPoc(poc.id)).toMatchObject([
      { fromDate: '2026-11-23', untilDate: '2026-11-25', pausedBy: people.se, resumedAt: null },
    ]);

    await tickEvery(h, '2026-11-23T14:00:00Z', '2026-11-26T16:00:00Z', 30);
    expect(calendarPosts(h.fake.channelMessages('C0ACME')).map(keyOf)).toEqual([`standup:${poc.id}:2026-11-26`]);

    await run('pause 2026-11-30 customer holiday', people.ae);
    await tickEvery(h, '2026-11-27T14:00:00Z', '2026-11-27T16:00:00Z', 30);
    expect(calendarPosts(h.fake.channelMessages('C0ACME'))).toHaveLength(1); // Friday: no standup, no checkpoint
    h.clock.set('2026-11-30T13:00:00Z');
    const resumed = await run('resume');
    expect(resumed.text).toContain('resumed the standups');
    expect((await h.bot.store.pocs.byId(poc.id))?.pausedUntil).toBeNull();
    await tickAt(h, '2026-11-30T14:30:00Z');
    expect(calendarPosts(h.fake.channelMessages('C0ACME')).map(keyOf)).toEqual([
      `standup:${poc.id}:2026-11-26`,
      `standup:${poc.id}:2026-11-30`,
    ]);
  });
});
