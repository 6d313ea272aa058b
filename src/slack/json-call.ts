// The Web API calls made for every post (chat.postMessage, chat.update), sent as Slack prefers
// them: a JSON body with the token in an Authorization header. The rest of pocbot's calls go
// through @slack/web-api's WebClient, which costs about as much CPU as the HTTP request itself
// on top of it: it copies and stringifies every body, its headers and its result for debug log
// lines even with debug off, URL-encodes the body (the blocks as JSON inside it) and runs each call
// through a queue and a retry wrapper that pocbot turns off. A standup morning's tick sends 200
// posts; over the same node:http transport (http-fetch.ts, taken directly, without fetch's
// response object), 200 posts to the bench's fake Slack cost 150-200 ms of CPU in a new process
// this way against 260-300 through the WebClient. Failures come back as the same SlackCallError
// codes the WebClient's errors map to (gateway.ts), so callers cannot tell.
import type { Logger } from '@slack/bolt';
import { SlackCallError } from '../services/ports.js';
import { httpRequest } from './http-fetch.js';

export interface JsonCallOptions {
  token: string;
  /** The Web API's base URL (a local Slack-compatible API in tests); Slack's own by default. */
  slackApiUrl: string | undefined;
  logger: Logger;
  /** A call whose socket stays silent this long fails as request_failed (the WebClient's timeout). */
  timeoutMs: number;
}

interface SlackResult {
  ok?: boolean;
  error?: string;
  response_metadata?: { warnings?: string[]; messages?: string[] };
  [field: string]: unknown;
}

/** Seconds from a 429's Retry-After, or undefined (the dispatcher then waits its default). */
function retryAfterSec(value: string | null): number | undefined {
  const sec = Number.parseInt(value ?? '', 10);
  return Number.isNaN(sec) ? undefined : sec;
}

export class SlackJsonCaller {
  private readonly base: string;
  /** Each method's URL, parsed once. */
  private readonly urls = new Map<string, URL>();

  constructor(private readonly options: JsonCallOptions) {
    const base = options.slackApiUrl ?? 'https://slack.com/api/';
    this.base = base.endsWith('/') ? base : `${base}/`;
  }

  private urlOf(method: string): URL {
    let url = this.urls.get(method);
    if (!url) {
      url = new URL(`${this.base}${method}`);
      this.urls.set(method, url);
    }
    return url;
  }

  /** One call; its result when Slack says ok, else a SlackCallError with Slack's code. */
  async call(method: string, args: Record<string, unknown>): Promise<SlackResult> {
    let answer: Awaited<ReturnType<typeof httpRequest>>;
    try {
      answer = await httpRequest(this.urlOf(method), {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          accept: 'application/json',
          authorization: `Bearer ${this.options.token}`,
          'user-agent': 'pocbot',
        },
        body: Buffer.from(JSON.stringify(args), 'utf8'),
        idleTimeoutMs: this.options.timeoutMs,
      });
    } catch (err) {
      this.options.logger.debug(`${method}: request failed: ${err instanceof Error ? err.message : String(err)}`);
      throw new SlackCallError(method, 'request_failed');
    }
    const status = answer.response.statusCode ?? 0;
    // Slack's Web API uses no status codes besides 429 and 200.
    if (status === 429) {
      const retryAfter = answer.response.headers['retry-after'];
      throw new SlackCallError(
        method,
        'ratelimited',
        retryAfterSec(typeof retryAfter === 'string' ? retryAfter : null),
      );
    }
    if (status !== 200) throw new SlackCallError(method, `http_${status}`);
    let result: SlackResult | null;
    try {
      result = JSON.parse(answer.body.toString('utf8')) as SlackResult | null;
    } catch {
      result = null;
    }
    if (typeof result !== 'object' || result === null) throw new SlackCallError(method, 'invalid_response');
    // What the WebClient logs of a result: Slack's warnings (a deprecated argument, a block it dropped).
    for (const warning of result.response_metadata?.warnings ?? []) this.options.logger.warn(`${method}: ${warning}`);
    for (const message of result.response_metadata?.messages ?? []) this.options.logger.warn(`${method}: ${message}`);
    if (result.ok !== true)
      throw new SlackCallError(method, typeof result.error === 'string' ? result.error : 'not_ok');
    return result;
  }
}
