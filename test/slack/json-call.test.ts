import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { SlackCallError } from '../../src/services/ports.js';
import { SlackGateway } from '../../src/slack/gateway.js';
import { SlackJsonCaller } from '../../src/slack/json-call.js';
import { FakeSlack } from '../../testkit/fake-slack.js';

const logs: string[] = [];
const logger = createLogger('debug', { write: (l) => logs.push(l) });
const fake = new FakeSlack({ botToken: 'xoxb-json-call' });

beforeAll(() => fake.start());
afterAll(() => fake.stop());

const gateway = () => new SlackGateway({ token: fake.botToken, slackApiUrl: fake.apiUrl, logger });

async function failure(call: Promise<unknown>): Promise<SlackCallError> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SlackCallError);
  return err as SlackCallError;
}

describe('posts and updates sent as JSON (json-call.ts)', () => {
  it('posts the blocks and metadata as given, with the token in the Authorization header', async () => {
    const blocks: KnownBlock[] = [
      { type: 'section', text: { type: 'mrkdwn', text: '*Standup* — 3 of 5 criteria passed' } },
    ];
    const metadata = { event_type: 'pocbot_post', event_payload: { key: 'standup:7:2026-03-03' } };
    const posted = await gateway().postMessage('C0JSON', { text: 'Standup', blocks, metadata }, { threadTs: '1.000' });
    const call = fake.calls.at(-1);
    expect(call?.method).toBe('chat.postMessage');
    expect(call?.token).toBe('xoxb-json-call');
    expect(call?.args).toMatchObject({ channel: 'C0JSON', text: 'Standup', blocks, metadata, thread_ts: '1.000' });
    const stored = fake.messages.find((m) => m.ts === posted.ts);
    expect(stored).toMatchObject({ channel: 'C0JSON', text: 'Standup', threadTs: '1.000' });
    expect(posted.channel).toBe('C0JSON');
    expect(posted.ts).toMatch(/^\d+\.\d{6}$/);

    await gateway().updateMessage('C0JSON', posted.ts, { text: 'Standup (edited)', blocks });
    expect(fake.calls.at(-1)).toMatchObject({
      method: 'chat.update',
      args: { ts: posted.ts, text: 'Standup (edited)' },
    });
  });

  it('gives a 429 as ratelimited with its Retry-After, a 500 as http_500, and Slack’s own error code', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 17 });
    const limited = await failure(gateway().postMessage('C0JSON', { text: 'a' }));
    expect(limited).toMatchObject({ method: 'chat.postMessage', code: 'ratelimited', retryAfterSec: 17 });
    expect(limited.transient).toBe(true);

    fake.failNext('chat.postMessage', { status: 500 });
    expect(await failure(gateway().postMessage('C0JSON', { text: 'b' }))).toMatchObject({ code: 'http_500' });

    fake.failNext('chat.update', { error: 'message_not_found' });
    const gone = await failure(gateway().updateMessage('C0JSON', '9.000001', { text: 'c' }));
    expect(gone).toMatchObject({ method: 'chat.update', code: 'message_not_found' });
    expect(gone.transient).toBe(false);
  });

  it('gives a Slack it cannot reach as request_failed, and logs each failed call', async () => {
    logs.length = 0;
    const closed = new SlackGateway({ token: 'xoxb-x', slackApiUrl: 'http://127.0.0.1:9/api/', logger });
    expect(await failure(closed.postMessage('C0JSON', { text: 'a' }))).toMatchObject({ code: 'request_failed' });
    expect(logs.some((l) => l.includes('chat.postMessage → request_failed'))).toBe(true);
  });

  it('logs the warnings Slack sends with a result, and fails a 200 that is not JSON', async () => {
    let answer = '';
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(answer);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const caller = new SlackJsonCaller({
        token: 'xoxb-x',
        slackApiUrl: `http://127.0.0.1:${port}/api`,
        logger,
        timeoutMs: 1000,
      });
      logs.length = 0;
      answer = JSON.stringify({ ok: true, ts: '1.000001', response_metadata: { warnings: ['missing_charset'] } });
      expect(await caller.call('chat.postMessage', { channel: 'C1', text: 'a' })).toMatchObject({ ts: '1.000001' });
      expect(logs.some((l) => l.includes('chat.postMessage: missing_charset'))).toBe(true);
      for (const body of ['<html>gateway</html>', 'null']) {
        answer = body;
        expect(await failure(caller.call('chat.postMessage', { channel: 'C1', text: 'a' }))).toMatchObject({
          code: 'invalid_response',
        });
      }
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
