// A replica of pocbot in the test's own process, beside replicas in child processes
// (testkit/app-process.ts), all on one PostgreSQL database.
import { createPocbot, type Pocbot } from '../../src/app.js';
import type { ManualClock } from '../../src/clock.js';
import { createLogger } from '../../src/logger.js';
import { postgresAppDatabase } from '../../src/store/app-database.js';
import { openPostgres } from '../../src/store/pg/db.js';
import type { FakeSlack } from '../../testkit/fake-slack.js';
import { testConfig } from '../../testkit/harness.js';
import type { LogCapture } from '../../testkit/log-capture.js';
import { virtualPacer } from '../../testkit/pacer.js';

/** The same app, on its own pool to the database at `url`, started (its pacing virtual): it and where it listens. */
export async function inProcessReplica(
  url: string,
  fake: FakeSlack,
  clock: ManualClock,
  logs: LogCapture,
): Promise<{ bot: Pocbot; url: string }> {
  const bot = createPocbot({
    config: testConfig({ slackApiUrl: fake.apiUrl, databaseUrl: url }),
    clock,
    logger: createLogger('info', logs),
    dispatcher: { pacer: virtualPacer() },
    database: postgresAppDatabase(await openPostgres(url, { maxConnections: 4 })),
  });
  const { port } = await bot.start();
  return { bot, url: `http://127.0.0.1:${port}` };
}
