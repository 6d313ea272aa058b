// The config the bench builds pocbot with: test secrets, no listening port of its own choosing,
// no scheduler (the bench calls tick itself).
import type { Config } from '../src/config.js';
import { testBotToken, testSigningSecret } from '../testkit/harness.js';

export function benchConfig(databasePath: string, slackApiUrl: string): Config {
  return {
    botToken: testBotToken,
    signingSecret: testSigningSecret,
    appToken: undefined,
    port: 0,
    databasePath,
    slackApiUrl,
    scheduler: 'off',
    logLevel: 'info',
  };
}
