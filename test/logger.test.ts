// The logger's promises: one JSON object per line with level and time, fields from a call, a
// child or the async context it runs in, errors with their stack, and no token or secret in any
// field of any line.
import { describe, expect, it } from 'vitest';
import { withLogContext } from '../src/log-context.js';
import { createLogger } from '../src/logger.js';
import { LogCapture } from '../testkit/log-capture.js';

const token = 'xoxb-1234-5678-abcdefSECRETtoken';
const appToken = 'xapp-1-A0123-456-deadbeefcafe';
const signingSecret = 'c0ffeec0ffeesigningsecret42';

function logger(level: 'debug' | 'info' = 'info') {
  const capture = new LogCapture();
  return { capture, log: createLogger(level, capture, { secrets: [signingSecret] }) };
}

describe('createLogger', () => {
  it('writes one JSON object per line, with level, ISO time, name and msg', () => {
    const { capture, log } = logger();
    log.info('hello', 'world', 3);
    log.debug('not at info');
    expect(capture.raw).toHaveLength(1);
    expect(capture.raw[0]).not.toContain('\n');
    const entry = JSON.parse(capture.raw[0] as string) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 'info', name: 'pocbot', msg: 'hello world 3' });
    expect(new Date(entry.time as string).toISOString()).toBe(entry.time);
  });

  it("takes pino's shape too: fields first, then the message", () => {
    const { capture, log } = logger();
    log.warn({ poc: 12, channel: 'C0ACME' }, 'pace behind');
    expect(capture.entries[0]).toMatchObject({ level: 'warn', poc: 12, channel: 'C0ACME', msg: 'pace behind' });
  });

  it('puts an Error in `err` with its stack, and its message in msg', () => {
    const { capture, log } = logger();
    const err = new TypeError('cannot read x of undefined');
    log.error('job nudges failed:', err);
    const entry = capture.entries[0];
    expect(entry).toMatchObject({ level: 'error', msg: 'job nudges failed: cannot read x of undefined' });
    expect(entry?.err).toMatchObject({ type: 'TypeError', message: 'cannot read x of undefined' });
    expect(entry?.err?.stack).toContain('logger.test.ts');
  });

  it('adds the bindings of a child logger and of the async context the line is written in', async () => {
    const { capture, log } = logger();
    log.child({ poc: 7 }).info('from a child');
    await withLogContext({ team: 'T0VENDOR', event_id: 'Ev1' }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      await withLogContext({ channel: 'C0ACME' }, async () => log.info('deep inside'));
    });
    log.info('outside');
    expect(capture.entries[0]).toMatchObject({ poc: 7, msg: 'from a child' });
    expect(capture.entries[1]).toMatchObject({
      team: 'T0VENDOR',
      event_id: 'Ev1',
      channel: 'C0ACME',
      msg: 'deep inside',
    });
    expect(capture.entries[2]).not.toHaveProperty('team');
  });

  it('keeps LOG_LEVEL when Slack’s SDKs call setLevel on it', () => {
    const { capture, log } = logger('debug');
    log.setLevel('info' as never);
    log.setName('web-api:WebClient:3');
    log.debug('still written');
    expect(capture.entries[0]).toMatchObject({ level: 'debug', name: 'pocbot', msg: 'still written' });
  });

  it('never writes a token or a configured secret, whatever field or message holds it', () => {
    const { capture, log } = logger('debug');
    const err = new Error(`invalid_auth for ${token}`);
    log.error(`posting with ${token} failed:`, err);
    log.warn(
      { token, nested: { authorization: `Bearer ${token}`, list: [appToken] }, secret: signingSecret },
      `app token ${appToken}`,
    );
    log.info('objects too', { headers: { 'x-slack-signature': `v0=${signingSecret}` }, token: 'xoxp-9-user-token' });
    log.child({ bot: token }).debug('a child bound to a token');
    withLogContext({ user: appToken }, () => log.info('in a context holding a token'));
    const all = capture.raw.join('\n');
    expect(capture.raw).toHaveLength(5);
    for (const leaked of [token, appToken, signingSecret, 'xoxp-9-user-token']) expect(all).not.toContain(leaked);
    expect(all).toContain('[redacted-token]');
    expect(all).toContain('[redacted-secret]');
    // Every line is still JSON after redaction.
    expect(capture.entries).toHaveLength(5);
  });
});
