// StoreDb.atomic on SQLite: alone, its statements commit or roll back together; inside the
// caller's transaction they are part of it (no savepoint), rolled back when the caller's is.
import { afterEach, describe, it } from 'vitest';
import { type OpenDatabase, openDatabase } from '../../src/store/db.js';
import { sqliteStoreDb } from '../../src/store/handle.js';
import { createStoreOn } from '../../src/store/index.js';
import { seedPoc } from '../../testkit/fixtures.js';
import { atomicCases } from '../helpers/atomic-cases.js';

let open: OpenDatabase | undefined;
afterEach(() => open?.close());

describe('atomic (SQLite)', () => {
  for (const [name, run] of Object.entries(atomicCases)) {
    it(name, async () => {
      open = openDatabase(':memory:');
      const h = sqliteStoreDb(open.db);
      const store = createStoreOn(h);
      const { poc } = await seedPoc(store);
      await run(h, store, poc.id);
    });
  }
});
