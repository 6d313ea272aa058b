import { configDefaults, defineConfig } from 'vitest/config';

// `npm run test:pg`: the tests that need a PostgreSQL server (see testkit/postgres.ts for the
// server they use; `npm test` leaves them out and needs no server), in two projects:
// - postgres: the files named *.pg.test.ts, about PostgreSQL itself (migrations, db:copy, triggers);
// - on-postgres: the end-to-end and job suites again, with the app on PostgreSQL
//   (POCBOT_TEST_DB=postgres: each harness gets a database of its own). A test that reads the
//   SQLite file itself skips there (`onPostgres` in testkit/harness.ts).
const shared = {
  testTimeout: 30_000,
  hookTimeout: 30_000,
  pool: 'forks' as const,
  maxWorkers: 2,
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'postgres',
          include: ['test/**/*.pg.test.ts'],
          exclude: [...configDefaults.exclude],
          ...shared,
        },
      },
      {
        test: {
          name: 'on-postgres',
          include: ['test/e2e/**/*.test.ts', 'test/jobs/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/**/*.pg.test.ts'],
          env: { POCBOT_TEST_DB: 'postgres' },
          ...shared,
        },
      },
    ],
  },
});
