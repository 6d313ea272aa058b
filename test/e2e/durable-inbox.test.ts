// Nothing acknowledged is lost: every request is stored before its 200, done from there, and done
// after a crash; a request that cannot be stored is refused so that Slack (or the person) tries
// again; a held write lock never stalls the acks; a replayed command does nothing twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';
import { openDatabase } from '../../src/store/db.js';
import { AppProcess } from '../../testkit/app-process.js';
import { FakeSlack } from '../../testkit/fake-slack.js';
import { people, seedPoc } from '../../testkit/fixtures.js';
import {
  eventually,
  type Harness,
  onPostgres,
  startHarness,
  testBotToken,
  testSigningSecret,
  sqliteOf,
} from '../../testkit/harness.js';
import { messageEvent } from '../../testkit/payloads.js';
import { SlackRequests } from '../../testkit/signed-requests.js';
import { runTick } from '../../src/tick-command.js';

const channel = 'C0ACME';
const now = '2026-11-24T15:00:00Z';

/** The n-th thread reply of the evaluator, on criterion (n % 5) + 1: evidence. */
function reply(n: number): Record<string, unknown> {
  const criterion = (n % 5) + 1;
  return messageEvent({
    user: people.evaluator,
    channel,
    text: `Evidence ${n}: ran it again, numbers attached`,
    ts: `1764000${String(n).padStart(3, '0')}.000100`,
    threadTs: `17639100${String(criterion).padStart(2, '0')}.000100`,
  });
}

function evidenceTs(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('select message_ts from evidence order by message_ts').pluck().all() as string[];
  } finally {
    db.close();
  }
}

const expectedTs = (ns: number[]) => ns.map((n) => `1764000${String(n).padStart(3, '0')}.000100`).sort();
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

// SQLite only: the app runs as a child process on a SQLite file it reads back (no harness, so the
// on-postgres run would only repeat the SQLite one).
describe.skipIf(onPostgres)('a server killed after acknowledging events', () => {
  const dirs: string[] = [];
  const apps: AppProcess[] = [];
  let fake: FakeSlack | undefined;
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.kill();
    await fake?.stop();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('does all 20 at the next start, each once: nothing acknowledged is lost', async () => {
    fake = new FakeSlack({ botToken: testBotToken });
    await fake.start();
    const dir = mkdtempSync(join(tmpdir(), 'pocbot-kill-'));
    dirs.push(dir);
    const dbPath = join(dir, 'pocbot.db');
    const seeded = openDatabase(dbPath);
    await seedPoc(createStore(seeded.db));
    seeded.close();

    const first = await AppProcess.start({ dbPath, slackApiUrl: fake.apiUrl, now });
    apps.push(first);
    // Slack is slow today: each reply's work waits on chat.getPermalink when the process dies.
    const releaseSlack = fake.hold('chat.getPermalink');
    const slack = new SlackRequests(first.url, testSigningSecret, {
      teamId: fake.teamId,
      responseUrl: () => fake?.responseUrl() ?? '',
      triggerId: () => '',
    });
    const sent = await Promise.all(range(0, 20).map((n) => slack.event(reply(n), { eventId: `EvKILL${n}` })));
    expect(sent.map((r) => r.status)).toEqual(Array(20).fill(200));
    await eventually(() => fake?.callsTo('chat.getPermalink').length === 8); // the work queue's eight in flight
    await first.kill();
    releaseSlack();
    expect(evidenceTs(dbPath)).toEqual([]); // nothing was done before the kill

    const second = await AppProcess.start({ dbPath, slackApiUrl: fake.apiUrl, now });
    apps.push(second);
    await eventually(() => evidenceTs(dbPath).length === 20 || undefined, 15_000);
    // Slack's own retries of the same events, to the new process: answered, and nothing twice.
    const retry = new SlackRequests(second.url, testSigningSecret, {
      teamId: fake.teamId,
      responseUrl: () => '',
      triggerId: () => '',
    });
    const retried = await Promise.all(
      range(0, 20).map((n) =>
        retry.event(reply(n), { eventId: `EvKILL${n}`, retryNum: 1, retryReason: 'http_timeout' }),
      ),
    );
    expect(retried.map((r) => r.status)).toEqual(Array(20).fill(200));
    await second.stop();
    expect(evidenceTs(dbPath)).toEqual(expectedTs(range(0, 20)));
    const db = new Database(dbPath, { readonly: true });
    const statuses = db
      .prepare("select status, count(*) as n from inbox where key like 'event:EvKILL%' group by status")
      .all();
    db.close();
    expect(statuses).toEqual([{ status: 'done', n: 20 }]);
    expect(second.logs.filter((l) => / ERROR /.test(l))).toEqual([]);
    expect(second.logs.some((l) => /doing 20 request\(s\) acknowledged before a restart/.test(l))).toBe(true);
  }, 60_000);
});

// SQLite only: a second SQLite connection holds the file's write lock (PostgreSQL locks rows).
describe.skipIf(onPostgres)('a write lock held by another connection for 6 s', () => {
  let h: Harness;
  afterEach(async () => {
    await h.stop();
  });

  it('answers every request and /healthz within 1 s, and loses no event (Slack retries the refused ones)', async () => {
    h = await startHarness({ now });
    await seedPoc(h.bot.store);
    // Two replies taken in before the lock, their work waiting on Slack when it is taken.
    const releaseSlack = h.fake.hold('chat.getPermalink');
    for (const n of [0, 1]) expect((await h.slack.event(reply(n), { eventId: `EvLOCK${n}` })).status).toBe(200);
    await eventually(() => h.fake.callsTo('chat.getPermalink').length === 2);

    const other = new Database(h.dbPath);
    other.exec('BEGIN IMMEDIATE');
    const lockedAt = performance.now();
    releaseSlack(); // their writes now meet the lock
    const timings: Array<{ what: string; ms: number; status: number }> = [];
    const refused: number[] = [];
    let n = 2;
    while (performance.now() - lockedAt < 5500) {
      const id = n++;
      const started = performance.now();
      const [event, health] = await Promise.all([
        h.slack.event(reply(id), { eventId: `EvLOCK${id}` }),
        fetch(`${h.appUrl}/healthz`),
      ]);
      timings.push({ what: `event ${id}`, ms: event.ms, status: event.status });
      timings.push({ what: 'healthz', ms: performance.now() - started, status: health.status });
      if (event.status !== 200) refused.push(id);
      await new Promise((r) => setTimeout(r, 250));
    }
    const command = await h.slack.command({
      text: 'issue the export button is greyed out',
      userId: people.se,
      channelId: channel,
    });
    timings.push({ what: 'command', ms: command.ms, status: command.status });
    const readyStarted = performance.now();
    const ready = await fetch(`${h.appUrl}/readyz`);
    timings.push({ what: 'readyz', ms: performance.now() - readyStarted, status: ready.status });
    expect(ready.status).toBe(503);
    expect(JSON.stringify(await ready.json())).toContain('locked by another connection');
    other.exec('COMMIT');
    other.close();

    expect(timings.filter((t) => t.ms >= 1000)).toEqual([]);
    expect(timings.filter((t) => t.what === 'healthz' && t.status !== 200)).toEqual([]);
    // Not stored, so not acknowledged: each event refused for Slack to retry; the command told to try again.
    expect(refused).toEqual(range(2, n));
    expect(JSON.stringify(command.json)).toContain('try again');
    expect(await h.bot.store.issues.forPoc(1)).toEqual([]);

    // Slack retries what it did not get a 200 for.
    for (const id of refused)
      expect(
        (await h.slack.event(reply(id), { eventId: `EvLOCK${id}`, retryNum: 1, retryReason: 'http_error' })).status,
      ).toBe(200);
    await eventually(() => evidenceTs(h.dbPath).length === n || undefined, 10_000);
    expect(evidenceTs(h.dbPath)).toEqual(expectedTs(range(0, n)));
    expect(h.logs.filter((l) => / ERROR /.test(l))).toEqual([]);
  }, 30_000);
});

/** Fills the database's pages with the smallest rows of `insert` until SQLite says it is full (the cap of max_page_count). */
function fillUp(_db: Database.Database, insert: (i: number) => void): void {
  for (let i = 0; i < 100_000; i++) {
    try {
      insert(i);
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_FULL') return;
      throw err;
    }
  }
  throw new Error('the database never filled up');
}

// SQLite only: the disk fills through SQLite's max_page_count, read back from the .db file.
describe.skipIf(onPostgres)('a full disk', () => {
  let h: Harness;
  afterEach(async () => {
    await h.stop();
  });

  it('answers events 503 instead of 200, fails the tick (non-zero exit), and after the space returns nothing is lost or doubled', async () => {
    h = await startHarness({ now: '2026-11-24T14:00:00Z' });
    await seedPoc(h.bot.store);
    for (const n of range(0, 3)) expect((await h.slack.event(reply(n), { eventId: `EvFULL${n}` })).status).toBe(200);
    await eventually(() => evidenceTs(h.dbPath).length === 3 || undefined);
    // Their done marks written too: a mark landing after the disk fills would still go through
    // (it shrinks its row) and, as a write that worked, clear the failure /readyz reports below.
    const done = () =>
      sqliteOf(h.bot)
        .prepare("select count(*) from inbox where key like 'event:EvFULL%' and status = 'done'")
        .pluck()
        .get() as number;
    await eventually(() => done() === 3 || undefined);

    // The disk fills up: no connection of the app can grow the file any more, and what room is
    // left in the pages of the inbox and the outbox goes to the smallest rows they hold.
    const db = sqliteOf(h.bot);
    const pages = db.pragma('page_count', { simple: true }) as number;
    for (const c of h.bot.database.connections) c.pragma(`max_page_count = ${pages}`);
    const receivedAt = new Date(now).toISOString();
    fillUp(db, (i) =>
      db
        .prepare("insert into inbox (key, kind, body, received_at, status) values (?, 'event', '', ?, 'done')")
        .run(`f${i}`, receivedAt),
    );
    fillUp(db, (i) =>
      db
        .prepare(
          "insert into outbox (key, poc_id, kind, target, payload, due_at, status, next_attempt_at, created_at) values (?, 1, 'standup', 'C', '{}', ?, 'skipped', ?, ?)",
        )
        .run(`f${i}`, receivedAt, receivedAt, receivedAt),
    );

    const refused = await Promise.all(range(3, 6).map((n) => h.slack.event(reply(n), { eventId: `EvFULL${n}` })));
    expect(refused.map((r) => r.status)).toEqual([503, 503, 503]);
    expect((await fetch(`${h.appUrl}/readyz`)).status).toBe(503);
    expect((await fetch(`${h.appUrl}/healthz`)).status).toBe(200); // alive: restarting it would not free the disk

    // Standup time: the tick cannot queue the standup, says so, and exits non-zero.
    const standupAt = new Date('2026-11-24T14:30:00Z');
    h.clock.set(standupAt);
    const out: string[] = [];
    expect(await runTick(h.bot, { now: standupAt, dryRun: false }, (l) => out.push(l))).toBe(1);
    expect(out.join('\n')).toMatch(/FAILED \(database or disk is full\)/);

    // Space returns.
    for (const c of h.bot.database.connections) c.pragma('max_page_count = 1073741823');
    for (const n of range(3, 6))
      expect(
        (await h.slack.event(reply(n), { eventId: `EvFULL${n}`, retryNum: 1, retryReason: 'http_error' })).status,
      ).toBe(200);
    await eventually(() => evidenceTs(h.dbPath).length === 6 || undefined);
    expect(await runTick(h.bot, { now: standupAt, dryRun: false }, () => undefined)).toBe(0);
    expect(await runTick(h.bot, { now: new Date(standupAt.getTime() + 60_000), dryRun: false }, () => undefined)).toBe(
      0,
    );

    expect(evidenceTs(h.dbPath)).toEqual(expectedTs(range(0, 6)));
    expect(
      h.fake.channelMessages(channel).filter((m) => m.metadata?.event_payload.key === 'standup:1:2026-11-24'),
    ).toHaveLength(1);
    expect((await fetch(`${h.appUrl}/readyz`)).status).toBe(200);
  }, 30_000);
});

describe('a signed slash command sent twice', () => {
  let h: Harness;
  afterEach(async () => {
    await h.stop();
  });

  it('the same signed `/poc issue …` within the signature window logs one issue', async () => {
    h = await startHarness({ now });
    const { poc } = await seedPoc(h.bot.store);
    const body = h.slack.commandBody({
      text: 'issue the export button is greyed out',
      userId: people.se,
      channelId: channel,
      responseUrl: h.fake.responseUrl('issue-1'),
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const first = await h.slack.send(body, 'application/x-www-form-urlencoded', { timestamp });
    expect(first.status).toBe(200);
    await eventually(async () => (await h.bot.store.issues.forPoc(poc.id)).length === 1 || undefined);
    const before = h.logs.length;
    for (let i = 0; i < 2; i++) {
      const again = await h.slack.send(body, 'application/x-www-form-urlencoded', { timestamp });
      expect(again.status).toBe(200);
      expect(again.text).toBe('');
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(await h.bot.store.issues.forPoc(poc.id)).toHaveLength(1);
    expect(h.logs.slice(before).filter((l) => /was received before; answered it and did nothing/.test(l))).toHaveLength(
      2,
    );
  });
});
