// The PostgreSQL test databases live in the testkit (the harness runs on one under test:pg).
import type pg from 'pg';

export * from '../../testkit/postgres.js';

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
