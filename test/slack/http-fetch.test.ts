// The node:http transport under every Slack call: what @slack/web-api and Bolt read of a
// response, over a real local server.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpFetch, httpFetch } from '../../src/slack/http-fetch.js';

describe('httpFetch', () => {
  let server: Server;
  let base: string;
  let answer: (req: IncomingMessage, res: ServerResponse) => void;
  const received: Array<{ url: string; type: string | undefined; body: string; socket: unknown }> = [];

  beforeEach(async () => {
    received.length = 0;
    answer = (_req, res) => res.end('ok');
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push({ url: req.url ?? '', type: req.headers['content-type'], body, socket: req.socket });
        answer(req, res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('posts the body with its headers and gives status, headers, text, json and bytes, on one kept-alive socket', async () => {
    answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-oauth-scopes': 'chat:write' });
      res.end(JSON.stringify({ ok: true, text: 'héllo 🚀 مرحبا' }));
    };
    const init = { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'channel=C1&text=h%C3%A9llo' };
    const res = await httpFetch(`${base}/api/chat.postMessage`, init);
    expect([res.ok, res.status, res.url]).toEqual([true, 200, `${base}/api/chat.postMessage`]);
    expect(res.headers.get('x-oauth-scopes')).toBe('chat:write');
    expect(await res.json()).toEqual({ ok: true, text: 'héllo 🚀 مرحبا' });
    const again = await httpFetch(new URL(`${base}/api/auth.test`), init);
    expect(await again.text()).toBe('{"ok":true,"text":"héllo 🚀 مرحبا"}');
    expect(Buffer.from(await again.arrayBuffer()).toString('utf8')).toBe('{"ok":true,"text":"héllo 🚀 مرحبا"}');
    expect(received.map((r) => [r.url, r.type, r.body])).toEqual([
      ['/api/chat.postMessage', 'application/x-www-form-urlencoded', 'channel=C1&text=h%C3%A9llo'],
      ['/api/auth.test', 'application/x-www-form-urlencoded', 'channel=C1&text=h%C3%A9llo'],
    ]);
    expect(received[0]?.socket).toBe(received[1]?.socket);
  });

  it('answers a 429 as a response, not an error, with its Retry-After (the Web API client decides)', async () => {
    answer = (_req, res) => {
      res.writeHead(429, 'Too Many Requests', { 'retry-after': '30' });
      res.end();
    };
    const res = await httpFetch(`${base}/api/chat.postMessage`, { method: 'POST', body: 'x=1' });
    expect([res.ok, res.status, res.statusText, res.headers.get('retry-after')]).toEqual([false, 429, 'Too Many Requests', '30']);
  });

  it('rejects when its signal aborts, at once when it already has, and after the idle timeout without one', async () => {
    answer = () => undefined; // never answers
    await expect(httpFetch(`${base}/slow`, { method: 'POST', body: 'x', signal: AbortSignal.timeout(50) })).rejects.toThrow(/timeout|abort/i);
    const aborted = new AbortController();
    aborted.abort(new Error('cancelled first'));
    await expect(httpFetch(`${base}/slow`, { method: 'POST', body: 'x', signal: aborted.signal })).rejects.toThrow('cancelled first');
    await expect(createHttpFetch({ idleTimeoutMs: 50 })(`${base}/slow`, { method: 'POST', body: 'x' })).rejects.toThrow(/within 50 ms/);
  });

  it("fails a redirect when told redirect: 'error', as fetch does", async () => {
    answer = (_req, res) => {
      res.writeHead(302, { location: '/elsewhere' });
      res.end();
    };
    await expect(httpFetch(`${base}/api/x`, { method: 'POST', body: 'x', redirect: 'error' })).rejects.toThrow(TypeError);
  });

  it('hands a multipart body (a file upload) to the built-in fetch', async () => {
    const form = new FormData();
    form.append('file', new Blob(['# Readout\n']), 'readout.md');
    const res = await httpFetch(`${base}/upload/F1`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    expect(received[0]?.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(received[0]?.body).toContain('# Readout');
  });
});
