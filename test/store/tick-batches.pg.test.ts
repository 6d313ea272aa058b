// The tick's batch writes (one statement each on PostgreSQL, the per-row statements on SQLite):
// the same rows written, in the same order, with the same answers, on both databases.
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import type { NewOutboxRow } from '../../src/store/outbox.js';
import { seedPoc } from '../../testkit/fixtures.js';
import { bothDatabases } from '../helpers/pg.js';
import { castVote } from '../helpers/votes.js';

const databases = bothDatabases('tickbatch');

const now = new Date('2026-11-24T14:30:00Z');

/** What each database gives for the same batch writes. */
async function scenario(store: Store) {
  const { poc } = await seedPoc(store, { teamId: 'T0VENDOR', enterpriseId: 'E0ORG' });
  const post = (key: string, extra: Partial<NewOutboxRow> = {}): NewOutboxRow => ({
    key,
    pocId: poc.id,
    kind: 'standup',
    target: poc.channelId,
    message: { text: key },
    dueAt: now,
    ...extra,
  });
  const before = await store.transaction(() => store.outbox.insertMany([post('k0')], now));
  const added = await store.transaction(() =>
    store.outbox.insertMany(
      [
        post('k1', { threadTs: '1.2', rank: 2, expiresAt: new Date('2026-11-25T05:00:00Z') }),
        post('k0'), // queued by an earlier tick
        post('k2', { pocId: null, target: 'U0SE', kind: 'nudge' }),
        post('k1'), // twice in one batch: the first is the one queued
        post('k3'),
      ],
      now,
    ),
  );
  const rows = await Promise.all(['k0', 'k1', 'k2', 'k3'].map((k) => store.outbox.byKey(k)));
  const [k0, k1, k2, k3] = rows;
  await store.outbox.markSentMany([
    { id: k1?.id ?? 0, sent: { channel: 'C1', ts: '10.1', at: now, message: { text: 'as posted' } } },
    { id: k3?.id ?? 0, sent: { channel: 'C1', ts: '10.3', at: now } },
  ]);
  const nudge = (key: string, recipientId: string) => ({
    key,
    pocId: poc.id,
    kind: 'silence',
    level: 1,
    recipientId,
    localDate: '2026-11-24',
    detail: '',
    createdAt: now.toISOString(),
    episode: 'e1',
    status: 'sent' as const,
  });
  await store.transaction(async () => {
    await store.nudges.insertMany([nudge('n1', 'U0SE')]);
    await store.nudges.insertMany([nudge('n2', 'U0AE'), nudge('n1', 'U0OTHER'), nudge('n3', 'U0SE')]);
  });
  const nudgeRows = await Promise.all(['n1', 'n2', 'n3'].map((k) => store.nudges.byKey(k)));
  await store.schedule.markDue([poc.id]);
  const claimed = await store.schedule.claimDue(now, 10);
  await store.schedule.setNextDue([{ id: poc.id, at: new Date('2026-11-25T14:30:00Z') }]);
  return {
    before,
    added,
    idsAscending: (k0?.id ?? 0) < (k1?.id ?? 0) && (k1?.id ?? 0) < (k2?.id ?? 0) && (k2?.id ?? 0) < (k3?.id ?? 0),
    k1: k1 && { ...k1, id: undefined, pocId: k1.pocId === poc.id },
    k2: k2 && { teamId: k2.teamId, enterpriseId: k2.enterpriseId, pocId: k2.pocId },
    sent: await Promise.all(
      ['k1', 'k3', 'k0'].map(async (k) => {
        const r = await store.outbox.byKey(k);
        return r && { status: r.status, channel: r.sentChannel, ts: r.sentTs, at: r.sentAt, message: r.message };
      }),
    ),
    claimed: claimed.claimed.map((id) => id === poc.id),
    nudges: nudgeRows.map((r) => r && { ...r, id: undefined, pocId: r.pocId === poc.id }),
    nudgeIdsAscending: (nudgeRows[1]?.id ?? 0) < (nudgeRows[2]?.id ?? 0),
    nextDue: await store.schedule.nextDueOf(poc.id),
  };
}

describe('the tick’s batch writes, on both databases', () => {
  it('queue each new key once, in order, with its workspace; mark sent; record nudges; give POCs their wake', async () => {
    const onSqlite = await scenario(databases.sqlite());
    const onPostgres = await scenario(databases.postgres());
    expect(onSqlite).toMatchObject({
      before: [true],
      added: [true, false, true, false, true],
      idsAscending: true,
      k1: { teamId: 'T0VENDOR', enterpriseId: 'E0ORG', threadTs: '1.2', rank: 2, status: 'pending' },
      k2: { teamId: '', enterpriseId: '', pocId: null },
      sent: [
        { status: 'sent', channel: 'C1', ts: '10.1', message: { text: 'as posted' } },
        { status: 'sent', channel: 'C1', ts: '10.3', message: { text: 'k3' } },
        { status: 'pending', channel: null },
      ],
      claimed: [true],
      nudges: [
        { key: 'n1', recipientId: 'U0SE', pocId: true, status: 'sent', episode: 'e1' },
        { key: 'n2', recipientId: 'U0AE' },
        { key: 'n3', recipientId: 'U0SE', localDate: '2026-11-24', kind: 'silence', level: 1 },
      ],
      nudgeIdsAscending: true,
      nextDue: '2026-11-25T14:30:00.000Z',
    });
    expect(onPostgres).toEqual(onSqlite);
  });
  it('read a POC’s active criteria and the calls on them in one statement, as on SQLite', async () => {
    const read = async (store: Store) => {
      const { poc, criteria } = await seedPoc(store, { channelId: 'C0VOTES' });
      const [c1, c2, c3] = criteria;
      if (!c1 || !c2 || !c3) throw new Error('fixture has fewer than 3 criteria');
      await castVote(store, c2.id, poc.evaluatorId, 'lead', 'pass', '2026-11-19T15:00:00.000Z');
      await castVote(store, c1.id, poc.seId, 'vendor', 'fail', '2026-11-19T16:00:00.000Z');
      await castVote(store, c1.id, poc.evaluatorId, 'lead', 'partial', '2026-11-19T17:00:00.000Z');
      await store.criteria.update(c3.id, { droppedAt: '2026-11-19T18:00:00.000Z', droppedReason: 'out of scope' });
      const active = await store.criteria.listActive(poc.id);
      const expected = { criteria: active, votes: await store.criteria.votesFor(active.map((c) => c.id)) };
      const got = await store.criteria.activeWithVotes(poc.id);
      expect(got).toEqual(expected);
      return { criteria: got.criteria.map((c) => c.position), votes: got.votes.map((v) => [v.userId, v.result]) };
    };
    const onSqlite = await read(databases.sqlite());
    expect(await read(databases.postgres())).toEqual(onSqlite);
    expect(onSqlite.votes).toEqual([
      ['W0EVAL', 'pass'],
      ['U0SE', 'fail'],
      ['W0EVAL', 'partial'],
    ]);
  });
});
