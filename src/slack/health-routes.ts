// GET /healthz and /readyz, served beside the Slack endpoint. /healthz says the process is up and
// its database open (a read: reads never wait for a writer in WAL mode, so it answers at once even
// while another connection holds the write lock). /readyz says whether it can do its work: every
// migration applied, and the database takes writes now (not locked by another connection, the
// last write not refused for a full or failing disk).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CustomRoute } from '@slack/bolt';
import type Database from 'better-sqlite3';
import type { ServerResponse } from 'node:http';
import { migrationsFolder } from '../store/db.js';
import type { WriteGate } from '../store/write-gate.js';

export interface HealthDeps {
  /** The app's connection: read only here. */
  sqlite: Database.Database;
  /** Absent in a process that serves no requests. */
  gate?: WriteGate;
  migrations?: string;
}

function answer(res: ServerResponse, ok: boolean, body: Record<string, unknown>): void {
  res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ok, ...body }));
}

function migrationCount(folder: string): number {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

export function healthRoutes(deps: HealthDeps): CustomRoute[] {
  const expected = migrationCount(deps.migrations ?? migrationsFolder);
  const healthz: CustomRoute = {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      let ok = true;
      try {
        deps.sqlite.prepare('select 1').get();
      } catch {
        ok = false;
      }
      answer(res, ok, { database: ok ? 'open' : 'unavailable' });
    },
  };
  const readyz: CustomRoute = {
    path: '/readyz',
    method: ['GET'],
    handler: (_req, res) => {
      let applied = 0;
      try {
        applied = (deps.sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
      } catch {
        // No migrations table: nothing applied.
      }
      const writable = deps.gate?.check() ?? { writable: true };
      const migrationsOk = applied >= expected;
      answer(res, migrationsOk && writable.writable, {
        migrations: migrationsOk ? 'applied' : `${applied} of ${expected} applied`,
        database: writable.writable ? 'writable' : `not writable: ${writable.problem ?? 'unknown'}`,
      });
    },
  };
  return [healthz, readyz];
}
