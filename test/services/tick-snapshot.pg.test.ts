// The tick plans from facts read in a dozen statements. On PostgreSQL (READ COMMITTED) each would
// see its own state of the database: an event handled between two of them would give the rules
// facts that were never true together. TickSnapshot reads them all as of one state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TickSnapshot } from '../../src/services/tick-snapshot.js';
import { postgresStoreDb } from '../../src/store/handle.js';
import { createStoreOn } from '../../src/store/index.js';
import { people, seedPoc } from '../../testkit/fixtures.js';
import { type FreshPgDatabase, freshPgDatabase } from '../helpers/pg.js';

let fresh: FreshPgDatabase;
beforeAll(async () => {
  fresh = await freshPgDatabase({ label: 'ticksnap' });
}, 60_000);
afterAll(async () => fresh?.drop());

describe('the tick’s facts (PostgreSQL)', () => {
  it('are read as of one state: an answer committed by another connection during the reads is in none of them', async () => {
    const store = createStoreOn(postgresStoreDb(fresh.pg.db));
    const { poc } = await seedPoc(store);
    const at = new Date('2026-11-24T14:30:00Z');
    const key = `standup:${poc.id}:2026-11-24`;
    await store.outbox.insertMany(
      [{ key, pocId: poc.id, kind: 'standup', target: poc.channelId, message: { text: 'standup' }, dueAt: at }],
      at,
    );
    const row = await store.outbox.byKey(key);
    await store.outbox.markSentMany([
      { id: row?.id ?? 0, sent: { channel: poc.channelId, ts: '1795532400.000000', at } },
    ]);

    // The evaluator answers the standup (and so is active) right after the tick's first read.
    const reads = store.tickReads;
    const firstRead = reads.activeCriteriaCounts.bind(reads);
    let answered = false;
    reads.activeCriteriaCounts = async (scope) => {
      const counts = await firstRead(scope);
      if (answered) return counts;
      await fresh.pg.pool.query(
        `insert into answers (poc_id, outbox_key, kind, user_id, value, message_ts, answered_at)
         values ($1, $2, 'standup', $3, 'Done: ingest', '1795536000.000100', '2026-11-24T15:30:00.000Z')`,
        [poc.id, key, people.evaluator],
      );
      answered = true;
      return counts;
    };
    const snapshot = await TickSnapshot.load(store, { pocs: [poc] });
    expect(answered).toBe(true);
    // As of the first read the standup was unanswered, and it still is in every later one.
    expect(snapshot.standupsSinceLastAnswered(poc.id).map((r) => r.key)).toEqual([key]);
    // The next tick reads the answer.
    expect((await TickSnapshot.load(store, { pocs: [poc] })).standupsSinceLastAnswered(poc.id)).toEqual([]);
  });
});
