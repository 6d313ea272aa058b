import { defineConfig } from 'drizzle-kit';

// The PostgreSQL migrations (DATABASE_URL); drizzle.config.ts has the SQLite ones (the default).
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/pg/schema.ts',
  out: './db/pg/migrations',
});
