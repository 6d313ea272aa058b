// The dispatcher's read of a row's POC with its own days off, in one statement: on both
// databases, the row byId gives and the days forPoc gives.
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { seedPoc } from '../../testkit/fixtures.js';
import { bothDatabases } from '../helpers/pg.js';

const databases = bothDatabases('daysoff');

async function scenario(store: Store) {
  const off = await seedPoc(store, { channelId: 'C0OFF', longOverride: true });
  const none = await seedPoc(store, { channelId: 'C0NONE' });
  await store.holidays.add(off.poc.id, ['2026-11-27', '2026-11-26']);
  const withDays = await store.pocs.byIdWithDaysOff(off.poc.id);
  const without = await store.pocs.byIdWithDaysOff(none.poc.id);
  return {
    poc: withDays?.poc,
    byId: await store.pocs.byId(off.poc.id),
    daysOff: [...(withDays?.daysOff ?? [])].sort(),
    forPoc: [...(await store.holidays.forPoc(off.poc.id))].sort(),
    noneDaysOff: without && [...without.daysOff],
    nonePoc: without?.poc.channelId,
    unknown: await store.pocs.byIdWithDaysOff(9_999),
  };
}

describe('a POC read with its days off, on both databases', () => {
  it('gives the row byId gives and the days forPoc gives', async () => {
    const onSqlite = await scenario(databases.sqlite());
    const onPostgres = await scenario(databases.postgres());
    for (const got of [onSqlite, onPostgres]) {
      expect(got.poc).toEqual(got.byId);
      expect(got.poc).not.toHaveProperty('daysOff');
      expect(got.poc?.longOverride).toBe(true);
      expect(got.daysOff).toEqual(['2026-11-26', '2026-11-27']);
      expect(got.daysOff).toEqual(got.forPoc);
      expect(got).toMatchObject({ noneDaysOff: [], nonePoc: 'C0NONE', unknown: undefined });
    }
    expect({ ...onPostgres, poc: undefined, byId: undefined }).toEqual({
      ...onSqlite,
      poc: undefined,
      byId: undefined,
    });
  });
});
