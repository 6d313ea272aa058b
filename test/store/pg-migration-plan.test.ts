// Which migrations a PostgreSQL start would apply, from what the database records (no server:
// the rule alone; test/store/pg-db.pg.test.ts runs it against a real one).
import { describe, expect, it } from 'vitest';
import { planMigrations } from '../../src/store/pg/db.js';

const shipped = [
  { tag: '0000_init', when: 1_000 },
  { tag: '0001_more', when: 2_000 },
];

describe('planMigrations', () => {
  it('applies what is not recorded yet, oldest first', () => {
    expect(planMigrations(shipped, [])).toEqual({ ok: true, pending: shipped });
    expect(planMigrations(shipped, [1_000])).toEqual({ ok: true, pending: [shipped[1]] });
    expect(planMigrations(shipped, [1_000, 2_000])).toEqual({ ok: true, pending: [] });
  });

  it('refuses a database that records a migration newer than any this build ships', () => {
    const plan = planMigrations(shipped, [1_000, 2_000, 3_000, 4_000]);
    expect(plan).toEqual({
      ok: false,
      reason: `it was migrated by a newer pocbot: it records 2 migrations this build does not ship (the newest of ${new Date(4_000).toISOString()}); run that version or a later one`,
    });
  });

  it('refuses one that records a migration it does not know among its own (another build)', () => {
    expect(planMigrations(shipped, [1_000, 1_500])).toMatchObject({
      ok: false,
      reason: expect.stringContaining('migrated by another build of pocbot'),
    });
  });

  it('refuses to leave behind a shipped migration older than the newest recorded (drizzle would skip it)', () => {
    expect(planMigrations(shipped, [2_000])).toEqual({
      ok: false,
      reason: 'migration 0000_init is not applied but a later one is, so it never would be',
    });
  });
});
