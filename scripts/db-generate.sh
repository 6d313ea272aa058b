#!/usr/bin/env bash
# `npm run db:generate [-- --name NAME]`: generates the migrations of both dialects from their
# schemas, SQLite (db/schema.ts → db/migrations) then PostgreSQL (db/pg/schema.ts →
# db/pg/migrations). A schema change is made in both files (test/store/schema-dialects.test.ts
# says where they differ). Under a lock: two runs at once would both number a migration 00NN.
set -euo pipefail
cd "$(dirname "$0")/.."
exec flock db/.generate.lock bash -c 'drizzle-kit generate "$@" && drizzle-kit generate --config drizzle.pg.config.ts "$@"' db-generate "$@"
