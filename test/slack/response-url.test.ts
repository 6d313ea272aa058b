// The response_url poster: what Slack's answer means for the caller, over a real local server.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postToResponseUrl, ResponseUrlError } from '../../src/slack/response-url.js';

describe('postToResponseUrl', () => {
  let server: Server;
  let base: string;
  let answer: (req: IncomingMessage, res: ServerResponse, body: string) => void;
  const received: Array<{ url: string; type: string | undefined; body: unknown }> = [];

  beforeEach(async () => {
    received.length = 0;
    answer = (_req, res) => res.end('ok');
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push({ url: req.url ?? '', type: req.headers['content-type'], body: JSON.parse(body) });
        answer(req, res, body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('POSTs the message as JSON, emoji and right-to-left text intact, and resolves on 200', async () => {
    const message = { response_type: 'ephemeral', text: 'حالة الـ POC 🚀 status' };
    await postToResponseUrl(`${base}/commands/T1/123/abc`, message);
    await postToResponseUrl(`${base}/commands/T1/123/def`, { text: 'second, on the kept-alive socket' });
    expect(received).toEqual([
      { url: '/commands/T1/123/abc', type: 'application/json; charset=utf-8', body: message },
      { url: '/commands/T1/123/def', type: 'application/json; charset=utf-8', body: { text: 'second, on the kept-alive socket' } },
    ]);
  });

  it('rejects with the status when Slack refuses (an expired response_url answers 404)', async () => {
    answer = (_req, res) => {
      res.statusCode = 404;
      res.end('expired_url');
    };
    const err = await postToResponseUrl(`${base}/commands/x`, { text: 'late' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResponseUrlError);
    expect((err as ResponseUrlError).status).toBe(404);
  });

  it('rejects when the server does not answer in time, and on what is not an http(s) URL', async () => {
    answer = () => undefined; // never answers
    await expect(postToResponseUrl(`${base}/slow`, { text: 'x' }, 100)).rejects.toThrow(/did not answer within 100 ms/);
    await expect(postToResponseUrl('not a url', { text: 'x' })).rejects.toThrow(/not a URL/);
    await expect(postToResponseUrl('file:///etc/passwd', { text: 'x' })).rejects.toThrow(/not http\(s\)/);
  });
});
