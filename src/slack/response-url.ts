// Replies to a slash command after its ack go to the command's response_url, through the same
// transport as every Slack call (http-fetch.ts), with a bound on how long a reply may take: a
// response_url that never answers must not hold a work-queue slot for good.
import { httpFetch } from './http-fetch.js';

/** Slack answered the POST with something other than 2xx (an expired response_url: 404). */
export class ResponseUrlError extends Error {
  constructor(readonly status: number) {
    super(`Failed to respond to the response_url: HTTP ${status}`);
    this.name = 'ResponseUrlError';
  }
}

/** POSTs `message` as JSON to a response_url; rejects on a non-2xx answer, a network error or after `timeoutMs`. */
export async function postToResponseUrl(url: string, message: object, timeoutMs = 10_000): Promise<void> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new Error('the response_url is not a URL');
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:')
    throw new Error(`the response_url is not http(s): ${target.protocol}`);
  const signal = AbortSignal.timeout(timeoutMs);
  let res: Awaited<ReturnType<typeof httpFetch>>;
  try {
    res = await httpFetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(message),
      signal,
    });
  } catch (err) {
    if (signal.aborted) throw new Error(`the response_url did not answer within ${timeoutMs} ms`);
    throw err;
  }
  if (!res.ok) throw new ResponseUrlError(res.status);
}
