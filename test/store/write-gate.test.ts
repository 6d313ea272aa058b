import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OpenDatabase, openDatabase, openSideConnection } from '../../src/store/db.js';
import { InboxStore } from '../../src/store/inbox.js';
import { sqliteStoreDb } from '../../src/store/handle.js';
import { DatabaseUnavailableError, WriteGate } from '../../src/store/write-gate.js';

describe('WriteGate and the inbox store', () => {
  let dir: string;
  let database: OpenDatabase;
  let side: ReturnType<typeof openSideConnection>;
  let other: Database.Database;
  let gate: WriteGate;
  let inbox: InboxStore;
  const row = (key: string) => ({
    key,
    kind: 'event' as const,
    body: '{}',
    retryNum: undefined,
    retryReason: undefined,
    receivedAt: new Date('2026-11-24T15:00:00Z'),
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pocbot-gate-'));
    const path = join(dir, 'pocbot.db');
    database = openDatabase(path);
    side = openSideConnection(path, { busyTimeoutMs: 0 });
    other = new Database(path);
    gate = new WriteGate(side.sqlite, { probeEveryMs: 20 });
    inbox = new InboxStore(sqliteStoreDb(side.db));
  });
  afterEach(() => {
    gate.stop();
    other.close();
    side.sqlite.close();
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a request once: a second with its key is a duplicate; done rows let go of their body and are pruned after the window', async () => {
    const id = await inbox.add(row('event:Ev1'));
    expect(id).toBeGreaterThan(0);
    expect(await inbox.add(row('event:Ev1'))).toBeUndefined();
    expect((await inbox.unfinished()).map((r) => r.key)).toEqual(['event:Ev1']);
    await inbox.markDone(id as number, new Date('2026-11-24T15:00:01Z'));
    expect(await inbox.byKey('event:Ev1')).toMatchObject({ status: 'done', body: '' });
    expect(await inbox.unfinished()).toEqual([]);
    await inbox.add(row('event:Ev2')); // pending: kept whatever its age
    expect(await inbox.prune(new Date('2026-11-26T16:00:00Z'))).toBe(1);
    expect((await inbox.byKey('event:Ev2'))?.status).toBe('pending');
  });

  it('never blocks on a lock: retries on a timer within its budget, then refuses; queued work waits until the lock is free', async () => {
    other.exec('BEGIN IMMEDIATE');
    const started = performance.now();
    await expect(gate.write(() => inbox.add(row('event:Ev3')), 150)).rejects.toBeInstanceOf(DatabaseUnavailableError);
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(100);
    expect(took).toBeLessThan(400);
    expect(gate.open).toBe(false);
    expect(gate.check()).toMatchObject({ writable: false });

    let ready = false;
    void gate.ready()?.then(() => (ready = true));
    // The event loop keeps turning meanwhile (a timer fires on time).
    const tick = performance.now();
    await new Promise((r) => setTimeout(r, 50));
    expect(performance.now() - tick).toBeLessThan(150);
    expect(ready).toBe(false);
    other.exec('COMMIT');
    await new Promise((r) => setTimeout(r, 100));
    expect(ready).toBe(true);
    expect(gate.open).toBe(true);
    expect(await gate.write(() => inbox.add(row('event:Ev3')), 150)).toBeGreaterThan(0);
  });

  it('a write that meets a short lock goes through once it is released, within the budget', async () => {
    other.exec('BEGIN IMMEDIATE');
    setTimeout(() => other.exec('COMMIT'), 60);
    expect(await gate.write(() => inbox.add(row('event:Ev4')), 500)).toBeGreaterThan(0);
  });
});
