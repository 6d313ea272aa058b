import { CriteriaStore } from './criteria.js';
import type { Db } from './db.js';
import { HolidayStore } from './holidays.js';
import { PocStore } from './pocs.js';
import { ProcessedEventStore } from './processed-events.js';

/** The only door to SQL. One module per aggregate. */
export interface Store {
  db: Db;
  pocs: PocStore;
  criteria: CriteriaStore;
  events: ProcessedEventStore;
  holidays: HolidayStore;
  /** Runs fn in one SQLite transaction (synchronous: better-sqlite3 transactions cannot await). */
  transaction<T>(fn: () => T): T;
}

export function createStore(db: Db): Store {
  return {
    db,
    pocs: new PocStore(db),
    criteria: new CriteriaStore(db),
    events: new ProcessedEventStore(db),
    holidays: new HolidayStore(db),
    transaction: <T>(fn: () => T): T => db.transaction(() => fn()),
  };
}
