// The response_url poster: what Slack's answer means for the caller, over a real local server.
import { describe, expect, it } from 'vitest';
import { postToResponseUrl, ResponseUrlError } from '../../src/slack/response-url.js';
import { localServer } from '../helpers/local-server.js';

describe('postToResponseUrl', () => {
  const server = localServer();

  it('POSTs the message as JSON, emoji and right-to-left text intact, and resolves on 200', async () => {
    const message = { response_type: 'ephemeral', text: 'حالة الـ POC 🚀 status' };
    await postToResponseUrl(`${server.base}/commands/T1/123/abc`, message);
    await postToResponseUrl(`${server.base}/commands/T1/123/def`, { text: 'second, on the kept-alive socket' });
    expect(server.received.map((r) => ({ url: r.url, type: r.type, body: JSON.parse(r.body) as unknown }))).toEqual([
      { url: '/commands/T1/123/abc', type: 'application/json; charset=utf-8', body: message },
      {
        url: '/commands/T1/123/def',
        type: 'application/json; charset=utf-8',
        body: { text: 'second, on the kept-alive socket' },
      },
    ]);
  });

  it('rejects with the status when Slack refuses (an expired response_url answers 404)', async () => {
    server.answer = (_req, res) => {
      res.statusCode = 404;
      res.end('expired_url');
    };
    const err = await postToResponseUrl(`${server.base}/commands/x`, { text: 'late' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResponseUrlError);
    expect((err as ResponseUrlError).status).toBe(404);
  });

  it('rejects when the server does not answer in time, and on what is not an http(s) URL', async () => {
    server.answer = () => undefined; // never answers
    await expect(postToResponseUrl(`${server.base}/slow`, { text: 'x' }, 100)).rejects.toThrow(
      /did not answer within 100 ms/,
    );
    await expect(postToResponseUrl('not a url', { text: 'x' })).rejects.toThrow(/not a URL/);
    await expect(postToResponseUrl('file:///etc/passwd', { text: 'x' })).rejects.toThrow(/not http\(s\)/);
  });
});
