// The transport under every Slack call: @slack/web-api's `fetch` option (its FetchFunction, the
// subset of fetch it uses), which Bolt also uses for respond(). Node's built-in fetch costs about
// 0.85 ms of CPU per Slack call (web streams, abort signals, header objects) and, while a tick's
// dispatcher sends its first posts, ~35 MB of transient memory; the same POST over node:http(s)
// with keep-alive sockets costs about a third of the CPU and none of that memory (`npm run bench`).
// Bodies it does not handle (multipart FormData, for file uploads) go to the built-in fetch.
import http from 'node:http';
import https from 'node:https';
import type { FetchFunction } from '@slack/web-api';

type FetchInit = NonNullable<Parameters<FetchFunction>[1]>;
type FetchResult = Awaited<ReturnType<FetchFunction>>;

// Idle keep-alive sockets are unref'd by Node's Agent: they never keep the process alive.
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

/** With no AbortSignal, a request whose socket stays silent this long fails (the built-in fetch waits 300 s). */
export const defaultIdleTimeoutMs = 30_000;

function headersOf(init: FetchInit): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(init.headers ?? {})) out[name.toLowerCase()] = String(value);
  return out;
}

function responseOf(url: URL, res: http.IncomingMessage, body: Buffer): FetchResult {
  const status = res.statusCode ?? 0;
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: res.statusMessage ?? '',
    url: url.href,
    headers,
    arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
    text: async () => body.toString('utf8'),
    json: async () => JSON.parse(body.toString('utf8')) as unknown,
  };
}

export function createHttpFetch(options: { idleTimeoutMs?: number } = {}): FetchFunction {
  const idleTimeoutMs = options.idleTimeoutMs ?? defaultIdleTimeoutMs;
  return (input, init = {}) => send(input, init, idleTimeoutMs);
}

export const httpFetch: FetchFunction = createHttpFetch();

function send(input: string | URL, init: FetchInit, idleTimeoutMs: number): Promise<FetchResult> {
  const url = new URL(String(input));
  const secure = url.protocol === 'https:';
  const { body, signal } = init;
  if ((body !== undefined && typeof body !== 'string') || (!secure && url.protocol !== 'http:')) {
    return globalThis.fetch(input, init as RequestInit) as Promise<FetchResult>;
  }
  const headers = headersOf(init);
  return httpRequest(url, {
    method: init.method ?? 'GET',
    headers,
    body: body === undefined ? undefined : Buffer.from(body, 'utf8'),
    signal,
    idleTimeoutMs,
  }).then(({ response, body: answer }) => {
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && init.redirect !== 'manual') {
      // Slack's API does not redirect; for the rare case, fetch's own rules (follow, or fail).
      if (init.redirect === 'error')
        throw new TypeError(`fetch failed: redirected (HTTP ${status}) with redirect: 'error'`);
      return globalThis.fetch(input, init as RequestInit) as Promise<FetchResult>;
    }
    return responseOf(url, response, answer);
  });
}

export interface HttpRequestOptions {
  method: string;
  /** Header names in lower case; content-length is set here from the body. */
  headers: Record<string, string>;
  body?: Buffer;
  signal?: AbortSignal | null;
  /** Without a signal: a request whose socket stays silent this long fails. */
  idleTimeoutMs: number;
}

/**
 * One request over the shared keep-alive sockets, resolved with the response and its whole body
 * (what fetch's adapter above builds its response from; json-call.ts reads it directly). It
 * follows no redirect.
 */
export function httpRequest(
  url: URL,
  options: HttpRequestOptions,
): Promise<{ response: http.IncomingMessage; body: Buffer }> {
  const { signal, body: payload, idleTimeoutMs } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const secure = url.protocol === 'https:';
  const headers = options.headers;
  if (payload) headers['content-length'] = String(payload.length);
  return new Promise((resolve, reject) => {
    const onResponse = (res: http.IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', fail);
      res.on('end', () => {
        done();
        resolve({ response: res, body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks) });
      });
    };
    const requestOptions = {
      method: options.method,
      headers,
      agent: secure ? agents.https : agents.http,
      timeout: signal ? undefined : idleTimeoutMs,
    };
    const req = secure ? https.request(url, requestOptions, onResponse) : http.request(url, requestOptions, onResponse);
    const onAbort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    function done() {
      signal?.removeEventListener('abort', onAbort);
    }
    function fail(err: unknown) {
      done();
      reject(err);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url.host} within ${idleTimeoutMs} ms`)));
    req.on('error', fail);
    req.end(payload);
  });
}
