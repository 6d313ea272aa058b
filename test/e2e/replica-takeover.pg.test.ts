// A replica that dies holding requests it acknowledged and had not finished (a pod killed in a
// rolling deploy, its machine gone): on PostgreSQL the replicas still running take them up within
// minutes, with no restart of anything, each once; and they never take up what a live replica
// is still doing, however long ago it was received.
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { postgresStoreDb } from '../../src/store/handle.js';
import { createStoreOn } from '../../src/store/index.js';
import { AppProcess } from '../../testkit/app-process.js';
import { FakeSlack } from '../../testkit/fake-slack.js';
import { people, seedPoc } from '../../testkit/fixtures.js';
import { eventually, testBotToken, testSigningSecret } from '../../testkit/harness.js';
import { LogCapture } from '../../testkit/log-capture.js';
import { messageEvent } from '../../testkit/payloads.js';
import { type FreshPgDatabase, freshPgDatabase } from '../../testkit/postgres.js';
import { SlackRequests } from '../../testkit/signed-requests.js';
import { inProcessReplica } from '../helpers/replica.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

const now = '2026-11-24T15:00:00Z';
const channel = 'C0ACME';

/** The evaluator's n-th thread reply on a criterion: evidence, whose work asks Slack for a permalink. */
const reply = (n: number) =>
  messageEvent({
    user: people.evaluator,
    channel,
    text: `Evidence ${n}: ran it again, numbers attached`,
    ts: `1764000${String(n).padStart(3, '0')}.000100`,
    threadTs: `17639100${String((n % 5) + 1).padStart(2, '0')}.000100`,
  });

async function replica(url: string, fake: FakeSlack, clock: ManualClock, logs: LogCapture) {
  const { bot, url: appUrl } = await inProcessReplica(url, fake, clock, logs);
  cleanups.push(() => bot.stop());
  const slack = new SlackRequests(appUrl, testSigningSecret, {
    teamId: fake.teamId,
    responseUrl: () => fake.responseUrl(),
    triggerId: () => '',
  });
  return { bot, slack };
}

describe('a replica killed with requests it acknowledged (PostgreSQL)', () => {
  it('leaves them to the replicas still running, done once each within minutes; what a live one is doing stays its own', async () => {
    const clock = new ManualClock(new Date(now));
    const fake = new FakeSlack({ botToken: testBotToken, clock });
    await fake.start();
    cleanups.push(() => fake.stop());
    const db: FreshPgDatabase = await freshPgDatabase({ label: 'takeover' });
    cleanups.push(() => db.drop());
    const store = createStoreOn(postgresStoreDb(db.pg.db));
    await seedPoc(store);

    const logs = new LogCapture();
    const survivor = await replica(db.url, fake, clock, logs);
    const bystander = await replica(db.url, fake, clock, logs);
    const doomed = await AppProcess.start({ databaseUrl: db.url, slackApiUrl: fake.apiUrl, now });
    cleanups.push(() => doomed.kill());
    const toDoomed = new SlackRequests(doomed.url, testSigningSecret, {
      teamId: fake.teamId,
      responseUrl: () => fake.responseUrl(),
      triggerId: () => '',
    });

    // Slack is slow: every reply's work waits on chat.getPermalink. Ten replies reach the replica
    // about to die (eight of them in flight there), five reach the survivor (all five in flight).
    const releaseSlack = fake.hold('chat.getPermalink');
    const acks = await Promise.all([
      ...Array.from({ length: 10 }, (_, n) => toDoomed.event(reply(n), { eventId: `EvDEAD${n}` })),
      ...Array.from({ length: 5 }, (_, n) => survivor.slack.event(reply(10 + n), { eventId: `EvLIVE${n}` })),
    ]);
    expect(acks.map((r) => r.status)).toEqual(Array(15).fill(200));
    await eventually(() => fake.callsTo('chat.getPermalink').length === 13);
    await doomed.kill();

    // A minute on: the dead replica's requests may still be its own (its work can take that long).
    clock.set(new Date(Date.parse(now) + 60_000));
    expect(await survivor.bot.inbox.watchOnce()).toBe(0);
    // Three minutes on, with no word from it since it acknowledged them: the survivor takes its
    // ten up and vouches for its own five, which another replica then leaves alone.
    clock.set(new Date(Date.parse(now) + 3 * 60_000));
    expect(await survivor.bot.inbox.watchOnce()).toBe(10);
    expect(await bystander.bot.inbox.watchOnce()).toBe(0);
    // Taken up are the dead replica's, each noted so (the note goes when the row is done).
    const takenUp = (
      await db.pg.pool.query<{ key: string }>(
        "select key from inbox where error like 'taken up from a replica that stopped answering for it%' order by key",
      )
    ).rows.map((r) => r.key);
    expect(takenUp).toEqual(Array.from({ length: 10 }, (_, n) => `event:EvDEAD${n}`).sort());
    releaseSlack();

    const statuses = async () =>
      (
        await db.pg.pool.query<{ status: string; n: number }>(
          "select status, count(*)::int as n from inbox where key like 'event:Ev%' group by status order by status",
        )
      ).rows;
    await eventually(
      async () => JSON.stringify(await statuses()) === JSON.stringify([{ status: 'done', n: 15 }]),
      15_000,
    );
    const evidence = (
      await db.pg.pool.query<{ message_ts: string }>('select message_ts from evidence order by message_ts')
    ).rows.map((r) => r.message_ts);
    expect(evidence).toEqual(Array.from({ length: 15 }, (_, n) => `1764000${String(n).padStart(3, '0')}.000100`));
    // Each request's work once where it was finished: the dead replica's eight calls, the
    // survivor's five, and the ten it took up; none by the bystander.
    expect(fake.callsTo('chat.getPermalink')).toHaveLength(23);
    expect(logs.raw.filter((l) => l.includes('"level":"error"'))).toEqual([]);
  }, 60_000);
});
