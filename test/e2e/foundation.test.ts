import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedPoc } from '../../testkit/fixtures.js';
import { signature } from '../../testkit/signed-requests.js';
import { type Harness, startHarness, testBotToken, testSigningSecret } from '../../testkit/harness.js';

/** Rows in a table, on SQLite or PostgreSQL. */
const countOf = async (h: Harness, table: string) =>
  (await h.bot.database.query<{ n: number }>(`select count(*) as n from ${table}`))[0]?.n;

describe('the app over HTTP', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('answers a signed url_verification with the challenge', async () => {
    const res = await h.slack.urlVerification('challenge-3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ challenge: 'challenge-3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
  });

  it('answers a signed slash command within the ack deadline', async () => {
    const res = await h.slack.command({ text: 'help', userId: 'U0SE', channelId: 'C0POC' });
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    expect(JSON.stringify(res.json)).toContain('/poc help');
  });

  it('rejects a wrong signature with 401 and runs nothing', async () => {
    const body = h.slack.commandBody({ text: 'help', userId: 'U0SE', channelId: 'C0POC' });
    const ts = Math.floor(Date.now() / 1000);
    const res = await h.slack.send(body, 'application/x-www-form-urlencoded', {
      timestamp: ts,
      signature: signature('not-the-secret', ts, body),
    });
    expect(res.status).toBe(401);
    expect(h.fake.responses).toHaveLength(0);
  });

  it('rejects a timestamp older than 5 minutes with 401, even when correctly signed', async () => {
    const before = await countOf(h, 'inbox');
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await h.slack.event(
      { type: 'app_mention', user: 'U1', text: 'hi', channel: 'C1', ts: '1.1', event_ts: '1.1' },
      { timestamp: old },
    );
    expect(res.status).toBe(401);
    const after = await countOf(h, 'inbox');
    expect(after).toBe(before);
  });

  it('serves /healthz once the database is open', async () => {
    const res = await fetch(`${h.appUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database: 'open' });
  });

  it('keeps every row across a restart on the same DATABASE_PATH', async () => {
    const { store } = h.bot;
    const { poc } = await seedPoc(store);
    await h.restart();
    expect(await h.bot.store.pocs.get(poc.teamId, poc.id)).toEqual(poc);
    expect(await h.bot.store.criteria.listActive(poc.id)).toHaveLength(5);
  });

  it('never writes the bot token or signing secret into its logs', async () => {
    await h.slack.command({ text: 'help', userId: 'U0SE', channelId: 'C0POC' });
    const all = h.logs.join('\n');
    expect(all).not.toContain(testBotToken);
    expect(all).not.toContain(testSigningSecret);
  });
});
