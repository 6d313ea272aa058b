// PostgreSQL advisory lock keys. Advisory locks are per database and shared by every client of
// it, so each key pocbot takes is named here, once, as a bigint that no other key here repeats
// ('pocbot' in ASCII, then a number per use). Passed as text and cast (`$1::bigint`): node-postgres
// sends no JS bigint.

/** Held around drizzle's migrator at start-up: replicas starting together migrate once (pg/db.ts). */
export const migrationLockKey = '31647670035510273'; // 0x706f63626f74_01

/** Held while a replica plans a tick (handle.ts `plannerTurn`): one planner at a time. */
export const plannerLockKey = '31647670035510274'; // 0x706f63626f74_02
