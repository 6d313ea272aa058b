// What the person on call reads: the JSON log lines (a tick, a failed post, an unexpected error,
// each naming what it was about, never a token), /readyz and /metrics.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { people, seedPoc } from '../../testkit/fixtures.js';
import { eventually, type Harness, startHarness, testBotToken, testSigningSecret } from '../../testkit/harness.js';
import { appHomeOpened } from '../../testkit/payloads.js';

const channel = 'C0ACME';
const standupTick = (day: string) => new Date(`${day}T14:31:00Z`);
const settle = (ms = 200) => new Promise((r) => setTimeout(r, ms));

async function get(h: Harness, path: string): Promise<{ status: number; text: string; json: unknown }> {
  const res = await fetch(`${h.appUrl}${path}`);
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

/** The value of the sample `name{labels…}` whose labels include `labels`, from Prometheus text. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('JSON log lines', () => {
  let h: Harness;
  const leaked = 'xoxb-7777-6666-leakedtokenvalue';
  beforeEach(async () => {
    h = await startHarness({ now: '2026-11-24T14:00:00Z' });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('a tick writes one info line with what it planned, sent, withdrew and left waiting, and how long it took', async () => {
    await seedPoc(h.bot.store);
    h.clock.set('2026-11-24T14:31:00Z');
    await h.bot.jobs.tick(standupTick('2026-11-24'));
    const ticks = h.logEntries.filter((e) => typeof e.msg === 'string' && e.msg.startsWith('tick at '));
    expect(ticks).toHaveLength(1);
    const [tick] = ticks;
    expect(tick).toMatchObject({
      level: 'info',
      tick: '2026-11-24T14:31:00.000Z',
      dry_run: false,
      planned: 1,
      sent: 1,
      withdrawn: 0,
      failed: 0,
      waiting: 0,
    });
    expect(typeof tick?.plan_ms).toBe('number');
    expect(typeof tick?.send_ms).toBe('number');
    expect(tick?.msg).toMatch(
      /^tick at 2026-11-24T14:31:00\.000Z: planned 1, sent 1, withdrawn 0, failed 0, waiting 0 \(plan \d+ ms, send \d+ ms\)$/,
    );
    // Each line of the log is one JSON object.
    for (const line of h.logLines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('a failed post writes a line naming the Slack method, its error, the POC and the channel; no token in it', async () => {
    const { poc } = await seedPoc(h.bot.store);
    h.fake.failNext('chat.postMessage', { error: `invalid_auth (token ${leaked} was revoked)` });
    h.clock.set('2026-11-24T14:31:00Z');
    await h.bot.jobs.tick(standupTick('2026-11-24'));
    const failed = h.logEntries.filter((e) => e.slack_method === 'chat.postMessage');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      level: 'info',
      slack_error: 'invalid_auth (token [redacted-token] was revoked)',
      poc: poc.id,
      channel,
      outbox_key: `standup:${poc.id}:2026-11-24`,
    });
    expect(failed[0]?.msg).toBe(
      'Slack call failed: chat.postMessage → invalid_auth (token [redacted-token] was revoked)',
    );
    const all = h.logLines.join('\n');
    expect(all).not.toContain(leaked);
    expect(all).not.toContain(testBotToken);
    expect(all).not.toContain(testSigningSecret);
  });

  it('an unexpected error in a listener is logged at error with its stack, and names the event it happened in', async () => {
    h.bot.services.onboarding.greetChannel = async () => {
      throw new TypeError(`boom while greeting with ${leaked}`);
    };
    await h.slack.event(
      { type: 'member_joined_channel', user: h.fake.botUserId, channel: 'C0NEW' },
      { eventId: 'EvBOOM' },
    );
    const error = await eventually(() => h.logEntries.find((e) => e.level === 'error'));
    expect(error).toMatchObject({
      msg: `unhandled error in a listener: boom while greeting with [redacted-token]`,
      event_id: 'EvBOOM',
      team: h.fake.teamId,
      channel: 'C0NEW',
      kind: 'event:member_joined_channel',
    });
    expect(error.err?.type).toBe('TypeError');
    expect(error.err?.stack).toMatch(/TypeError: boom while greeting[\s\S]*operations\.test\.ts/);
    expect(h.logLines.join('\n')).not.toContain(leaked);
  });

  it('a line written while handling a request names it: its team, user and event id, or for a command a request id', async () => {
    h.fake.failNext('views.publish', { error: 'not_enabled' });
    await h.slack.event(appHomeOpened(people.se), { eventId: 'EvHOME1' });
    const line = await eventually(() => h.logEntries.find((e) => e.slack_method === 'views.publish'));
    expect(line).toMatchObject({
      team: h.fake.teamId,
      user: people.se,
      event_id: 'EvHOME1',
      kind: 'event:app_home_opened',
    });

    await seedPoc(h.bot.store);
    // The first /poc status puts the scoreboard up (chat.postMessage), after the ack.
    h.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await h.slack.command({ text: 'status', userId: people.se, channelId: channel });
    const failed = await eventually(() =>
      h.logEntries.find((e) => e.kind === 'command:/poc' && typeof e.slack_method === 'string'),
    );
    expect(failed).toMatchObject({
      team: h.fake.teamId,
      channel,
      user: people.se,
      request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });
});

describe('/readyz', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: '2026-11-24T14:00:00Z', config: { scheduler: 'on' } });
    // The in-process cron would tick on the real clock; here the test is the scheduler.
    h.bot.jobs.stop();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('goes 503 when the scheduler has not ticked for 3 minutes, with the reason in JSON, and 200 again after a tick', async () => {
    const ready = await get(h, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json).toMatchObject({
      ready: true,
      checks: { database: { ok: true }, scheduler: { ok: true, detail: 'no tick yet, started 0 s ago' } },
    });

    h.clock.advance(2 * 60_000 + 59_000);
    expect((await get(h, '/readyz')).status).toBe(200);
    h.clock.advance(1_000);
    const stale = await get(h, '/readyz');
    expect(stale.status).toBe(503);
    expect(stale.json).toEqual({
      ready: false,
      checks: {
        database: { ok: true, detail: expect.stringMatching(/^\d+ migrations applied$/) },
        database_writable: { ok: true, detail: 'writable' },
        scheduler: { ok: false, reason: 'no tick yet, started 180 s ago (more than 3 minutes)' },
      },
    });

    await h.bot.jobs.tick(h.clock.now());
    expect(await get(h, '/readyz')).toMatchObject({
      status: 200,
      json: { ready: true, checks: { scheduler: { ok: true, detail: 'last tick 0 s ago' } } },
    });
    h.clock.advance(3 * 60_000);
    expect(await get(h, '/readyz')).toMatchObject({
      status: 503,
      json: { checks: { scheduler: { ok: false, reason: 'last tick 180 s ago (more than 3 minutes)' } } },
    });
    // /healthz is liveness only: still 200.
    expect((await get(h, '/healthz')).status).toBe(200);
  });

  it('goes 503 when a migration of this build is not applied to the database', async () => {
    // The last row of drizzle's journal, as if this build's newest migration had not run.
    await h.bot.database.query(
      h.bot.database.dialect === 'postgres'
        ? 'delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)'
        : 'delete from __drizzle_migrations where rowid = (select max(rowid) from __drizzle_migrations)',
    );
    await h.bot.jobs.tick(h.clock.now());
    const res = await get(h, '/readyz');
    expect(res.status).toBe(503);
    expect(res.json).toMatchObject({
      ready: false,
      checks: { database: { ok: false, reason: expect.stringMatching(/^(\d+) of (\d+) migrations applied$/) } },
    });
  });

  it('without SCHEDULER=on, the scheduler is not a check', async () => {
    const off = await startHarness({ now: '2026-11-24T14:00:00Z' });
    try {
      off.clock.advance(60 * 60_000);
      const res = await get(off, '/readyz');
      expect(res.status).toBe(200);
      expect(Object.keys((res.json as { checks: object }).checks)).toEqual(['database', 'database_writable']);
    } finally {
      await off.stop();
    }
  });
});

describe('/metrics', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: '2026-11-24T14:00:00Z' });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('counts requests by kind and outcome, times their acks, and reports the outbox, the posts and the ticks', async () => {
    const { poc } = await seedPoc(h.bot.store);
    await seedPoc(h.bot.store, { channelId: 'C0BETA', name: 'Beta PoV' });
    await h.slack.command({ text: 'help', userId: people.se, channelId: channel });
    await h.slack.command({ text: 'help', userId: people.se, channelId: channel });
    await h.slack.event(appHomeOpened(people.se));
    expect(
      (await h.slack.command({ text: 'help', userId: people.se, channelId: channel }, { signature: 'v0=forged' }))
        .status,
    ).toBe(401);
    await settle();

    let text = (await get(h, '/metrics')).text;
    expect(sample(text, 'pocbot_slack_requests_total', { kind: 'command:/poc', outcome: 'ok' })).toBe(2);
    expect(sample(text, 'pocbot_slack_requests_total', { kind: 'event:app_home_opened', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'pocbot_slack_requests_total', { kind: 'unknown', outcome: 'refused' })).toBe(1);
    expect(sample(text, 'pocbot_ack_duration_seconds_count', { kind: 'command:/poc' })).toBe(2);
    expect(sample(text, 'pocbot_ack_duration_seconds_bucket', { kind: 'command:/poc', le: '3' })).toBe(2);
    expect(sample(text, 'pocbot_outbox_pending', { state: 'all' })).toBe(0);

    // One standup posts, the other channel refuses it for good.
    h.fake.addChannel({ id: channel });
    h.fake.addChannel({ id: 'C0BETA', botNotMember: true });
    h.clock.set('2026-11-24T14:31:00Z');
    await h.bot.jobs.tick(standupTick('2026-11-24'));
    text = (await get(h, '/metrics')).text;
    expect(sample(text, 'pocbot_outbox_posts_total', { outcome: 'sent' })).toBe(1);
    expect(sample(text, 'pocbot_outbox_posts_total', { outcome: 'failed' })).toBe(1);
    expect(
      sample(text, 'pocbot_slack_api_failures_total', { method: 'chat.postMessage', error: 'not_in_channel' }),
    ).toBe(1);
    expect(sample(text, 'pocbot_tick_duration_seconds_count', { phase: 'plan' })).toBe(1);
    expect(sample(text, 'pocbot_ticks_total', { outcome: 'ok' })).toBe(1);
    // Node's own process metrics come along.
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    // A post queued for later shows in the outbox gauge.
    await h.bot.store.outbox.insert(
      [
        {
          key: `later:${poc.id}`,
          pocId: poc.id,
          kind: 'test',
          target: channel,
          message: { text: 'later' },
          dueAt: new Date('2026-11-24T15:00:00Z'),
        },
      ],
      h.clock.now(),
    );
    text = (await get(h, '/metrics')).text;
    expect(sample(text, 'pocbot_outbox_pending', { state: 'all' })).toBe(1);
    expect(sample(text, 'pocbot_outbox_pending', { state: 'due' })).toBe(0);
    h.clock.set('2026-11-24T15:00:00Z');
    expect(sample((await get(h, '/metrics')).text, 'pocbot_outbox_pending', { state: 'due' })).toBe(1);
  });
});
