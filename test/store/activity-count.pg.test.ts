// A day's activity counted on PostgreSQL in one upsert: out-of-order events keep the day's first
// and last Slack ts (compared as numbers: '999.5' is before '1000.1'), and events counted at the
// same moment on several connections all count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityStore } from '../../src/store/activity.js';
import { postgresStoreDb } from '../../src/store/handle.js';
import { type FreshPgDatabase, freshPgDatabase, insertPgPoc } from '../helpers/pg.js';

let fresh: FreshPgDatabase;
beforeAll(async () => {
  fresh = await freshPgDatabase({ label: 'activity' });
}, 60_000);
afterAll(async () => fresh?.drop());

describe('counting activity (PostgreSQL)', () => {
  it('keeps the first and last ts whatever the order, and counts every event of a burst', async () => {
    const pocId = await insertPgPoc(fresh.pg.pool, 'C0A');
    const store = new ActivityStore(postgresStoreDb(fresh.pg.db));
    const record = (ts: string, kind: 'message' | 'reaction') =>
      store.record({ pocId, userId: 'U0EVAL', day: '2026-11-24', ts, kind });
    await record('1764000000.000500', 'message');
    await record('999999999.900000', 'reaction'); // fewer digits, earlier: text order would say later
    await record('1764000000.000400', 'reaction');
    await record('1764000000.001000', 'message');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => record(`1764000001.${String(i).padStart(6, '0')}`, 'reaction')),
    );
    expect(await store.forPoc(pocId)).toEqual([
      {
        pocId,
        userId: 'U0EVAL',
        day: '2026-11-24',
        firstTs: '999999999.900000',
        lastTs: '1764000001.000019',
        messages: 2,
        reactions: 22,
      },
    ]);
  });

  it("reads a team's newest activity in one statement, as the read per member does", async () => {
    const pocId = await insertPgPoc(fresh.pg.pool, 'C0B');
    const store = new ActivityStore(postgresStoreDb(fresh.pg.db));
    const days: Array<[string, string, string]> = [
      ['U0EVAL', '2026-11-24', '1764000000.000500'],
      ['U0EVAL', '2026-11-26', '1764200000.000100'],
      ['U0EVAL', '2026-11-25', '1764100000.000900'],
      ['U0CHAMP', '2026-11-24', '1764000500.000100'],
    ];
    for (const [userId, day, ts] of days) await store.record({ pocId, userId, day, ts, kind: 'message' });
    const team = ['U0EVAL', 'U0CHAMP', 'U0QUIET'];
    const many = await store.lastTsOf(pocId, team);
    expect(Object.fromEntries(many)).toEqual({ U0EVAL: '1764200000.000100', U0CHAMP: '1764000500.000100' });
    for (const userId of team) expect(many.get(userId)).toBe(await store.lastTs(pocId, userId));
    expect((await store.lastTsOf(pocId, [])).size).toBe(0);
  });
});
