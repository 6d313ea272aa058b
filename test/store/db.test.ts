import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrationsFolder, openDatabase } from '../../src/store/db.js';
import { createStore } from '../../src/store/index.js';
import { pocRow } from '../../testkit/fixtures.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'pocbot-db-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A database as a version before migration `tag` left it: every migration up to it applied, none after. */
function databaseBefore(tag: string): { path: string; old: ReturnType<typeof openDatabase> } {
  const dir = tempDir();
  const older = join(dir, 'older-migrations');
  cpSync(migrationsFolder, older, { recursive: true });
  const journalPath = join(older, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
  journal.entries = journal.entries.filter((e) => e.tag < tag);
  writeFileSync(journalPath, JSON.stringify(journal));
  const path = join(dir, 'pocbot.db');
  return { path, old: openDatabase(path, older) };
}

describe('openDatabase', () => {
  it.each(['scope_requests', 'extensions', 'pauses', 'poc_changes', 'poc_decisions'])(
    "reads %s of one POC through an index, not a scan of every POC's rows",
    (table) => {
      const { sqlite, close } = openDatabase(join(tempDir(), 'pocbot.db'));
      const plan = (
        sqlite.prepare(`explain query plan select * from ${table} where poc_id = ?`).all(1) as Array<{ detail: string }>
      )
        .map((r) => r.detail)
        .join('; ');
      close();
      expect(plan).toMatch(new RegExp(`SEARCH ${table} USING INDEX ${table}_poc \\(poc_id=\\?\\)`));
    },
  );

  it('finds the nudges folded into a DM through an index (each DM is built at send time)', () => {
    const { sqlite, close } = openDatabase(join(tempDir(), 'pocbot.db'));
    const plan = (
      sqlite.prepare('explain query plan select * from nudges where carried_by = ?').all('k') as Array<{
        detail: string;
      }>
    )
      .map((r) => r.detail)
      .join('; ');
    close();
    expect(plan).toMatch(/SEARCH nudges USING INDEX nudges_carried_by \(carried_by=\?\)/);
  });

  it("reads the dispatcher's queue in its order from an index (no sort of every pending row), and a sent post by its message", () => {
    const { sqlite, close } = openDatabase(join(tempDir(), 'pocbot.db'));
    const plan = (query: string) =>
      (sqlite.prepare(`explain query plan ${query}`).all() as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join('; ');
    const queue = plan(
      "select * from outbox where status = 'pending' and next_attempt_at <= '2026-11-24T15:00:00Z' order by next_attempt_at, rank, id limit 200",
    );
    const sent = plan("select * from outbox where sent_channel = 'C1' and sent_ts = '1.2'");
    close();
    expect(queue).toMatch(/SEARCH outbox USING INDEX outbox_pending \(status=\? AND next_attempt_at<\?\)/);
    expect(queue).not.toMatch(/TEMP B-TREE/);
    expect(sent).toMatch(/SEARCH outbox USING INDEX outbox_sent_ts \(sent_channel=\? AND sent_ts=\?\)/);
  });

  it("finds each evaluator's newest activity from an index alone (the tick reads it for every open POC)", () => {
    const { sqlite, close } = openDatabase(join(tempDir(), 'pocbot.db'));
    const plan = (
      sqlite
        .prepare('explain query plan select max(last_ts) from activity where poc_id = ? and user_id = ?')
        .all(1, 'W1') as Array<{ detail: string }>
    )
      .map((r) => r.detail)
      .join('; ');
    close();
    expect(plan).toMatch(/SEARCH activity USING COVERING INDEX activity_last \(poc_id=\? AND user_id=\?\)/);
  });

  it("finds a channel's last closed POC through an index (what a command there says when none is open)", () => {
    const { sqlite, close } = openDatabase(join(tempDir(), 'pocbot.db'));
    const plan = (
      sqlite
        .prepare(
          'explain query plan select * from pocs where team_id = ? and channel_id = ? and closed_at is not null order by closed_at desc limit 1',
        )
        .all('T1', 'C1') as Array<{ detail: string }>
    )
      .map((r) => r.detail)
      .join('; ');
    close();
    expect(plan).toMatch(/SEARCH pocs USING INDEX pocs_channel_closed \(team_id=\? AND channel_id=\?/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it('creates a missing folder and file, in WAL mode with foreign keys on', () => {
    const path = join(tempDir(), 'nested', 'deeper', 'pocbot.db');
    const { sqlite, close } = openDatabase(path);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    close();
  });

  it('applies every committed migration exactly once, also on a second open', () => {
    const path = join(tempDir(), 'pocbot.db');
    const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
      entries: unknown[];
    };
    openDatabase(path).close();
    openDatabase(path).close();
    const raw = new Database(path);
    const applied = raw.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number };
    raw.close();
    expect(applied.n).toBe(journal.entries.length);
  });

  it('migrates a database left by an older version without losing its rows', async () => {
    const dir = tempDir();
    // An older install: the same migrations folder without its newest migration.
    const older = join(dir, 'older-migrations');
    cpSync(migrationsFolder, older, { recursive: true });
    const journalPath = join(older, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: unknown[] };
    expect(journal.entries.length).toBeGreaterThanOrEqual(2);
    journal.entries.pop();
    writeFileSync(journalPath, JSON.stringify(journal));
    const path = join(dir, 'pocbot.db');
    const old = openDatabase(path, older);
    old.sqlite
      .prepare(
        `insert into pocs (team_id, channel_id, kind, name, stage, time_zone, start_date, end_date, readout_date,
          checkpoint_weekday, standup_time, evaluator_id, ae_id, se_id, created_by, created_at, updated_at)
         values ('T1', 'C1', 'poc', 'Kept across upgrade', 'active', 'UTC', '2026-01-05', '2026-01-16', '2026-01-19',
          5, '09:00', 'W1', 'U2', 'U3', 'U3', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
      )
      .run();
    old.close();
    const upgraded = openDatabase(path);
    const migrated = upgraded.sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number };
    expect(migrated.n).toBe(journal.entries.length + 1);
    expect((await createStore(upgraded.db).pocs.openInChannel('T1', 'C1'))?.name).toBe('Kept across upgrade');
    upgraded.close();
  });

  it('migration 0010 gives existing POCs their lead as evaluation team, votes their roles and event ts', async () => {
    const { path, old } = databaseBefore('0010');
    old.sqlite
      .prepare(
        `insert into pocs (id, team_id, channel_id, kind, name, stage, time_zone, start_date, end_date, readout_date,
          checkpoint_weekday, standup_time, evaluator_id, ae_id, se_id, created_by, created_at, updated_at)
         values (1, 'T1', 'C1', 'poc', 'Old POC', 'active', 'UTC', '2026-01-05', '2026-01-16', '2026-01-19',
          5, '09:00', 'W1', 'U2', 'U3', 'U3', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
      )
      .run();
    old.sqlite
      .prepare(
        `insert into criteria (id, poc_id, position, statement, threshold, category) values (1, 1, 1, 'Loads in under 2 s', '', 'performance')`,
      )
      .run();
    const vote = old.sqlite.prepare(
      'insert into criterion_votes (criterion_id, user_id, role, result, reaction, voted_at) values (1, ?, ?, ?, ?, ?)',
    );
    vote.run('W1', 'evaluator', 'pass', 'white_check_mark', '2026-01-06T10:00:00.250Z');
    vote.run('U3', 'se', 'fail', 'x', '2026-01-06T11:00:00.000Z');
    vote.run('U2', 'other', 'pass', 'white_check_mark', '2026-01-06T12:00:00.000Z');
    vote.run('W9', 'other', 'partial', 'large_yellow_circle', '2026-01-06T13:00:00.000Z');
    old.close();

    const upgraded = openDatabase(path);
    const store = createStore(upgraded.db);
    expect(upgraded.sqlite.prepare('select user_id, role from poc_evaluators').all()).toEqual([
      { user_id: 'W1', role: 'lead' },
    ]);
    expect(await store.evaluators.others(1)).toEqual([]);
    expect((await store.criteria.votesFor([1])).map((v) => [v.userId, v.role, v.eventTs, v.revision])).toEqual([
      ['W1', 'lead', '1767693600.250000', 1],
      ['U3', 'vendor', '1767697200.000000', 1],
      ['U2', 'vendor', '1767700800.000000', 1],
      ['W9', 'other', '1767704400.000000', 1],
    ]);
    expect((await store.criteria.listActive(1))[0]?.revision).toBe(1);
    expect(await store.pocs.byId(1)).toMatchObject({ changedSinceSignoffAt: null, channelShared: null });
    upgraded.close();
  });

  it("migration 0014 gives open POCs from before countries their sides' countries, from Slack zones or the POC's", () => {
    const { path, old } = databaseBefore('0014');
    const poc = old.sqlite.prepare(
      `insert into pocs (id, team_id, channel_id, kind, name, stage, time_zone, start_date, end_date, readout_date,
        checkpoint_weekday, standup_time, evaluator_id, ae_id, se_id, created_by, created_at, updated_at, closed_at, customer_country)
       values (?, 'T1', ?, 'poc', 'Old POC', 'active', ?, '2026-12-01', '2026-12-31', '2027-01-04',
        5, '09:00', ?, 'U2', ?, 'U3', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', ?, ?)`,
    );
    // 1: the lead's Slack zone is Berlin, the SE's unknown, the POC's Los Angeles.
    poc.run(1, 'C1', 'America/Los_Angeles', 'W1', 'U3', null, null);
    // 2: nobody's zone known, the POC's is UTC (no country): left unset.
    poc.run(2, 'C2', 'UTC', 'W2', 'U4', null, null);
    // 3: closed, and 4: a country the SE chose: both untouched.
    poc.run(3, 'C3', 'Europe/Paris', 'W3', 'U5', '2026-11-20T00:00:00Z', null);
    poc.run(4, 'C4', 'Europe/Paris', 'W1', 'U3', null, 'JP');
    const profile = old.sqlite.prepare(
      `insert into slack_profiles (user_id, tz, fetched_at) values (?, ?, '2026-11-01T00:00:00Z')`,
    );
    profile.run('W1', 'Europe/Berlin');
    profile.run('U4', null);
    old.close();

    const upgraded = openDatabase(path);
    const countries = upgraded.sqlite
      .prepare('select id, customer_country as customer, vendor_country as vendor from pocs order by id')
      .all();
    expect(countries).toEqual([
      { id: 1, customer: 'DE', vendor: 'US' },
      { id: 2, customer: null, vendor: null },
      { id: 3, customer: null, vendor: null },
      { id: 4, customer: 'JP', vendor: 'FR' },
    ]);
    upgraded.close();
  });

  it('allows one open POC per channel, and a new one once the first is closed', async () => {
    const { db, close } = openDatabase(join(tempDir(), 'pocbot.db'));
    const store = createStore(db);
    const first = await store.pocs.insert(pocRow());
    await expect(store.pocs.insert(pocRow())).rejects.toThrow(/UNIQUE/);
    await store.pocs.update(first.id, { stage: 'lost', closedAt: '2026-12-07T00:00:00.000Z' });
    expect((await store.pocs.insert(pocRow())).id).toBeGreaterThan(first.id);
    close();
  });
});
