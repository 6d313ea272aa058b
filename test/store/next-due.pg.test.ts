// The 'next_due' migration's triggers on PostgreSQL: the same marks as on SQLite
// (test/store/poc-schedule.test.ts), written in plpgsql; and the tick's claim of what is due
// while other connections write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresStoreDb, type StoreDb } from '../../src/store/handle.js';
import { createStoreOn } from '../../src/store/index.js';
import { dueAfterPost } from '../../src/store/poc-schedule.js';
import { type FreshPgDatabase, freshPgDatabase, insertPgPoc } from '../helpers/pg.js';

let fresh: FreshPgDatabase;
beforeAll(async () => {
  fresh = await freshPgDatabase({ label: 'nextdue' });
}, 60_000);
afterAll(async () => fresh?.drop());

const once = '1970-01-01T00:00:00.000Z';
const later = '2026-11-25T14:30:00.000Z';

describe('the next_due triggers (PostgreSQL)', () => {
  it('mark a POC due when its facts change, not when the tick writes its wake, and every POC of the workspace on time off', async () => {
    const q = (text: string, values: unknown[] = []) => fresh.pg.pool.query(text, values);
    const poc = async (channel: string) =>
      (
        await q(
          `insert into pocs (team_id, channel_id, kind, name, stage, time_zone, start_date, end_date, readout_date, checkpoint_weekday, standup_time, evaluator_id, ae_id, se_id, silence_nudge_days, silence_escalate_days, created_by, created_at, updated_at)
           values ('T0V', $1, 'poc', 'P', 'active', 'America/New_York', '2026-11-23', '2026-12-04', '2026-12-07', 5, '09:30', 'U0EVAL', 'U0AE', 'U0SE', 2, 4, 'U0SE', 'x', 'x') returning id, next_due_at`,
          [channel],
        )
      ).rows[0] as { id: number; next_due_at: string };
    const a = await poc('C0A');
    const b = await poc('C0B');
    expect(a.next_due_at).toBe(once);
    const dueOf = async (id: number) =>
      ((await q('select next_due_at from pocs where id = $1', [id])).rows[0] as { next_due_at: string }).next_due_at;
    const sleep = () => q('update pocs set next_due_at = $1', [later]);

    await sleep();
    expect([await dueOf(a.id), await dueOf(b.id)]).toEqual([later, later]);
    await q(
      `insert into activity (poc_id, user_id, day, first_ts, last_ts) values ($1, 'U0EVAL', '2026-11-24', '1.0', '1.0')`,
      [a.id],
    );
    expect([await dueOf(a.id), await dueOf(b.id)]).toEqual([once, later]);

    await sleep();
    await q(`update pocs set standup_time = '10:00' where id = $1`, [b.id]);
    expect([await dueOf(a.id), await dueOf(b.id)]).toEqual([later, once]);

    await sleep();
    await q(
      `insert into time_off (team_id, user_id, from_date, to_date, source, created_by, created_at) values ('T0V', 'U0EVAL', '2026-11-26', '2026-11-27', 'command', 'U0EVAL', 'x')`,
    );
    expect([await dueOf(a.id), await dueOf(b.id)]).toEqual([once, once]);
  });
});

describe('claiming the POCs due (PostgreSQL)', () => {
  it('does not miss a POC due after a post that a fact change makes due at once while the tick reads', async () => {
    const q = (text: string, values: unknown[] = []) => fresh.pg.pool.query(text, values);
    const id = await insertPgPoc(fresh.pg.pool, 'C0RACE');
    // Only this one is due: after one of its posts went out.
    await q('update pocs set next_due_at = case when id = $1 then $2 else $3 end', [id, dueAfterPost, later]);
    // The change commits on another connection right after the tick's first read of what is due:
    // what an event handled meanwhile does (its activity marks the POC due at once).
    const h = postgresStoreDb(fresh.pg.db);
    let reads = 0;
    const racing: StoreDb = Object.assign(Object.create(h) as StoreDb, {
      all: async <T>(query: unknown): Promise<T[]> => {
        const rows = (await h.all(query as never)) as T[];
        if (reads++ === 0) await q('update pocs set next_due_at = $1 where id = $2', [once, id]);
        return rows;
      },
    });
    const batch = await createStoreOn(racing).schedule.claimDue(new Date('2026-11-25T14:00:00Z'), 25);
    expect(reads).toBeGreaterThan(1);
    expect(batch.claimed).toEqual([id]);
  });
});
