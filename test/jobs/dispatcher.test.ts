import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dispatcher, type Pacer } from '../../src/jobs/dispatcher.js';
import { createLogger } from '../../src/logger.js';
import {
  type FoundMessage,
  type OutgoingMessage,
  type PostedMessage,
  SlackCallError,
  type SlackPort,
} from '../../src/services/ports.js';
import { type OpenDatabase, openDatabase } from '../../src/store/db.js';
import { createStore, type Store } from '../../src/store/index.js';
import { seedPoc } from '../../testkit/fixtures.js';

/** A pacer on a virtual clock: sleeping moves the clock, nothing waits. */
class VirtualPacer implements Pacer {
  t = 0;
  slept: number[] = [];
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.slept.push(ms);
    this.t += ms;
  }
}

interface Post {
  channel: string;
  ts: string;
  message: OutgoingMessage;
  at: number;
}

/** A SlackPort that records posts and fails the calls a test queues. */
class ScriptedSlack implements Partial<SlackPort> {
  posts: Post[] = [];
  lookups: string[] = [];
  failures: SlackCallError[] = [];
  private seq = 0;
  constructor(private readonly pacer: VirtualPacer) {}
  private post(channel: string, message: OutgoingMessage): PostedMessage {
    const failure = this.failures.shift();
    if (failure) throw failure;
    const ts = `1764000000.${String(++this.seq).padStart(6, '0')}`;
    this.posts.push({ channel, ts, message, at: this.pacer.now() });
    return { channel, ts };
  }
  async postMessage(channel: string, message: OutgoingMessage): Promise<PostedMessage> {
    return this.post(channel, message);
  }
  async postDirect(userId: string, message: OutgoingMessage): Promise<PostedMessage> {
    return this.post(`D${userId}`, message);
  }
  async findPostedByKey(target: string, key: string): Promise<FoundMessage | undefined> {
    this.lookups.push(key);
    const channel = /^[UW]/.test(target) ? `D${target}` : target;
    const p = this.posts.find((x) => x.channel === channel && x.message.metadata?.event_payload.key === key);
    // Slack gives back the text and blocks, not the metadata as part of the message body.
    return p
      ? {
          channel: p.channel,
          ts: p.ts,
          message: { text: p.message.text, ...(p.message.blocks ? { blocks: p.message.blocks } : {}) },
        }
      : undefined;
  }
}

const now = new Date('2026-11-24T15:00:00Z');
const text = (t: string): OutgoingMessage => ({ text: t });

let database: OpenDatabase;
let store: Store;
let pacer: VirtualPacer;
let slack: ScriptedSlack;
let logs: string[];
let dispatcher: Dispatcher;
/** What the dispatcher said it could not deliver (to tell the SE). */
let undelivered: Array<{ key: string; code: string; reason?: string }>;

async function queue(key: string, target: string, extra: { pocId?: number | null; expiresAt?: Date } = {}) {
  await store.outbox.insert(
    [
      {
        key,
        pocId: extra.pocId ?? null,
        kind: 'test',
        target,
        message: text(key),
        dueAt: now,
        expiresAt: extra.expiresAt,
      },
    ],
    now,
  );
}

beforeEach(() => {
  database = openDatabase(':memory:');
  store = createStore(database.db);
  pacer = new VirtualPacer();
  slack = new ScriptedSlack(pacer);
  logs = [];
  undelivered = [];
  dispatcher = new Dispatcher(
    {
      store,
      slack: slack as unknown as SlackPort,
      logger: createLogger('debug', { write: (l) => logs.push(l) }),
      undeliverable: async (row, _poc, problem) => {
        undelivered.push({ key: row.key, ...problem });
      },
    },
    { pacer, backoffBaseMs: 30_000 },
  );
});
afterEach(() => database.close());

describe('Dispatcher', () => {
  it('paces posts to one channel a second apart without holding up other channels, and tags each with its key', async () => {
    await queue('a1', 'C1');
    await queue('a2', 'C1');
    await queue('b1', 'C2');
    await queue('a3', 'C1');
    const results = await dispatcher.dispatch(now);
    expect(results.map((r) => r.outcome)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(slack.posts.map((p) => [p.message.text, p.at])).toEqual([
      ['a1', 0],
      ['b1', 0],
      ['a2', 1000],
      ['a3', 2000],
    ]);
    expect(slack.posts[0]?.message.metadata).toEqual({ event_type: 'pocbot_post', event_payload: { key: 'a1' } });
    const a1 = await store.outbox.byKey('a1');
    expect(a1).toMatchObject({
      status: 'sent',
      sentChannel: 'C1',
      sentTs: slack.posts[0]?.ts,
      sentAt: now.toISOString(),
      attempts: 1,
    });
  });

  it('overlaps posts to different channels, at most `concurrency` at once and never two to one channel', async () => {
    let inFlight = 0;
    let most = 0;
    const perChannel = new Map<string, number>();
    let sameChannelOverlap = false;
    const slow = Object.assign(Object.create(slack) as ScriptedSlack, {
      async postMessage(channel: string, message: OutgoingMessage): Promise<PostedMessage> {
        inFlight++;
        most = Math.max(most, inFlight);
        const open = (perChannel.get(channel) ?? 0) + 1;
        perChannel.set(channel, open);
        if (open > 1) sameChannelOverlap = true;
        await new Promise((r) => setTimeout(r, 15));
        perChannel.set(channel, open - 1);
        inFlight--;
        return slack.postMessage(channel, message);
      },
    });
    const limited = new Dispatcher(
      { store, slack: slow as unknown as SlackPort, logger: createLogger('error', { write: () => undefined }) },
      { pacer, concurrency: 3 },
    );
    for (let i = 1; i <= 6; i++) await queue(`c${i}`, `C${i}`);
    await queue('c1-again', 'C1');
    const results = await limited.dispatch(now);
    expect(results.map((r) => r.outcome)).toEqual(Array(7).fill('sent'));
    expect(most).toBe(3);
    expect(sameChannelOverlap).toBe(false);
    expect(slack.posts.filter((p) => p.channel === 'C1').map((p) => p.at)).toEqual([0, 1000]);
  });

  it('reschedules a 429 by its Retry-After, leaves the rest for later, and sends it when due without a lookup', async () => {
    await queue('x', 'C1');
    await queue('y', 'C2');
    slack.failures.push(new SlackCallError('chat.postMessage', 'ratelimited', 7));
    const first = await dispatcher.dispatch(now);
    expect(first.map((r) => [r.key, r.outcome])).toEqual([['x', 'ratelimited']]);
    expect(await store.outbox.byKey('x')).toMatchObject({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: '2026-11-24T15:00:07.000Z',
    });
    expect((await store.outbox.byKey('y'))?.status).toBe('pending');
    // y was never tried and is due: it goes now; x waits for its Retry-After.
    const second = await dispatcher.dispatch(new Date(now.getTime() + 1000));
    expect(second.map((r) => r.key)).toEqual(['y']);
    const third = await dispatcher.dispatch(new Date(now.getTime() + 7000));
    expect(third.map((r) => [r.key, r.outcome])).toEqual([['x', 'sent']]);
    expect(slack.lookups).toEqual([]);
    expect(slack.posts.map((p) => p.message.text)).toEqual(['y', 'x']);
  });

  it('retries transient errors with backoff, looking before each retry, until the end of the post’s day; then fails it and says so', async () => {
    const { poc } = await seedPoc(store);
    await queue('t', 'C1', { pocId: poc.id, expiresAt: new Date(now.getTime() + 120_000) });
    for (let i = 0; i < 3; i++) slack.failures.push(new SlackCallError('chat.postMessage', 'http_503'));
    let at = now;
    const r1 = await dispatcher.dispatch(at);
    expect(r1[0]?.outcome).toBe('retry');
    expect(await store.outbox.byKey('t')).toMatchObject({
      attempts: 1,
      nextAttemptAt: '2026-11-24T15:00:30.000Z',
      error: 'http_503',
    });
    expect(await dispatcher.dispatch(new Date(at.getTime() + 29_000))).toEqual([]);
    at = new Date(at.getTime() + 30_000);
    const r2 = await dispatcher.dispatch(at);
    expect(r2[0]?.outcome).toBe('retry');
    expect((await store.outbox.byKey('t'))?.nextAttemptAt).toBe(new Date(at.getTime() + 60_000).toISOString());
    // The next wait (2 minutes) would end after its day: not tried again, failed, and told.
    const r3 = await dispatcher.dispatch(new Date(at.getTime() + 60_000));
    expect(r3[0]).toMatchObject({ outcome: 'failed', detail: 'http_503 after 3 attempts: its day ended' });
    expect(await store.outbox.byKey('t')).toMatchObject({ status: 'failed', attempts: 3 });
    expect(slack.lookups).toEqual(['t', 't']);
    expect(slack.posts).toEqual([]);
    expect(undelivered).toEqual([{ key: 't', code: 'http_503', reason: 'its day ended' }]);
  });

  it('keeps trying a post without a day of its own, the waits doubling to at most 5 minutes, and sends it once Slack is back', async () => {
    await queue('n', 'C2');
    for (let i = 0; i < 8; i++) slack.failures.push(new SlackCallError('chat.postMessage', 'http_500'));
    let at = now;
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      expect((await dispatcher.dispatch(at))[0]?.outcome).toBe('retry');
      const next = new Date((await store.outbox.byKey('n'))?.nextAttemptAt ?? '');
      waits.push((next.getTime() - at.getTime()) / 1000);
      at = next;
    }
    expect(waits).toEqual([30, 60, 120, 240, 300, 300, 300, 300]);
    expect((await dispatcher.dispatch(at))[0]?.outcome).toBe('sent');
    expect(slack.posts.map((p) => p.message.text)).toEqual(['n']);
    expect(undelivered).toEqual([]);
  });

  describe('posts of one kind from one POC to one place keep their order when one must wait (the parts of a readout)', () => {
    const parts = async (pocId: number) => {
      for (const n of [1, 2, 3]) {
        await store.outbox.insert(
          [
            {
              key: `part${n}`,
              pocId,
              kind: 'readout',
              target: 'C1',
              message: text(`part ${n}`),
              dueAt: new Date(now.getTime() + n * 1000),
            },
          ],
          now,
        );
      }
      await queue('other', 'C1', { pocId }); // another kind to the same channel: not held
    };
    const later = (ms: number) => new Date(now.getTime() + ms);

    it('a 429 on part 2: part 3 waits for it, across ticks', async () => {
      const { poc } = await seedPoc(store, { channelId: 'C1' });
      await parts(poc.id);
      const first = await dispatcher.dispatch(later(1500));
      expect(first.map((r) => [r.key, r.outcome])).toEqual([
        ['other', 'sent'],
        ['part1', 'sent'],
      ]);
      slack.failures.push(new SlackCallError('chat.postMessage', 'ratelimited', 30));
      const second = await dispatcher.dispatch(later(10_000));
      expect(second.map((r) => [r.key, r.outcome])).toEqual([['part2', 'ratelimited']]);
      expect((await store.outbox.byKey('part3'))?.nextAttemptAt).toBe(later(40_000).toISOString());
      await dispatcher.dispatch(later(70_000));
      expect(slack.posts.map((p) => p.message.text)).toEqual(['other', 'part 1', 'part 2', 'part 3']);
    });

    it('a 503 on part 2: part 3 is not sent in the same tick, and goes after part 2 on its retry', async () => {
      const { poc } = await seedPoc(store, { channelId: 'C1' });
      await parts(poc.id);
      const first = await dispatcher.dispatch(later(1500));
      expect(first.map((r) => [r.key, r.outcome])).toEqual([
        ['other', 'sent'],
        ['part1', 'sent'],
      ]);
      slack.failures.push(new SlackCallError('chat.postMessage', 'http_503'));
      const second = await dispatcher.dispatch(later(5000));
      expect(second.map((r) => [r.key, r.outcome])).toEqual([['part2', 'retry']]);
      expect(await store.outbox.byKey('part3')).toMatchObject({
        status: 'pending',
        nextAttemptAt: (await store.outbox.byKey('part2'))?.nextAttemptAt,
      });
      const third = await dispatcher.dispatch(later(10 * 60_000));
      expect(third.map((r) => [r.key, r.outcome])).toEqual([
        ['part2', 'sent'],
        ['part3', 'sent'],
      ]);
      expect(slack.posts.map((p) => p.message.text)).toEqual(['other', 'part 1', 'part 2', 'part 3']);
    });

    it('part 1 posted but not recorded (a database error): parts 2 and 3 wait for its lease, not posted ahead of it', async () => {
      const { poc } = await seedPoc(store, { channelId: 'C1' });
      await parts(poc.id);
      // The marks of a turn are written together (markSentMany): the batch holding part 1 fails.
      const markSentMany = store.outbox.markSentMany.bind(store.outbox);
      let calls = 0;
      store.outbox.markSentMany = async (marks) => {
        for (const _ of marks) if (++calls === 2) throw new Error('disk full'); // the first is `other`, the second part 1
        await markSentMany(marks);
      };
      const first = await dispatcher.dispatch(later(5000));
      expect(first.map((r) => [r.key, r.outcome])).toEqual([
        ['other', 'sent'],
        ['part1', 'error'],
      ]);
      const leaseEnd = (await store.outbox.byKey('part1'))?.nextAttemptAt;
      expect(await store.outbox.byKey('part2')).toMatchObject({ status: 'pending', nextAttemptAt: leaseEnd });
      expect(await store.outbox.byKey('part3')).toMatchObject({ status: 'pending', nextAttemptAt: leaseEnd });
      // After the lease, part 1 is found (not posted again), then 2 and 3 follow in order.
      const second = await dispatcher.dispatch(later(5 * 60_000));
      expect(second.map((r) => [r.key, r.outcome])).toEqual([
        ['part1', 'found'],
        ['part2', 'sent'],
        ['part3', 'sent'],
      ]);
      expect(slack.posts.map((p) => p.message.text)).toEqual(['other', 'part 1', 'part 2', 'part 3']);
    });
  });

  it('after a crash between posting and marking sent, finds the post instead of posting twice', async () => {
    await queue('c', 'C1');
    const markSentMany = store.outbox.markSentMany.bind(store.outbox);
    let crashes = 1;
    store.outbox.markSentMany = async (marks) => {
      if (crashes-- > 0) throw new Error('process killed');
      await markSentMany(marks);
    };
    const r1 = await dispatcher.dispatch(now);
    expect(r1[0]?.outcome).toBe('error');
    expect(slack.posts).toHaveLength(1);
    expect(await store.outbox.byKey('c')).toMatchObject({ status: 'pending', attempts: 1 });
    // Leased: a tick a minute later does not touch it; after the lease it is looked up, not re-posted.
    expect(await dispatcher.dispatch(new Date(now.getTime() + 60_000))).toEqual([]);
    const r2 = await dispatcher.dispatch(new Date(now.getTime() + 3 * 60_000));
    expect(r2[0]?.outcome).toBe('found');
    expect(slack.posts).toHaveLength(1);
    expect(await store.outbox.byKey('c')).toMatchObject({ status: 'sent', sentTs: slack.posts[0]?.ts });
  });

  it('halts a POC whose channel is archived and skips its other pending posts there; a DM still goes, saying why', async () => {
    const { poc } = await seedPoc(store, { channelId: 'C0ARCH' });
    await queue('p1', 'C0ARCH', { pocId: poc.id });
    await queue('p2', 'C0ARCH', { pocId: poc.id });
    await queue('dm', 'U0SE', { pocId: poc.id });
    slack.failures.push(new SlackCallError('chat.postMessage', 'is_archived'));
    const results = await dispatcher.dispatch(now);
    expect(results.map((r) => [r.key, r.outcome])).toEqual([
      ['p1', 'failed'],
      ['dm', 'sent'],
      ['p2', 'skipped'],
    ]);
    expect(slack.posts.map((p) => [p.channel, p.message.text])).toEqual([
      ['DU0SE', expect.stringMatching(/^dm\n:warning: The POC's channel <#C0ARCH> is archived/)],
    ]);
    expect(await store.outbox.byKey('p1')).toMatchObject({
      status: 'failed',
      error: 'is_archived: cannot post in C0ARCH',
    });
    expect((await store.outbox.byKey('p2'))?.status).toBe('skipped');
    expect((await store.pocs.byId(poc.id))?.jobsHaltedReason).toMatch(/C0ARCH is archived/);
  });

  it('fails not_in_channel without halting, and a DM to a deactivated user with a clear error', async () => {
    const { poc } = await seedPoc(store);
    await queue('n', 'C0ACME', { pocId: poc.id });
    await queue('d', 'U0GONE', { pocId: poc.id });
    slack.failures.push(
      new SlackCallError('chat.postMessage', 'not_in_channel'),
      new SlackCallError('chat.postMessage', 'account_inactive'),
    );
    await dispatcher.dispatch(now);
    expect(await store.outbox.byKey('n')).toMatchObject({
      status: 'failed',
      error: 'not_in_channel: cannot post in C0ACME',
    });
    expect(await store.outbox.byKey('d')).toMatchObject({
      status: 'failed',
      error: 'cannot DM U0GONE: the account is deactivated (account_inactive)',
    });
    expect((await store.pocs.byId(poc.id))?.jobsHaltedReason).toBeNull();
  });

  it('skips a row whose day is over instead of posting it late', async () => {
    await queue('old', 'C1', { expiresAt: new Date(now.getTime() - 1) });
    const results = await dispatcher.dispatch(now);
    expect(results[0]?.outcome).toBe('skipped');
    expect((await store.outbox.byKey('old'))?.status).toBe('skipped');
    expect(slack.posts).toEqual([]);
  });

  it('sends at most maxPerTick rows and stops when the time budget is spent', async () => {
    const small = new Dispatcher(
      { store, slack: slack as unknown as SlackPort, logger: createLogger('error', { write: () => undefined }) },
      { pacer, maxPerTick: 2, timeBudgetMs: 1500 },
    );
    for (const k of ['k1', 'k2', 'k3']) await queue(k, 'C1');
    expect((await small.dispatch(now)).map((r) => r.key)).toEqual(['k1', 'k2']);
    // k3 is due, but the channel is paced: 1 s later, then the 1.5 s budget ends the next tick after one post.
    await queue('k4', 'C1');
    await queue('k5', 'C1');
    pacer.t += 1000;
    expect((await small.dispatch(now)).map((r) => r.key)).toEqual(['k3', 'k4']);
    expect((await store.outbox.byKey('k5'))?.status).toBe('pending');
  });

  it('asks the recheck before posting: a row it turns down is skipped with the reason, one it holds waits with its series behind it', async () => {
    const { poc } = await seedPoc(store, { channelId: 'C1' });
    for (const key of ['gone', 'later-1', 'later-2', 'fine', 'next']) {
      await store.outbox.insert(
        [
          {
            key,
            pocId: poc.id,
            kind: key.startsWith('later') ? 'standup' : 'test',
            target: key === 'fine' ? 'C2' : 'C1',
            message: text(key),
            dueAt: now,
          },
        ],
        now,
      );
    }
    const asked: string[] = [];
    const checked = new Dispatcher(
      {
        store,
        slack: slack as unknown as SlackPort,
        logger: createLogger('error', { write: (l) => logs.push(l) }),
        recheck: (row, p) => {
          asked.push(`${row.key}@${p.id}`);
          if (row.key === 'gone') return { send: false, reason: 'the POC is paused through 2026-11-25' };
          if (row.key === 'later-1')
            return {
              send: false,
              reason: 'the standup time is now 11:00',
              notBefore: new Date('2026-11-24T16:00:00Z'),
            };
          return { send: true };
        },
      },
      { pacer },
    );
    const results = await checked.dispatch(now);
    expect(results.map((r) => [r.key, r.outcome, r.detail])).toEqual([
      ['gone', 'skipped', 'no longer due: the POC is paused through 2026-11-25'],
      ['later-1', 'held', 'the standup time is now 11:00; not before 2026-11-24T16:00:00.000Z'],
      ['fine', 'sent', expect.any(String)],
      ['next', 'sent', expect.any(String)],
    ]);
    // Nothing was posted to C1 before 'next': it does not wait a second for the channel's pace.
    expect(slack.posts.map((p) => [p.message.text, p.at])).toEqual([
      ['fine', 0],
      ['next', 0],
    ]);
    expect(await store.outbox.byKey('gone')).toMatchObject({
      status: 'skipped',
      error: 'no longer due: the POC is paused through 2026-11-25',
    });
    // Held, not counted as an attempt; the next post of its series waits behind it.
    expect(await store.outbox.byKey('later-1')).toMatchObject({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: '2026-11-24T16:00:00.000Z',
    });
    expect(await store.outbox.byKey('later-2')).toMatchObject({
      status: 'pending',
      nextAttemptAt: '2026-11-24T16:00:00.000Z',
    });
    expect(asked).not.toContain(`later-2@${poc.id}`);
  });

  describe('a deferred message', () => {
    const deferred = async (key: string, pocId: number | null, target = 'C0ACME') =>
      store.outbox.insert(
        [
          {
            key,
            pocId,
            kind: 'standup',
            target,
            message: { deferred: { view: 'standup', day: '2026-11-24' } },
            dueAt: now,
          },
        ],
        now,
      );
    const withRender = (render: ConstructorParameters<typeof Dispatcher>[0]['render']) =>
      new Dispatcher(
        {
          store,
          slack: slack as unknown as SlackPort,
          logger: createLogger('error', { write: (l) => logs.push(l) }),
          render,
        },
        { pacer },
      );

    it('is built when it is sent, from the POC as it is then, and the row keeps what went out', async () => {
      const { poc } = await seedPoc(store);
      await deferred('s1', poc.id);
      // A change after planning shows: the renderer reads the POC at send time.
      await store.pocs.update(poc.id, { name: 'Renamed before its turn' });
      const seen: string[] = [];
      const d = withRender(async (p, spec) => {
        seen.push(`${p.name} ${spec.view} ${'day' in spec ? spec.day : spec.key}`);
        return { text: `standup for ${p.name}` };
      });
      expect((await d.dispatch(now)).map((r) => r.outcome)).toEqual(['sent']);
      expect(seen).toEqual(['Renamed before its turn standup 2026-11-24']);
      expect(slack.posts.map((p) => p.message.text)).toEqual(['standup for Renamed before its turn']);
      expect((await store.outbox.byKey('s1'))?.message).toEqual({ text: 'standup for Renamed before its turn' });
    });

    it('found already posted after a crash: the row keeps what Slack shows of it, not the plan', async () => {
      const { poc } = await seedPoc(store);
      await deferred('s2', poc.id);
      const d = withRender(async (p) => ({ text: `standup for ${p.name}` }));
      const markSentMany = store.outbox.markSentMany.bind(store.outbox);
      let crashes = 1;
      store.outbox.markSentMany = async (marks) => {
        if (crashes-- > 0) throw new Error('process killed');
        await markSentMany(marks);
      };
      expect((await d.dispatch(now)).map((r) => r.outcome)).toEqual(['error']);
      expect((await d.dispatch(new Date(now.getTime() + 3 * 60_000))).map((r) => r.outcome)).toEqual(['found']);
      expect(slack.posts).toHaveLength(1);
      expect(await store.outbox.byKey('s2')).toMatchObject({
        status: 'sent',
        message: { text: `standup for ${poc.name}` },
      });
    });

    it('fails once, with the reason, when it cannot be built or its POC is gone; an expired one is skipped unbuilt', async () => {
      const { poc } = await seedPoc(store);
      await deferred('broken', poc.id);
      await deferred('orphan', null);
      const d = withRender(async () => {
        throw new Error('no criteria table');
      });
      expect((await d.dispatch(now)).map((r) => [r.key, r.outcome])).toEqual([
        ['broken', 'failed'],
        ['orphan', 'failed'],
      ]);
      expect(await store.outbox.byKey('broken')).toMatchObject({
        status: 'failed',
        error: 'could not build the standup message: no criteria table',
      });
      expect(await store.outbox.byKey('orphan')).toMatchObject({
        status: 'failed',
        error: 'its POC (none) no longer exists',
      });
      expect(slack.posts).toEqual([]);
      // Nothing is built for a row whose day is over.
      await store.outbox.insert(
        [
          {
            key: 'late',
            pocId: poc.id,
            kind: 'standup',
            target: 'C0ACME',
            message: { deferred: { view: 'standup', day: '2026-11-23' } },
            dueAt: now,
            expiresAt: new Date(now.getTime() - 1),
          },
        ],
        now,
      );
      expect((await d.dispatch(now)).map((r) => [r.key, r.outcome])).toEqual([['late', 'skipped']]);
      // A dispatcher without a renderer says so rather than posting the plan as a message.
      await deferred('plain', poc.id);
      await dispatcher.dispatch(now);
      expect(await store.outbox.byKey('plain')).toMatchObject({
        status: 'failed',
        error: 'no renderer for the deferred standup message',
      });
    });
  });
});
