// The inbox on PostgreSQL, against the real server: a turn's requests stored and marked done in
// one statement each; and two replicas starting at once both read the requests left unfinished,
// each leftover must be done by one of them (the two take-ups race on separate connections,
// again and again).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresStoreDb } from '../../src/store/handle.js';
import { InboxStore } from '../../src/store/inbox.js';
import { openPostgres, type OpenPostgres } from '../../src/store/pg/db.js';
import { type FreshPgDatabase, freshPgDatabase } from '../helpers/pg.js';

let fresh: FreshPgDatabase;
let second: OpenPostgres;
beforeAll(async () => {
  fresh = await freshPgDatabase({ label: 'takeup' });
  second = await openPostgres(fresh.url);
}, 60_000);
afterAll(async () => {
  await second?.close();
  await fresh?.drop();
});

describe('the inbox’s connections (PostgreSQL)', () => {
  it('commit without waiting for the WAL flush; the store’s others as the server is set', async () => {
    const setting = async (db: typeof fresh.pg.db) =>
      ((await db.$client.query('show synchronous_commit')).rows[0] as { synchronous_commit: string })
        .synchronous_commit;
    expect(await setting(fresh.pg.inboxDb)).toBe('off');
    expect(await setting(fresh.pg.db)).toBe('on');
  });
});

describe('a turn’s requests at once (PostgreSQL)', () => {
  const request = (key: string, retryNum?: number) => ({
    key,
    kind: 'event' as const,
    body: `{"k":"${key}"}`,
    retryNum,
    retryReason: retryNum === undefined ? undefined : 'http_timeout',
    receivedAt: new Date('2026-11-24T15:00:00Z'),
  });

  it('stores each new key once, in order, and says which were received before', async () => {
    const store = new InboxStore(postgresStoreDb(fresh.pg.inboxDb));
    const before = await store.add(request('event:Batch0'));
    const ids = await store.addMany([
      request('event:Batch1'),
      request('event:Batch0', 1), // stored by an earlier turn
      request('event:Batch2', 2),
      request('event:Batch1'), // twice in the same turn: the first is the one stored
    ]);
    expect(ids[1]).toBeUndefined();
    expect(ids[3]).toBeUndefined();
    const [one, two] = [ids[0], ids[2]];
    expect(one).toBeGreaterThan(before ?? Number.POSITIVE_INFINITY);
    expect(two).toBeGreaterThan(one ?? Number.POSITIVE_INFINITY);
    const stored = await store.byKey('event:Batch2');
    expect(stored).toMatchObject({
      id: two,
      kind: 'event',
      body: '{"k":"event:Batch2"}',
      retryNum: 2,
      retryReason: 'http_timeout',
      receivedAt: '2026-11-24T15:00:00.000Z',
      status: 'pending',
      attempts: 0,
    });
    expect(await store.byKey('event:Batch1')).toMatchObject({ id: one, retryNum: null, retryReason: null });
    expect(await store.addMany([])).toEqual([]);

    await store.markDoneMany([one as number, two as number], new Date('2026-11-24T15:00:01Z'));
    expect(await store.byKey('event:Batch2')).toMatchObject({ status: 'done', body: '' });
    expect(await store.byKey('event:Batch1')).toMatchObject({ status: 'done' });
    expect(await store.byKey('event:Batch0')).toMatchObject({ status: 'pending' });
    await store.markDoneMany([before as number], new Date('2026-11-24T15:00:02Z')); // leaves the take-up below no leftovers of its own
  });
});

describe('taking up a leftover request (PostgreSQL)', () => {
  it('two replicas that read the same leftovers do each one once', async () => {
    const a = new InboxStore(postgresStoreDb(fresh.pg.db));
    const b = new InboxStore(postgresStoreDb(second.db));
    for (let i = 0; i < 30; i++) {
      await a.add({
        key: `event:Ev${i}`,
        kind: 'event',
        body: '{}',
        retryNum: undefined,
        retryReason: undefined,
        receivedAt: new Date('2026-11-24T15:00:00Z'),
      });
    }
    const [seenByA, seenByB] = await Promise.all([a.unfinished(), b.unfinished()]);
    const at = new Date('2026-11-24T15:05:00Z');
    expect(seenByA).toHaveLength(30);
    const takenBy = await Promise.all(
      seenByA.map(async (row, i) => {
        const other = seenByB[i] as typeof row;
        const [byA, byB] = await Promise.all([
          a.takeUp(row, 'taken up by A', at),
          b.takeUp(other, 'taken up by B', at),
        ]);
        return Number(byA) + Number(byB);
      }),
    );
    expect(takenBy).toEqual(seenByA.map(() => 1));
    // A third start, later, reads the note and may take it up again (the one that did may have died).
    const later = await a.unfinished();
    const [first] = later;
    expect(first?.error).toMatch(/^taken up by [AB]$/);
    expect(await b.takeUp(first as (typeof later)[number], 'taken up by C', at)).toBe(true);
    expect(await a.takeUp(first as (typeof later)[number], 'taken up by D', at)).toBe(false);
  });
  it('leaves a request to the replica that vouched for it since it was read (slow, not dead)', async () => {
    const a = new InboxStore(postgresStoreDb(fresh.pg.db));
    const b = new InboxStore(postgresStoreDb(second.db));
    const id = await a.add({
      key: 'event:EvSLOW',
      kind: 'event',
      body: '{}',
      retryNum: undefined,
      retryReason: undefined,
      receivedAt: new Date('2026-11-24T15:00:00Z'),
    });
    const seen = (await a.unfinished()).find((r) => r.id === id);
    expect(seen).toMatchObject({ aliveAt: null });
    // B, doing it all along, vouches for it after A read it and before A takes it up.
    await b.keepAlive([id as number], new Date('2026-11-24T15:03:00Z'));
    expect(await a.takeUp(seen as NonNullable<typeof seen>, 'taken up by A', new Date('2026-11-24T15:03:01Z'))).toBe(
      false,
    );
    // Read again, it can be taken up (once B has been silent long enough: services/inbox.ts decides).
    const again = (await a.unfinished()).find((r) => r.id === id);
    expect(again?.aliveAt).toBe('2026-11-24T15:03:00.000Z');
    expect(await a.takeUp(again as NonNullable<typeof again>, 'taken up by A', new Date('2026-11-24T15:06:00Z'))).toBe(
      true,
    );
    expect(await a.byKey('event:EvSLOW')).toMatchObject({
      aliveAt: '2026-11-24T15:06:00.000Z',
      error: 'taken up by A',
    });
  });
});
