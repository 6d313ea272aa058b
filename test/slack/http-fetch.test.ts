// The node:http transport under every Slack call: what @slack/web-api and Bolt read of a
// response, over a real local server.
import { describe, expect, it } from 'vitest';
import { createHttpFetch, httpFetch } from '../../src/slack/http-fetch.js';
import { localServer } from '../helpers/local-server.js';

describe('httpFetch', () => {
  const server = localServer();

  it('posts the body with its headers and gives status, headers, text, json and bytes, on one kept-alive socket', async () => {
    server.answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-oauth-scopes': 'chat:write' });
      res.end(JSON.stringify({ ok: true, text: 'héllo 🚀 مرحبا' }));
    };
    const init = {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'channel=C1&text=h%C3%A9llo',
    };
    const res = await httpFetch(`${server.base}/api/chat.postMessage`, init);
    expect([res.ok, res.status, res.url]).toEqual([true, 200, `${server.base}/api/chat.postMessage`]);
    expect(res.headers.get('x-oauth-scopes')).toBe('chat:write');
    expect(await res.json()).toEqual({ ok: true, text: 'héllo 🚀 مرحبا' });
    const again = await httpFetch(new URL(`${server.base}/api/auth.test`), init);
    expect(await again.text()).toBe('{"ok":true,"text":"héllo 🚀 مرحبا"}');
    expect(Buffer.from(await again.arrayBuffer()).toString('utf8')).toBe('{"ok":true,"text":"héllo 🚀 مرحبا"}');
    expect(server.received.map((r) => [r.url, r.type, r.body])).toEqual([
      ['/api/chat.postMessage', 'application/x-www-form-urlencoded', 'channel=C1&text=h%C3%A9llo'],
      ['/api/auth.test', 'application/x-www-form-urlencoded', 'channel=C1&text=h%C3%A9llo'],
    ]);
    expect(server.received[0]?.socket).toBe(server.received[1]?.socket);
  });

  it('answers a 429 as a response, not an error, with its Retry-After (the Web API client decides)', async () => {
    server.answer = (_req, res) => {
      res.writeHead(429, 'Too Many Requests', { 'retry-after': '30' });
      res.end();
    };
    const res = await httpFetch(`${server.base}/api/chat.postMessage`, { method: 'POST', body: 'x=1' });
    expect([res.ok, res.status, res.statusText, res.headers.get('retry-after')]).toEqual([
      false,
      429,
      'Too Many Requests',
      '30',
    ]);
  });

  it('rejects when its signal aborts, at once when it already has, and after the idle timeout without one', async () => {
    server.answer = () => undefined; // never answers
    await expect(
      httpFetch(`${server.base}/slow`, { method: 'POST', body: 'x', signal: AbortSignal.timeout(50) }),
    ).rejects.toThrow(/timeout|abort/i);
    const aborted = new AbortController();
    aborted.abort(new Error('cancelled first'));
    await expect(
      httpFetch(`${server.base}/slow`, { method: 'POST', body: 'x', signal: aborted.signal }),
    ).rejects.toThrow('cancelled first');
    await expect(
      createHttpFetch({ idleTimeoutMs: 50 })(`${server.base}/slow`, { method: 'POST', body: 'x' }),
    ).rejects.toThrow(/within 50 ms/);
  });

  it("fails a redirect when told redirect: 'error', as fetch does", async () => {
    server.answer = (_req, res) => {
      res.writeHead(302, { location: '/elsewhere' });
      res.end();
    };
    await expect(httpFetch(`${server.base}/api/x`, { method: 'POST', body: 'x', redirect: 'error' })).rejects.toThrow(
      TypeError,
    );
  });

  it('hands a multipart body (a file upload) to the built-in fetch', async () => {
    const form = new FormData();
    form.append('file', new Blob(['# Readout\n']), 'readout.md');
    const res = await httpFetch(`${server.base}/upload/F1`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    expect(server.received[0]?.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(server.received[0]?.body).toContain('# Readout');
  });
});
