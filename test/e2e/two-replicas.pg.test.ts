// Two replicas of pocbot on one PostgreSQL database through a simulated week of standups,
// checkpoints and nudges. Every tick runs in both at once (the cron of two pods at the same
// minute), the Slack-compatible API answers some posts with 429s and 500s (one of them after the
// message went out), and one replica, a process of its own, is SIGKILLed while its post is in
// flight. Whatever the races, every scheduled post goes out exactly once: the outbox key is unique,
// a claim is exclusive, and a row tried before is looked up in Slack before it is posted again.
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { zonedInstant } from '../../src/domain/calendar.js';
import type { TickSummary } from '../../src/jobs/index.js';
import { postgresStoreDb } from '../../src/store/handle.js';
import { createStoreOn, type Store } from '../../src/store/index.js';
import { AppProcess } from '../../testkit/app-process.js';
import { FakeSlack } from '../../testkit/fake-slack.js';
import { seedPoc } from '../../testkit/fixtures.js';
import { eventually, testBotToken } from '../../testkit/harness.js';
import { LogCapture } from '../../testkit/log-capture.js';
import { type FreshPgDatabase, freshPgDatabase } from '../../testkit/postgres.js';
import { inProcessReplica } from '../helpers/replica.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

/** The week: Monday Nov 23 to Friday Nov 27 2026 (the seeded POCs have no public holidays). */
const week = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];

/**
 * Where the ticks fall each day (UTC): London's standups at 09:00, New York's at 09:30 (14:30Z),
 * each followed by ticks a minute, five and twenty minutes later, so a post rate limited (30 s),
 * failed with a 500 (backoff 30 s, then 60 s) or leased by a dead replica (120 s) is tried again
 * the same morning; then one in the afternoon for the DMs held until their reader's working hours.
 */
const instants = ['09:00', '09:01', '09:05', '09:20', '14:30', '14:31', '14:35', '14:50', '16:30'];

/** Three POCs in New York (checkpoint on Friday), two in London (checkpoint on Wednesday), each with people of its own. */
const pocs = [
  { channelId: 'C0NY1', timeZone: 'America/New_York', standupTime: '09:30', checkpointWeekday: 5 },
  { channelId: 'C0NY2', timeZone: 'America/New_York', standupTime: '09:30', checkpointWeekday: 5 },
  { channelId: 'C0NY3', timeZone: 'America/New_York', standupTime: '09:30', checkpointWeekday: 5 },
  { channelId: 'C0LN1', timeZone: 'Europe/London', standupTime: '09:00', checkpointWeekday: 3 },
  { channelId: 'C0LN2', timeZone: 'Europe/London', standupTime: '09:00', checkpointWeekday: 3 },
];

/** Slack's answers to some posts, by instant: rate limits, outages, and one lost answer to a post that went out. */
const failures: Record<string, Array<Parameters<FakeSlack['failNext']>[1]>> = {
  '2026-11-23T09:00': [{ status: 429, retryAfter: 30 }],
  '2026-11-23T14:30': [{ status: 500 }],
  '2026-11-24T09:00': [{ status: 500, afterEffect: true }],
  '2026-11-24T14:30': [
    { status: 429, retryAfter: 30 },
    { status: 429, retryAfter: 30 },
  ],
  '2026-11-26T09:00': [{ status: 500 }, { status: 500 }],
  '2026-11-26T14:30': [{ status: 500, afterEffect: true }],
  '2026-11-27T09:00': [{ status: 429, retryAfter: 30 }],
  '2026-11-27T14:30': [{ status: 500 }],
};

/** The instant the child replica is killed while its post is in flight: Wednesday's New York standups. */
const killAt = '2026-11-25T14:30';

const keyOf = (args: Record<string, unknown>) =>
  String((args.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key);

describe('two replicas on one PostgreSQL database', () => {
  it('post every standup, checkpoint and nudge of a week exactly once, through 429s, 500s and a replica killed mid-post', async () => {
    const clock = new ManualClock(new Date('2026-11-23T08:00:00Z'));
    const fake = new FakeSlack({ botToken: testBotToken, clock });
    await fake.start();
    cleanups.push(() => fake.stop());
    const db: FreshPgDatabase = await freshPgDatabase({ label: 'replicas', maxConnections: 2 });
    cleanups.push(() => db.drop());
    // The test's own view of the database: to seed, and to read the outbox and the nudges.
    const store: Store = createStoreOn(postgresStoreDb(db.pg.db));
    const seeded = [];
    for (const [i, p] of pocs.entries()) {
      // Evaluators who say nothing all week: silence nudges from Wednesday, escalations on Friday.
      const { poc } = await seedPoc(store, {
        ...p,
        name: `PoV ${p.channelId}`,
        seId: `U0SE${i}`,
        aeId: `U0AE${i}`,
        escalationChannelId: `C0ESC${i}`,
      });
      seeded.push(poc);
    }

    const logs = new LogCapture();
    const { bot: local } = await inProcessReplica(db.url, fake, clock, logs);
    cleanups.push(() => local.stop());
    const children: AppProcess[] = [];
    cleanups.push(async () => {
      for (const c of children) await c.kill();
    });
    const startChild = async () => {
      const child = await AppProcess.start({
        databaseUrl: db.url,
        slackApiUrl: fake.apiUrl,
        now: clock.now().toISOString(),
        virtualPacer: true,
      });
      children.push(child);
      return child;
    };
    let remote = await startChild();

    const lines: string[] = [];
    const jobFailures: string[] = [];
    const sentBy = new Map<string, number>();
    const record = (from: string, at: Date, tick: { summary: TickSummary; lines: string[] }) => {
      lines.push(...tick.lines);
      sentBy.set(from, (sentBy.get(from) ?? 0) + tick.summary.sent);
      if (tick.summary.jobsFailed > 0)
        jobFailures.push(
          `${from} at ${at.toISOString()}: ${tick.lines.filter((l) => l.includes('FAILED')).join('; ')}`,
        );
    };
    /** Both replicas tick at the same instant, concurrently. */
    const tickBoth = async (at: Date) => {
      clock.set(at);
      const [a, b] = await Promise.all([local.jobs.tick(at), remote.tick(at)]);
      record('in-process', at, a);
      record('child', at, b);
    };

    let killedKey: string | undefined;
    for (const day of week) {
      for (const time of instants) {
        const at = zonedInstant(day, time, 'UTC');
        const label = `${day}T${time}`;
        for (const failure of failures[label] ?? []) fake.failNext('chat.postMessage', failure);
        if (label !== killAt) {
          await tickBoth(at);
          continue;
        }
        // Slack hangs: the child's first post of the tick is sent and waits for its answer.
        clock.set(at);
        const before = fake.callsTo('chat.postMessage').length;
        const release = fake.hold('chat.postMessage');
        const dying = remote.tick(at).then(
          () => 'finished',
          () => 'killed',
        );
        await eventually(() => fake.callsTo('chat.postMessage').length > before, 10_000);
        killedKey = keyOf(fake.callsTo('chat.postMessage')[before]?.args ?? {});
        // The other replica ticks meanwhile: it must not take the row the child holds.
        const other = local.jobs.tick(at);
        await eventually(() => fake.callsTo('chat.postMessage').length > before + 1, 5_000).catch(() => undefined);
        await remote.kill();
        expect(await dying).toBe('killed');
        // Slack answers at last, to no one: the child's post is in the channel, its row still claimed.
        release();
        record('in-process', at, await other);
        remote = await startChild();
      }
    }
    // Friday afternoon: tick on until nothing is left in the outbox (retries, DMs held for working hours).
    for (let i = 1; i <= 12 && (await store.outbox.list({ status: 'pending' })).length > 0; i++)
      await tickBoth(new Date(Date.parse('2026-11-27T16:30:00Z') + i * 5 * 60_000));

    const posted = new Map<string, number>();
    for (const call of fake.callsTo('chat.postMessage').filter((c) => c.ok)) {
      const key = keyOf(call.args);
      posted.set(key, (posted.get(key) ?? 0) + 1);
    }
    // What is in the channels: a post whose answer was lost (500 after the effect, or the killed
    // replica's) is in Slack without its call having answered ok.
    const inSlack = new Map<string, number>();
    for (const m of fake.messages) {
      const key = String(m.metadata?.event_payload.key ?? '');
      if (key) inSlack.set(key, (inSlack.get(key) ?? 0) + 1);
    }
    const twice = [...inSlack].filter(([, n]) => n > 1).map(([k, n]) => `${k} ×${n}`);
    expect(twice, 'posts in Slack more than once').toEqual([]);
    expect([...posted].filter(([, n]) => n > 1)).toEqual([]);
    // The killed post: in Slack once, found there by whichever replica took its row after the lease.
    // (A standup of the day, or a nudge DM due before it: whichever was first in the outbox then.)
    expect(killedKey).toMatch(/^(standup:\d+:2026-11-25|nudge:.+)$/);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^found already posted ${killedKey} `)));
    // Every failure asked for reached a post (none was left unused on a quiet instant).
    const injected = Object.values(failures).flat().length;
    expect(fake.callsTo('chat.postMessage').filter((c) => !c.ok)).toHaveLength(injected);
    // Both replicas sent some of the week's posts: neither sat idle behind the other.
    expect(sentBy.get('in-process')).toBeGreaterThan(0);
    expect(sentBy.get('child')).toBeGreaterThan(0);

    // Every standup of every business day and each POC's checkpoint on its weekday.
    const expected: string[] = [];
    for (const [i, poc] of seeded.entries()) {
      for (const [d, day] of week.entries()) {
        expected.push(`standup:${poc.id}:${day}`);
        // Monday is weekday 1: the week's dates are Monday..Friday in order.
        if (pocs[i]?.checkpointWeekday === d + 1) expected.push(`checkpoint:${poc.id}:${day}`);
      }
    }
    const calendar = [...inSlack.keys()].filter((k) => /^(standup|checkpoint):/.test(k));
    expect(calendar.sort()).toEqual(expected.sort());

    // Every outbox row ends sent, once, with the post Slack holds.
    const outbox = await store.outbox.list();
    expect(outbox.filter((r) => r.status !== 'sent').map((r) => `${r.key}: ${r.status} ${r.error ?? ''}`)).toEqual([]);
    expect(new Set(outbox.map((r) => r.key)).size).toBe(outbox.length);
    expect(outbox.map((r) => r.key).sort()).toEqual([...inSlack.keys()].sort());

    // Nudges: each decided once, and each DM or escalation post of theirs in Slack once.
    const nudges = (await Promise.all(seeded.map((p) => store.nudges.forPoc(p.id)))).flat();
    expect(nudges.length).toBeGreaterThan(0);
    expect(nudges.some((n) => n.kind === 'escalation')).toBe(true);
    expect(new Set(nudges.map((n) => n.key)).size).toBe(nudges.length);
    const nudgePosts = [...inSlack.keys()].filter((k) => k.startsWith('nudge:'));
    expect(nudgePosts.length).toBeGreaterThan(0);
    const nudgeKeys = new Set(nudges.map((n) => n.key));
    expect(nudgePosts.filter((k) => !nudgeKeys.has(k.slice('nudge:'.length)))).toEqual([]);

    expect(jobFailures).toEqual([]);
    // The dead replica's lease ran out and its row was taken again; nothing else went wrong.
    expect(logs.entries.filter((e) => e.level === 'error').map((e) => e.msg)).toEqual([]);
  }, 90_000);
});
