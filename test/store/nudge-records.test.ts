// The budget reads how many DMs each person got on a day: sentCounts (one statement for every
// recipient of a sweep) must agree with countSent asked person by person.
import { afterEach, describe, expect, it } from 'vitest';
import { type OpenDatabase, openDatabase } from '../../src/store/db.js';
import { createStore } from '../../src/store/index.js';
import type { NudgeStatus } from '../../src/domain/nudge-rules.js';
import { seedPoc } from '../../testkit/fixtures.js';

let open: OpenDatabase | undefined;
afterEach(() => open?.close());

describe('NudgeStore.sentCounts', () => {
  it('counts the DMs sent per person and day, as countSent does one by one', async () => {
    open = openDatabase(':memory:');
    const store = createStore(open.db);
    const { poc } = await seedPoc(store);
    const people = Array.from({ length: 12 }, (_, i) => `U0P${i}`);
    const days = ['2026-11-23', '2026-11-24', '2026-11-25'];
    const statuses: NudgeStatus[] = ['sent', 'deferred', 'folded'];
    let n = 0;
    for (const [i, recipientId] of people.entries()) {
      for (const [d, localDate] of days.entries()) {
        // Person i gets (i + d) % 4 nudges that day, in every status in turn.
        for (let k = 0; k < (i + d) % 4; k++) {
          await store.nudges.insert({
            key: `k${n++}`,
            pocId: poc.id,
            kind: 'silence',
            level: 1,
            recipientId,
            localDate,
            detail: '',
            createdAt: '2026-11-23T15:00:00.000Z',
            episode: `e${n}`,
            status: statuses[(i + k) % 3] as NudgeStatus,
          });
        }
      }
    }
    const asked = [...people.slice(0, 10), 'U0NOBODY'];
    const counts = await store.nudges.sentCounts(asked, days.slice(1));
    for (const person of asked) {
      for (const day of days) {
        const expected = day === days[0] ? undefined : (await store.nudges.countSent(person, day)) || undefined;
        expect(counts.get(person)?.get(day), `${person} ${day}`).toBe(expected);
      }
    }
    // Some people did get DMs on the days asked: the comparison above is not all empty.
    expect(
      [...counts.values()].reduce((sum, byDay) => sum + [...byDay.values()].reduce((a, b) => a + b, 0), 0),
    ).toBeGreaterThan(5);
    expect((await store.nudges.sentCounts([], days)).size).toBe(0);
  });
});

describe('NudgeStore.withdraw', () => {
  it('marks a sent nudge withdrawn and puts the nudges folded into its DM back to waiting; only once', async () => {
    open = openDatabase(':memory:');
    const store = createStore(open.db);
    const { poc } = await seedPoc(store);
    const nudge = async (key: string, status: NudgeStatus, localDate: string) =>
      store.nudges.insert({
        key,
        pocId: poc.id,
        kind: 'silence',
        level: 1,
        recipientId: 'U0SE',
        localDate,
        detail: '',
        createdAt: '2026-11-23T15:00:00.000Z',
        episode: key,
        status,
      });
    await nudge('dm', 'sent', '2026-11-24');
    await nudge('rode-along', 'deferred', '2026-11-23');
    await nudge('elsewhere', 'deferred', '2026-11-23');
    await nudge('other-dm', 'sent', '2026-11-24');
    await store.nudges.fold(['rode-along'], 'dm');
    await store.nudges.fold(['elsewhere'], 'other-dm');

    expect(await store.nudges.withdraw('dm')).toBe(true);
    expect((await store.nudges.byKey('dm'))?.status).toBe('withdrawn');
    expect(await store.nudges.byKey('rode-along')).toMatchObject({ status: 'deferred', carriedBy: null });
    expect((await store.nudges.allWaiting()).map((r) => r.key)).toEqual(['rode-along']);
    expect(await store.nudges.byKey('elsewhere')).toMatchObject({ status: 'folded', carriedBy: 'other-dm' });
    expect(await store.nudges.withdraw('dm')).toBe(false);
    expect(await store.nudges.withdraw('rode-along')).toBe(false);
  });
});
