// On PostgreSQL: a read snapshot, whose reads all see the database as of its first read though
// another connection commits meanwhile (at READ COMMITTED, a plain transaction's reads would each
// see the newest state), and which refuses a write (`/poc status` reads through one); and atomic,
// whose cases (test/helpers/atomic-cases.ts) run on SQLite too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresStoreDb } from '../../src/store/handle.js';
import { createStoreOn } from '../../src/store/index.js';
import { atomicCases } from '../helpers/atomic-cases.js';
import { type FreshPgDatabase, freshPgDatabase, insertPgPoc } from '../helpers/pg.js';

let fresh: FreshPgDatabase;
beforeAll(async () => {
  fresh = await freshPgDatabase({ label: 'snapshot' });
}, 60_000);
afterAll(async () => fresh?.drop());

describe('readSnapshot (PostgreSQL)', () => {
  it('reads one state while another connection commits, and sees the commit once it ends', async () => {
    const store = createStoreOn(postgresStoreDb(fresh.pg.db));
    const pocId = await insertPgPoc(fresh.pg.pool, 'C0SNAP');
    await store.holidays.add(pocId, ['2026-11-26']);
    const seen = await store.readSnapshot(async () => {
      const first = [...(await store.holidays.forPoc(pocId))];
      // Committed by another connection between the two reads.
      await fresh.pg.pool.query(`insert into holidays (poc_id, date) values ($1, '2026-11-27')`, [pocId]);
      const second = [...(await store.holidays.forPoc(pocId))];
      return { first, second };
    });
    expect(seen).toEqual({ first: ['2026-11-26'], second: ['2026-11-26'] });
    expect([...(await store.holidays.forPoc(pocId))]).toEqual(['2026-11-26', '2026-11-27']);
    // A plain transaction at the default level would have seen it: what the snapshot is for.
    const plain = await store.transaction(async () => {
      const first = (await store.holidays.forPoc(pocId)).size;
      await fresh.pg.pool.query(`insert into holidays (poc_id, date) values ($1, '2026-11-30')`, [pocId]);
      return { first, second: (await store.holidays.forPoc(pocId)).size };
    });
    expect(plain).toEqual({ first: 2, second: 3 });
  });

  it('refuses a write inside it', async () => {
    const store = createStoreOn(postgresStoreDb(fresh.pg.db));
    const pocId = await insertPgPoc(fresh.pg.pool, 'C0SNAPRO');
    const refused = await store
      .readSnapshot(() => store.holidays.add(pocId, ['2026-11-26']))
      .then(
        () => undefined,
        (err: Error & { cause?: Error }) => err.cause?.message ?? err.message,
      );
    expect(refused).toMatch(/read-only transaction/);
    expect((await store.holidays.forPoc(pocId)).size).toBe(0);
  });

  it('runs inside a transaction already open as part of it', async () => {
    const store = createStoreOn(postgresStoreDb(fresh.pg.db));
    const pocId = await insertPgPoc(fresh.pg.pool, 'C0SNAPIN');
    const seen = await store.transaction(async () => {
      await store.holidays.add(pocId, ['2026-12-01']);
      return store.readSnapshot(async () => [...(await store.holidays.forPoc(pocId))]);
    });
    expect(seen).toEqual(['2026-12-01']);
  });
});

describe('atomic (PostgreSQL)', () => {
  for (const [i, [name, run]] of Object.entries(atomicCases).entries()) {
    it(name, async () => {
      const h = postgresStoreDb(fresh.pg.db);
      await run(h, createStoreOn(h), await insertPgPoc(fresh.pg.pool, `C0ATOMIC${i}`));
    });
  }
});
