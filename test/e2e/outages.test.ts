// Outages that wait, and halts that stop only what is broken: a post due while Slack is down goes
// out once Slack is back, for as long as it still means something; one that finally cannot go is
// told to the SE; a customer channel that vanished stops the posts there, not the escalations.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dateToSlackTs, zonedInstant } from '../../src/domain/calendar.js';
import type { FakeMessage } from '../../testkit/fake-slack.js';
import { people, seedPoc } from '../../testkit/fixtures.js';
import { eventually, type Harness, startHarness } from '../../testkit/harness.js';
import { virtualPacer } from '../../testkit/pacer.js';
import { messageEvent } from '../../testkit/payloads.js';

const ny = 'America/New_York';
const at = (date: string, time: string) => zonedInstant(date, time, ny);
const keyOf = (m: FakeMessage) => String(m.metadata?.event_payload.key ?? '');
const textOf = (m: FakeMessage) => JSON.stringify(m.blocks ?? []) + m.text;

describe('a Slack outage', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: at('2026-11-24', '09:00'), dispatcher: { pacer: virtualPacer() } });
  });
  afterEach(async () => {
    await h.stop();
  });

  /** A tick every `stepMin` minutes from `from` to `to` (New York times on one day, or instants). */
  async function tickEvery(from: Date, to: Date, stepMin: number): Promise<void> {
    for (let t = from.getTime(); t <= to.getTime(); t += stepMin * 60_000) {
      h.clock.set(new Date(t));
      await h.bot.jobs.tick(new Date(t));
    }
  }

  it('of 15 minutes of 5xx over the standup time: the standup goes out once, after Slack recovers', async () => {
    const { poc } = await seedPoc(h.bot.store); // standup 09:30 New York
    const recovery = at('2026-11-24', '09:40');
    h.fake.outageWhile(() => h.clock.now() < recovery, { status: 500 });
    await tickEvery(at('2026-11-24', '09:25'), at('2026-11-24', '10:00'), 1);

    const key = `standup:${poc.id}:2026-11-24`;
    const standups = h.fake.channelMessages(poc.channelId).filter((m) => keyOf(m) === key);
    expect(standups).toHaveLength(1);
    expect((standups[0] as FakeMessage).postedAt.getTime()).toBeGreaterThanOrEqual(recovery.getTime());
    // Tried through the outage (every call of which failed), then sent: not given up after five.
    const row = await h.bot.store.outbox.byKey(key);
    expect(row).toMatchObject({ status: 'sent' });
    expect(row?.attempts).toBeGreaterThan(1);
    expect(h.fake.calls.filter((c) => !c.ok && c.error === 'http_500').length).toBeGreaterThan(0);
    // Nobody was told it failed: it did not.
    expect(h.fake.directMessages(people.se).filter((m) => textOf(m).includes('could not post the standup'))).toEqual(
      [],
    );
  });

  it('that outlasts the standup’s day: it is not posted late, and the SE is told once Slack is back', async () => {
    const { poc } = await seedPoc(h.bot.store);
    const recovery = at('2026-11-25', '00:10');
    h.fake.outageWhile(() => h.clock.now() < recovery, { status: 500 });
    await tickEvery(at('2026-11-24', '09:25'), at('2026-11-25', '00:40'), 15);

    const key = `standup:${poc.id}:2026-11-24`;
    expect(h.fake.channelMessages(poc.channelId).filter((m) => keyOf(m) === key)).toEqual([]);
    expect((await h.bot.store.outbox.byKey(key))?.status).toMatch(/failed|skipped/);
    const told = h.fake.directMessages(people.se).filter((m) => textOf(m).includes('could not post the standup'));
    expect(told).toHaveLength(1);
    expect(textOf(told[0] as FakeMessage)).toContain(
      `I could not post the standup of ${poc.name} in <#${poc.channelId}>. Slack kept failing (\`http_500\`) until its day ended, so it was not sent.`,
    );
    expect((told[0] as FakeMessage).postedAt.getTime()).toBeGreaterThanOrEqual(recovery.getTime());
    // A later tick tells nobody again.
    await tickEvery(at('2026-11-25', '01:00'), at('2026-11-25', '02:00'), 30);
    expect(
      h.fake.directMessages(people.se).filter((m) => textOf(m).includes('could not post the standup')),
    ).toHaveLength(1);
  });
});

describe('a database that cannot be asked for the planner’s turn', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: at('2026-11-24', '09:30'), dispatcher: { pacer: virtualPacer() } });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('fails the planning with one line, and still sends what the outbox holds', async () => {
    const { poc } = await seedPoc(h.bot.store); // standup 09:30 New York
    const key = `standup:${poc.id}:2026-11-24`;
    // 09:30: the standup is planned; Slack answers 500, so it waits in the outbox for a retry.
    const retryAt = at('2026-11-24', '09:31');
    h.fake.outageWhile(() => h.clock.now() < retryAt, { status: 500 });
    await h.bot.jobs.tick(at('2026-11-24', '09:30'));
    expect(await h.bot.store.outbox.byKey(key)).toMatchObject({ status: 'pending' });
    // 09:31: the database cannot be asked for the planner's lock (PostgreSQL unreachable a moment).
    h.clock.set(retryAt);
    const handle = h.bot.store.handle;
    const turn = handle.plannerTurn;
    (handle as { plannerTurn: typeof turn }).plannerTurn = () => Promise.reject(new Error('connect ECONNREFUSED'));
    try {
      const report = await h.bot.jobs.tick(retryAt);
      expect(report.lines).toContain('plan: FAILED (connect ECONNREFUSED)');
      expect(report.failures).toBeGreaterThan(0);
      expect(report.summary.sent).toBe(1);
    } finally {
      (handle as { plannerTurn: typeof turn }).plannerTurn = turn;
    }
    expect(h.fake.channelMessages(poc.channelId).filter((m) => keyOf(m) === key)).toHaveLength(1);
    expect(h.logs.some((l) => l.includes('planning failed'))).toBe(true);
  });
});

describe('a customer channel that vanished', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: at('2026-11-23', '08:00'), dispatcher: { pacer: virtualPacer() } });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('channel_not_found on the customer channel: the AE’s escalation DM and the deal-channel post still go, saying the channel is gone', async () => {
    const { poc } = await seedPoc(h.bot.store);
    // The evaluator is active Mon–Wed, then quiet: the SE's nudge Friday, the escalation Tuesday.
    for (const day of ['2026-11-23', '2026-11-24', '2026-11-25']) {
      h.clock.set(at(day, '11:00'));
      await h.slack.event(
        messageEvent({
          user: people.evaluator,
          channel: poc.channelId,
          text: 'Loaded the sample data',
          ts: dateToSlackTs(at(day, '11:00'), 100),
        }),
      );
    }
    await eventually(
      async () =>
        (await h.bot.store.activity.lastTs(poc.id, people.evaluator)) === dateToSlackTs(at('2026-11-25', '11:00'), 100),
    );
    h.clock.set(at('2026-11-27', '10:00'));
    await h.bot.jobs.tick(h.clock.now());

    // Over the weekend the shared channel is deleted; the deal channel is fine.
    h.fake.addChannel({ id: poc.channelId, gone: true });
    h.fake.addChannel({ id: 'C0ESCAL' });
    // Tuesday's tick, as `npm run tick` runs it (a fresh process): the standup, first in the
    // queue, meets channel_not_found; the escalations come after it in the same tick.
    await h.restart();
    h.clock.set(at('2026-12-01', '10:00'));
    const report = await h.bot.jobs.tick(h.clock.now());
    expect(report.lines.filter((l) => /^(posted|FAILED|skipped)/.test(l)).map((l) => l.split(' → ')[0])).toEqual([
      `FAILED standup:${poc.id}:2026-12-01`,
      'posted nudge:escalation:1:1795622400.000100:U0AE',
      'posted nudge:pace_behind:1:2026-12-04:U0SE',
      'posted nudge:escalation:1:1795622400.000100:C0ESCAL',
    ]);

    expect(report.lines.join('\n')).toMatch(
      new RegExp(`FAILED standup:${poc.id}:2026-12-01 → ${poc.channelId}: channel_not_found`),
    );
    expect((await h.bot.store.pocs.byId(poc.id))?.jobsHaltedReason).toMatch(/was not found/);
    const aeDms = h.fake.directMessages(people.ae).filter((m) => textOf(m).includes('Escalation'));
    expect(aeDms).toHaveLength(1);
    expect(textOf(aeDms[0] as FakeMessage)).toContain(`The POC's channel <#${poc.channelId}> can no longer be found`);
    const dealPosts = h.fake.channelMessages('C0ESCAL');
    expect(dealPosts).toHaveLength(1);
    expect(textOf(dealPosts[0] as FakeMessage)).toContain('Escalation');
    expect(textOf(dealPosts[0] as FakeMessage)).toContain(
      `The POC's channel <#${poc.channelId}> can no longer be found`,
    );
    // The SE hears about the channel itself, with the next step.
    expect(
      h.fake.directMessages(people.se).filter((m) => textOf(m).includes(`I cannot find <#${poc.channelId}>`)),
    ).toHaveLength(1);
    // Nothing more is posted to the vanished channel.
    expect(h.fake.channelMessages(poc.channelId).filter((m) => m.postedAt >= at('2026-12-01', '00:00'))).toEqual([]);
  });
});
