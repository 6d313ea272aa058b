// The dispatcher's read of a row's POC with its own days off and its lead evaluator's Slack zone,
// in one statement: on both databases, the row byId gives, the days forPoc gives, and the zone
// the POC's own workspace last saw.
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { seedPoc } from '../../testkit/fixtures.js';
import { bothDatabases } from '../helpers/pg.js';

const databases = bothDatabases('daysoff');

async function scenario(store: Store) {
  const off = await seedPoc(store, { channelId: 'C0OFF', longOverride: true });
  const none = await seedPoc(store, { channelId: 'C0NONE', evaluatorId: 'W0NOZONE' });
  await store.holidays.add(off.poc.id, ['2026-11-27', '2026-11-26']);
  const profile = { statusText: '', statusEmoji: '', statusExpiration: 0, fetchedAt: '2026-11-20T00:00:00.000Z' };
  await store.slackProfiles.put({
    ...profile,
    teamId: off.poc.teamId,
    userId: off.poc.evaluatorId,
    tz: 'Australia/Sydney',
  });
  // Another workspace's view of the second POC's evaluator: not the one its POC reads.
  await store.slackProfiles.put({ ...profile, teamId: 'T0ELSEWHERE', userId: 'W0NOZONE', tz: 'Asia/Tokyo' });
  const withDays = await store.pocs.byIdWithDaysOff(off.poc.id);
  const without = await store.pocs.byIdWithDaysOff(none.poc.id);
  return {
    poc: withDays?.poc,
    byId: await store.pocs.byId(off.poc.id),
    daysOff: [...(withDays?.daysOff ?? [])].sort(),
    forPoc: [...(await store.holidays.forPoc(off.poc.id))].sort(),
    noneDaysOff: without && [...without.daysOff],
    leadZone: withDays?.leadZone,
    noneLeadZone: without?.leadZone,
    nonePoc: without?.poc.channelId,
    unknown: await store.pocs.byIdWithDaysOff(9_999),
  };
}

describe('a POC read with its days off and its lead evaluator’s zone, on both databases', () => {
  it('gives the row byId gives, the days forPoc gives and the zone its workspace saw', async () => {
    const onSqlite = await scenario(databases.sqlite());
    const onPostgres = await scenario(databases.postgres());
    for (const got of [onSqlite, onPostgres]) {
      expect(got.poc).toEqual(got.byId);
      expect(got.poc).not.toHaveProperty('daysOff');
      expect(got.poc?.longOverride).toBe(true);
      expect(got.daysOff).toEqual(['2026-11-26', '2026-11-27']);
      expect(got.daysOff).toEqual(got.forPoc);
      expect(got).toMatchObject({ noneDaysOff: [], nonePoc: 'C0NONE', unknown: undefined });
      expect(got).toMatchObject({ leadZone: 'Australia/Sydney', noneLeadZone: null });
    }
    expect({ ...onPostgres, poc: undefined, byId: undefined }).toEqual({
      ...onSqlite,
      poc: undefined,
      byId: undefined,
    });
  });
});
