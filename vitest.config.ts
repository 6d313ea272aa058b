import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The PostgreSQL tests need a server: `npm run test:pg` (vitest.pg.config.ts).
    exclude: [...configDefaults.exclude, 'test/**/*.pg.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // End-to-end files each start an HTTP app, a fake Slack and a SQLite file; two cores here.
    pool: 'forks',
    maxWorkers: 2,
  },
});
