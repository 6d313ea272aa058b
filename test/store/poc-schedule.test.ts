// The due index: the triggers of the 'next_due' migration mark a POC due when its facts change,
// and a tick's claim and next wake (PocScheduleStore) never hide a change made while it planned.
import { afterEach, describe, expect, it } from 'vitest';
import { type OpenDatabase, openDatabase } from '../../src/store/db.js';
import { createStore, type Store } from '../../src/store/index.js';
import { dueAfterPost, dueAtOnce, dueClaimed } from '../../src/store/poc-schedule.js';
import { seedPoc } from '../../testkit/fixtures.js';

let open: OpenDatabase | undefined;
afterEach(() => open?.close());

const now = new Date('2026-11-24T15:00:00.000Z');
const later = new Date('2026-11-25T14:30:00.000Z');

async function setUp(): Promise<{ store: Store; a: number; b: number }> {
  open = openDatabase(':memory:');
  const store = createStore(open.db);
  const a = (await seedPoc(store, { channelId: 'C0A', seId: 'U0SEA', aeId: 'U0AEA' })).poc.id;
  const b = (await seedPoc(store, { channelId: 'C0B', seId: 'U0SEB', aeId: 'U0AEB' })).poc.id;
  return { store, a, b };
}

/** Plans both as a tick does and puts them to sleep until `later`. */
async function sleep(store: Store): Promise<void> {
  const { claimed } = await store.schedule.claimDue(now);
  await store.schedule.setNextDue(claimed.map((id) => ({ id, at: later })));
}

describe('the due index', () => {
  it('makes a new POC due at once, and a planned one sleeps until its wake', async () => {
    const { store, a, b } = await setUp();
    expect(await store.schedule.nextDueOf(a)).toBe(dueAtOnce);
    expect((await store.schedule.claimDue(now)).claimed).toEqual([a, b]);
    expect(await store.schedule.nextDueOf(a)).toBe(dueClaimed);
    await store.schedule.setNextDue([{ id: a, at: later }]);
    expect(await store.schedule.nextDueOf(a)).toBe(later.toISOString());
    // b was claimed and not given a wake (a job failed): still due.
    expect(await store.schedule.claimDue(now)).toEqual({ claimed: [b], pocs: [expect.objectContaining({ id: b })] });
  });

  it('marks the POC due on each fact a rule reads, and only that POC', async () => {
    const { store, a, b } = await setUp();
    const writes: Array<[string, () => Promise<unknown>]> = [
      [
        'activity',
        async () =>
          store.activity.record({
            pocId: a,
            userId: 'U0EVAL',
            day: '2026-11-24',
            ts: '1795100000.000100',
            kind: 'message',
          }),
      ],
      ['a day off', async () => store.holidays.add(a, ['2026-11-26'])],
      ['an edit', async () => store.pocs.update(a, { standupTime: '10:00' })],
      [
        'a nudge',
        async () =>
          store.nudges.insert({
            key: 'k1',
            pocId: a,
            kind: 'silence',
            level: 1,
            recipientId: 'U0SEA',
            localDate: '2026-11-24',
            detail: '',
            createdAt: now.toISOString(),
            episode: 'e',
            status: 'sent',
          }),
      ],
      [
        'a snooze',
        async () =>
          store.nudges.setOutcome('k1', {
            outcome: 'snoozed',
            by: 'U0SEA',
            at: now.toISOString(),
            snoozedUntil: '2026-11-26',
          }),
      ],
      [
        'a vote',
        async () => {
          const c = (await store.criteria.listActive(a))[0];
          if (c)
            await store.criteria.applyVote(
              {
                criterionId: c.id,
                userId: 'U0EVAL',
                role: 'evaluator',
                result: 'pass',
                reaction: 'white_check_mark',
                votedAt: now.toISOString(),
                eventTs: '1795100001.000100',
                revision: c.revision,
              },
              false,
            );
        },
      ],
    ];
    for (const [what, write] of writes) {
      await sleep(store);
      await write();
      expect({ what, a: await store.schedule.nextDueOf(a), b: await store.schedule.nextDueOf(b) }).toEqual({
        what,
        a: dueAtOnce,
        b: later.toISOString(),
      });
    }
  });

  it('marks every open POC of the workspace due on someone’s time off, and a POC due when one of its posts goes out', async () => {
    const { store, a, b } = await setUp();
    await sleep(store);
    await store.timeOff.add({
      teamId: 'T0VENDOR',
      userId: 'U0EVAL',
      from: '2026-11-26',
      to: '2026-11-27',
      note: '',
      source: 'command',
      pocId: a,
      createdBy: 'U0EVAL',
      createdAt: now.toISOString(),
    });
    expect([await store.schedule.nextDueOf(a), await store.schedule.nextDueOf(b)]).toEqual([dueAtOnce, dueAtOnce]);
    await sleep(store);
    await store.outbox.insertOne(
      { key: `standup:${b}:2026-11-24`, pocId: b, kind: 'standup', target: 'C0B', message: { text: 'x' }, dueAt: now },
      now,
    );
    expect(await store.schedule.nextDueOf(b)).toBe(later.toISOString()); // queued by the tick itself: nothing new
    store.db.$client.prepare(`update outbox set status = 'sent' where key = ?`).run(`standup:${b}:2026-11-24`);
    expect([await store.schedule.nextDueOf(a), await store.schedule.nextDueOf(b)]).toEqual([
      later.toISOString(),
      dueAfterPost,
    ]);
  });

  it('claims the POCs due because a post went out after every other POC due', async () => {
    const { store, a, b } = await setUp();
    await sleep(store);
    // b's post went out; then a's wake came. A batch of one takes a; b waits for room.
    await store.outbox.insertOne(
      { key: `standup:${b}:2026-11-24`, pocId: b, kind: 'standup', target: 'C0B', message: { text: 'x' }, dueAt: now },
      now,
    );
    store.db.$client.prepare(`update outbox set status = 'sent' where key = ?`).run(`standup:${b}:2026-11-24`);
    store.db.$client.prepare('update pocs set next_due_at = ? where id = ?').run('2026-11-24T14:30:00.000Z', a);
    expect(ids(await store.schedule.claimDue(now, 1))).toEqual({ claimed: [a], pocs: [a] });
    await store.schedule.setNextDue([{ id: a, at: later }]);
    expect(ids(await store.schedule.claimDue(now, 1))).toEqual({ claimed: [b], pocs: [b] });
    // A post that goes out while its POC is claimed keeps it due past the tick's next wake.
    await store.outbox.insertOne(
      {
        key: `checkpoint:${b}:2026-11-24`,
        pocId: b,
        kind: 'checkpoint',
        target: 'C0B',
        message: { text: 'x' },
        dueAt: now,
      },
      now,
    );
    store.db.$client.prepare(`update outbox set status = 'sent' where key = ?`).run(`checkpoint:${b}:2026-11-24`);
    await store.schedule.setNextDue([{ id: b, at: later }]);
    expect(await store.schedule.nextDueOf(b)).toBe(dueAfterPost);
  });

  it('keeps a POC due whose facts changed while a tick planned it', async () => {
    const { store, a, b } = await setUp();
    const { claimed } = await store.schedule.claimDue(now);
    await store.activity.record({
      pocId: a,
      userId: 'U0EVAL',
      day: '2026-11-24',
      ts: '1795100000.000100',
      kind: 'message',
    });
    await store.schedule.setNextDue(claimed.map((id) => ({ id, at: later })));
    expect([await store.schedule.nextDueOf(a), await store.schedule.nextDueOf(b)]).toEqual([
      dueAtOnce,
      later.toISOString(),
    ]);
  });

  it('plans the POCs that share an SE or an AE with a due one, and theirs in turn', async () => {
    const { store, a, b } = await setUp();
    const c = (await seedPoc(store, { channelId: 'C0C', seId: 'U0SEA', aeId: 'U0AEC' })).poc.id;
    const d = (await seedPoc(store, { channelId: 'C0D', seId: 'U0SED', aeId: 'U0AEC' })).poc.id;
    const e = (await seedPoc(store, { channelId: 'C0E', seId: 'U0SED', aeId: 'U0AEE' })).poc.id;
    await sleep(store);
    await store.holidays.add(a, ['2026-11-26']);
    // a's SE has c; c's AE has d; d's SE has e. b shares no one.
    expect(ids(await store.schedule.claimDue(now))).toEqual({ claimed: [a], pocs: [a, c, d, e] });
    expect(await store.schedule.nextDueOf(c)).toBe(later.toISOString());
    expect(await store.schedule.nextDueOf(b)).toBe(later.toISOString());
  });

  it('claims a batch, earliest due first, and leaves the rest due for the next tick', async () => {
    const { store, a, b } = await setUp();
    const c = (await seedPoc(store, { channelId: 'C0C', seId: 'U0SEC', aeId: 'U0AEC' })).poc.id;
    const d = (await seedPoc(store, { channelId: 'C0D', seId: 'U0SED', aeId: 'U0AED' })).poc.id;
    await sleep(store);
    // d due first (its wake passed earlier), then b, then a and c at once.
    await store.schedule.setNextDue([]);
    store.db.$client.prepare('update pocs set next_due_at = ? where id = ?').run('2026-11-24T14:00:00.000Z', d);
    store.db.$client.prepare('update pocs set next_due_at = ? where id = ?').run('2026-11-24T14:10:00.000Z', b);
    store.db.$client
      .prepare('update pocs set next_due_at = ? where id in (?, ?)')
      .run('2026-11-24T14:20:00.000Z', a, c);
    expect(ids(await store.schedule.claimDue(now, 2))).toEqual({ claimed: [b, d], pocs: [b, d] });
    expect(await store.schedule.nextDueOf(a)).toBe('2026-11-24T14:20:00.000Z');
    // Claimed and never given a wake (the tick died): first again.
    expect(ids(await store.schedule.claimDue(now, 1))).toEqual({ claimed: [b], pocs: [b] });
    await store.schedule.setNextDue([b, d].map((id) => ({ id, at: later })));
    expect(ids(await store.schedule.claimDue(now, 2))).toEqual({ claimed: [a, c], pocs: [a, c] });
    // Nothing due before the wakes: the claim reads nothing more.
    await store.schedule.setNextDue([a, c].map((id) => ({ id, at: later })));
    expect(await store.schedule.claimDue(now, 2)).toEqual({ claimed: [], pocs: [] });
  });

  it('follows many people at once through their POCs, round after round (a morning)', async () => {
    open = openDatabase(':memory:');
    const store = createStore(open.db);
    // 60 due POCs, each with an SE and AE of its own, and each AE with a second POC asleep, whose
    // SE has a third asleep (found in a second round). One lone POC asleep.
    const due: number[] = [];
    const asleep: number[] = [];
    for (let i = 0; i < 60; i++) {
      due.push((await seedPoc(store, { channelId: `C0D${i}`, seId: `U0SE${i}`, aeId: `U0AE${i}` })).poc.id);
      asleep.push((await seedPoc(store, { channelId: `C0S${i}`, seId: `U0SX${i}`, aeId: `U0AE${i}` })).poc.id);
      asleep.push((await seedPoc(store, { channelId: `C0T${i}`, seId: `U0SX${i}`, aeId: `U0AY${i}` })).poc.id);
    }
    const lone = (await seedPoc(store, { channelId: 'C0L', seId: 'U0SEL', aeId: 'U0AEL' })).poc.id;
    await sleep(store);
    for (const id of due) await store.holidays.add(id, ['2026-11-26']);
    const batch = ids(await store.schedule.claimDue(now));
    expect(batch.claimed).toEqual(due);
    expect(batch.pocs).toEqual([...due, ...asleep].sort((x, y) => x - y));
    expect(batch.pocs).not.toContain(lone);
  });
});

/** A batch by ids. */
function ids(batch: { claimed: number[]; pocs: Array<{ id: number }> }) {
  return { claimed: batch.claimed, pocs: batch.pocs.map((p) => p.id) };
}
