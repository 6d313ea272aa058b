// The Web API calls made for every post (chat.postMessage, chat.update), sent as Slack prefers
// them: a JSON body with the token in an Authorization header. The rest of pocbot's calls go
// through @slack/web-api's WebClient, which costs about as much CPU as the HTTP request itself
// on top of it: it copies and stringifies every body, its headers and its result for debug log
// lines even with debug off, URL-encodes the body (the blocks as JSON inside it) and runs each call
// through a queue and a retry wrapper that pocbot turns off. A standup morning's tick sends 200
// posts; over the same transport (http-fetch.ts), 200 posts cost ~130 ms of CPU in a new process
// this way against ~280 through the WebClient (`npm run bench`). Failures come back as the same
// SlackCallError codes the WebClient's errors map to (gateway.ts), so callers cannot tell.
import type { Logger } from '@slack/bolt';
import { SlackCallError } from '../services/ports.js';
import { createHttpFetch } from './http-fetch.js';

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
  private readonly fetch: ReturnType<typeof createHttpFetch>;
  private readonly headers: Record<string, string>;

  constructor(private readonly options: JsonCallOptions) {
    const base = options.slackApiUrl ?? 'https://slack.com/api/';
    this.base = base.endsWith('/') ? base : `${base}/`;
    this.fetch = createHttpFetch({ idleTimeoutMs: options.timeoutMs });
    this.headers = {
      'content-type': 'application/json; charset=utf-8',
      accept: 'application/json',
      authorization: `Bearer ${options.token}`,
      'user-agent': 'pocbot',
    };
  }

  /** One call; its result when Slack says ok, else a SlackCallError with Slack's code. */
  async call(method: string, args: Record<string, unknown>): Promise<SlackResult> {
    let response: Awaited<ReturnType<typeof this.fetch>>;
    try {
      response = await this.fetch(`${this.base}${method}`, {
        method: 'POST',
        headers: this.headers,
        body: JSON.stringify(args),
        redirect: 'error',
      });
    } catch (err) {
      this.options.logger.debug(`${method}: request failed: ${err instanceof Error ? err.message : String(err)}`);
      throw new SlackCallError(method, 'request_failed');
    }
    // Slack's Web API uses no status codes besides 429 and 200.
    if (response.status === 429)
      throw new SlackCallError(method, 'ratelimited', retryAfterSec(response.headers.get('retry-after')));
    if (response.status !== 200) throw new SlackCallError(method, `http_${response.status}`);
    let result: SlackResult;
    try {
      result = (await response.json()) as SlackResult;
    } catch {
      throw new SlackCallError(method, 'invalid_response');
    }
    // What the WebClient logs of a result: Slack's warnings (a deprecated argument, a block it dropped).
    for (const warning of result.response_metadata?.warnings ?? []) this.options.logger.warn(`${method}: ${warning}`);
    for (const message of result.response_metadata?.messages ?? []) this.options.logger.warn(`${method}: ${message}`);
    if (result.ok !== true)
      throw new SlackCallError(method, typeof result.error === 'string' ? result.error : 'not_ok');
    return result;
  }
}
