// Replies to a slash command after its ack go to the command's response_url. Bolt's respond()
// posts them with fetch, which in Node 20 costs ~0.4 ms of CPU per call (web streams, abort
// signals, header objects): more than reading and rendering a whole `/poc status`. The same POST
// over node:http(s) with keep-alive sockets costs a fraction of that, on the same event loop that
// acks everyone else's requests.
import http from 'node:http';
import https from 'node:https';

/** Slack answered the POST with something other than 2xx (an expired response_url: 404). */
export class ResponseUrlError extends Error {
  constructor(readonly status: number) {
    super(`Failed to respond to the response_url: HTTP ${status}`);
    this.name = 'ResponseUrlError';
  }
}

// Idle keep-alive sockets are unref'd by Node's Agent: they never keep the process alive.
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

/** POSTs `message` as JSON to a response_url; rejects on a non-2xx answer, a network error or after `timeoutMs`. */
export function postToResponseUrl(url: string, message: object, timeoutMs = 10_000): Promise<void> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.reject(new Error('the response_url is not a URL'));
  }
  const secure = target.protocol === 'https:';
  if (!secure && target.protocol !== 'http:') return Promise.reject(new Error(`the response_url is not http(s): ${target.protocol}`));
  const body = Buffer.from(JSON.stringify(message));
  const options = {
    method: 'POST',
    agent: secure ? agents.https : agents.http,
    headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length },
    timeout: timeoutMs,
  };
  return new Promise((resolve, reject) => {
    const onResponse = (res: http.IncomingMessage) => {
      res.resume();
      res.on('error', reject);
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve();
        else reject(new ResponseUrlError(status));
      });
    };
    const req = secure ? https.request(target, options, onResponse) : http.request(target, options, onResponse);
    req.on('timeout', () => req.destroy(new Error(`the response_url did not answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
