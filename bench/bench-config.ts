// The config the bench builds pocbot with: the tests' (test secrets, no listening port of its own
// choosing, no scheduler: the bench calls tick itself), on the bench's database and fake Slack.
import type { Config } from '../src/config.js';
import { testConfig } from '../testkit/harness.js';

export function benchConfig(databasePath: string, slackApiUrl: string): Config {
  return testConfig({ databasePath, slackApiUrl });
}
