// The PostgreSQL test databases live in the testkit (the harness runs on one under test:pg).
import type pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { type OpenDatabase, openDatabase } from '../../src/store/db.js';
import { postgresStoreDb } from '../../src/store/handle.js';
import { createStore, createStoreOn, type Store } from '../../src/store/index.js';
import { type FreshPgDatabase, freshPgDatabase } from '../../testkit/postgres.js';

export * from '../../testkit/postgres.js';

/**
 * For a file that compares what the store gives on both databases: an in-memory SQLite database
 * and a fresh PostgreSQL one (named after `label`), opened before the file's tests and closed
 * after them. Each call gives a new store on one of them.
 */
export function bothDatabases(label: string): { sqlite: () => Store; postgres: () => Store } {
  let fresh: FreshPgDatabase | undefined;
  let sqlite: OpenDatabase | undefined;
  beforeAll(async () => {
    fresh = await freshPgDatabase({ label });
    sqlite = openDatabase(':memory:');
  }, 60_000);
  afterAll(async () => {
    sqlite?.close();
    await fresh?.drop();
  });
  const opened = <T>(db: T | undefined): T => {
    if (!db) throw new Error('bothDatabases: its databases are open only inside the tests');
    return db;
  };
  return {
    sqlite: () => createStore(opened(sqlite).db),
    postgres: () => createStoreOn(postgresStoreDb(opened(fresh).pg.db)),
  };
}

/**
 * An active POC row in `channelId` (team T0V), written as SQL: for store tests on PostgreSQL
 * whose subject is not the POC module. Its id.
 */
export async function insertPgPoc(pool: Pick<pg.Pool, 'query'>, channelId: string): Promise<number> {
  const { rows } = await pool.query<{ id: number }>(
    `insert into pocs (team_id, channel_id, kind, name, stage, time_zone, start_date, end_date, readout_date, checkpoint_weekday, standup_time, evaluator_id, ae_id, se_id, silence_nudge_days, silence_escalate_days, created_by, created_at, updated_at)
     values ('T0V', $1, 'poc', $1, 'active', 'America/New_York', '2026-11-23', '2026-12-04', '2026-12-07', 5, '09:30', 'U0EVAL', 'U0AE', 'U0SE', 2, 4, 'U0SE', 'x', 'x') returning id`,
    [channelId],
  );
  return (rows[0] as { id: number }).id;
}
