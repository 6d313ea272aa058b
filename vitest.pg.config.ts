import { configDefaults, defineConfig } from 'vitest/config';

// `npm run test:pg`: the tests that need a PostgreSQL server (files named *.pg.test.ts; see
// test/helpers/pg.ts for the server they use). `npm test` leaves them out and needs no server.
export default defineConfig({
  test: {
    include: ['test/**/*.pg.test.ts'],
    exclude: [...configDefaults.exclude],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
