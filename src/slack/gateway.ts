// The SlackPort over @slack/web-api. Retries are ours, not the SDK's: the SDK would re-send a
// chat.postMessage after a timeout and post twice, so its retries are off and every failure
// comes back as a SlackCallError that the outbox dispatcher (or the caller) decides about.
import type { Logger } from '@slack/bolt';
import type { View } from '@slack/types';
import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  WebClient,
} from '@slack/web-api';
import {
  type OutgoingMessage,
  type FoundMessage,
  type PostedMessage,
  SlackCallError,
  type SlackChannel,
  type SlackPort,
  type SlackUser,
} from '../services/ports.js';
import { httpFetch } from './http-fetch.js';
import { isUserTarget } from './ids.js';
import { SlackJsonCaller } from './json-call.js';

export interface GatewayOptions {
  token: string;
  slackApiUrl: string | undefined;
  logger: Logger;
  /** Told of every call that failed (the composition root counts them for /metrics). */
  onCallFailed?: (failure: SlackCallError) => void;
}

/** A Slack call that stays unanswered this long fails (request_failed): the dispatcher tries again later. */
const callTimeoutMs = 10_000;

export function webClientOptions(slackApiUrl: string | undefined, logger: Logger) {
  return {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    logger,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    // Every call must go to the configured base (GovSlack, a local Slack-compatible API).
    allowAbsoluteUrls: false,
    timeout: callTimeoutMs,
    // node:http instead of the built-in fetch (http-fetch.ts); Bolt's respond() uses it too.
    fetch: httpFetch,
  };
}

function toCallError(method: string, err: unknown): SlackCallError {
  if (err instanceof SlackCallError) return err;
  if (err instanceof WebAPIRateLimitedError) return new SlackCallError(method, 'ratelimited', err.retryAfter);
  if (err instanceof WebAPIPlatformError) return new SlackCallError(method, err.data.error);
  if (err instanceof WebAPIHTTPError) return new SlackCallError(method, `http_${err.statusCode}`);
  if (err instanceof WebAPIRequestError) return new SlackCallError(method, 'request_failed');
  return new SlackCallError(method, err instanceof Error ? err.message : 'unknown_error');
}

/** Pages of 200 messages a lookup for an earlier post reads at most (1,000 messages since it was due). */
const lookupPages = 5;

export class SlackGateway implements SlackPort {
  readonly client: WebClient;
  /** Posts and their updates, as JSON without the WebClient (json-call.ts): a tick sends hundreds. */
  private readonly posts: SlackJsonCaller;
  private readonly dmChannels = new Map<string, string>();
  private readonly logger: Logger;
  private readonly onCallFailed: ((failure: SlackCallError) => void) | undefined;

  constructor(options: GatewayOptions) {
    this.client = new WebClient(options.token, webClientOptions(options.slackApiUrl, options.logger));
    this.posts = new SlackJsonCaller({
      token: options.token,
      slackApiUrl: options.slackApiUrl,
      logger: options.logger,
      timeoutMs: callTimeoutMs,
    });
    this.logger = options.logger;
    this.onCallFailed = options.onCallFailed;
  }

  private async call<T>(method: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      const failure = toCallError(method, err);
      // One line per failed call, whatever the caller then does about it (retry, queue, tell someone).
      const retry = failure.retryAfterSec === undefined ? '' : `, retry after ${failure.retryAfterSec} s`;
      this.logger.info(
        {
          slack_method: method,
          slack_error: failure.code,
          ...(failure.retryAfterSec === undefined ? {} : { retry_after_s: failure.retryAfterSec }),
        },
        `Slack call failed: ${method} → ${failure.code}${retry}`,
      );
      this.onCallFailed?.(failure);
      throw failure;
    }
  }

  async postMessage(
    channel: string,
    message: OutgoingMessage,
    options?: { threadTs?: string },
  ): Promise<PostedMessage> {
    const res = await this.call('chat.postMessage', () =>
      this.posts.call('chat.postMessage', {
        channel,
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks } : {}),
        ...(message.metadata ? { metadata: message.metadata } : {}),
        ...(options?.threadTs ? { thread_ts: options.threadTs } : {}),
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
    return {
      channel: typeof res.channel === 'string' ? res.channel : channel,
      ts: typeof res.ts === 'string' ? res.ts : '',
    };
  }

  async updateMessage(channel: string, ts: string, message: OutgoingMessage): Promise<void> {
    await this.call('chat.update', () =>
      this.posts.call('chat.update', {
        channel,
        ts,
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks } : {}),
      }),
    );
  }

  async postEphemeral(channel: string, userId: string, message: OutgoingMessage): Promise<void> {
    await this.call('chat.postEphemeral', () =>
      this.client.chat.postEphemeral({
        channel,
        user: userId,
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks } : {}),
      }),
    );
  }

  private async dmChannel(userId: string): Promise<string> {
    let channel = this.dmChannels.get(userId);
    if (!channel) {
      const res = await this.call('conversations.open', () => this.client.conversations.open({ users: userId }));
      channel = res.channel?.id;
      if (!channel) throw new SlackCallError('conversations.open', 'no_channel_returned');
      this.dmChannels.set(userId, channel);
    }
    return channel;
  }

  async postDirect(userId: string, message: OutgoingMessage): Promise<PostedMessage> {
    return this.postMessage(await this.dmChannel(userId), message);
  }

  async openView(triggerId: string, view: View): Promise<{ viewId: string }> {
    const res = await this.call('views.open', () => this.client.views.open({ trigger_id: triggerId, view }));
    return { viewId: res.view?.id ?? '' };
  }

  async updateView(viewId: string, view: View, hash?: string): Promise<void> {
    await this.call('views.update', () =>
      this.client.views.update({ view_id: viewId, view, ...(hash ? { hash } : {}) }),
    );
  }

  async publishHome(userId: string, view: View): Promise<void> {
    await this.call('views.publish', () => this.client.views.publish({ user_id: userId, view }));
  }

  async permalink(channel: string, ts: string): Promise<string | undefined> {
    try {
      const res = await this.call('chat.getPermalink', () =>
        this.client.chat.getPermalink({ channel, message_ts: ts }),
      );
      return res.permalink;
    } catch {
      return undefined;
    }
  }

  async pin(channel: string, ts: string): Promise<boolean> {
    try {
      await this.call('pins.add', () => this.client.pins.add({ channel, timestamp: ts }));
      return true;
    } catch (err) {
      if (err instanceof SlackCallError && err.code === 'already_pinned') return true;
      return false;
    }
  }

  async uploadMarkdown(
    channel: string,
    filename: string,
    title: string,
    content: string,
    threadTs?: string,
  ): Promise<void> {
    await this.call('files.uploadV2', () =>
      threadTs
        ? this.client.filesUploadV2({ channel_id: channel, thread_ts: threadTs, filename, title, content })
        : this.client.filesUploadV2({ channel_id: channel, filename, title, content }),
    );
  }

  async userInfo(userId: string): Promise<SlackUser | undefined> {
    try {
      const res = await this.call('users.info', () => this.client.users.info({ user: userId }));
      const u = res.user;
      if (!u?.id) return undefined;
      const p = u.profile;
      const status =
        p && (p.status_text || p.status_emoji)
          ? { text: p.status_text ?? '', emoji: p.status_emoji ?? '', expiration: p.status_expiration ?? 0 }
          : undefined;
      return {
        id: u.id,
        teamId: u.team_id,
        tz: u.tz,
        deleted: Boolean(u.deleted),
        isBot: Boolean(u.is_bot),
        name: u.real_name || u.name || undefined,
        status,
      };
    } catch (err) {
      if (err instanceof SlackCallError && err.code === 'user_not_found') return undefined;
      throw err;
    }
  }

  async channelInfo(channel: string): Promise<SlackChannel | undefined> {
    try {
      const res = await this.call('conversations.info', () => this.client.conversations.info({ channel }));
      const c = res.channel;
      if (!c?.id) return undefined;
      return { id: c.id, isExtShared: Boolean(c.is_ext_shared) };
    } catch (err) {
      if (err instanceof SlackCallError && err.code === 'channel_not_found') return undefined;
      throw err;
    }
  }

  async findPostedByKey(
    target: string,
    key: string,
    oldestTs: string,
    threadTs?: string,
  ): Promise<FoundMessage | undefined> {
    // A DM's outbox target is the user id; its history lives in the DM channel.
    const channel = isUserTarget(target) ? await this.dmChannel(target) : target;
    // Page by page: a busy channel can have said more since than one page holds, and the history
    // comes newest first, so the post (made soon after `oldestTs`) is on the last page. Bounded, as
    // a lookup after a crash or an ambiguous failure must not walk a channel's whole history.
    let cursor: string | undefined;
    for (let page = 0; page < lookupPages; page++) {
      // A thread reply is not in the channel's history: only conversations.replies lists it.
      const res = threadTs
        ? await this.call('conversations.replies', () =>
            this.client.conversations.replies({
              channel,
              ts: threadTs,
              oldest: oldestTs,
              inclusive: true,
              limit: 200,
              include_all_metadata: true,
              ...(cursor ? { cursor } : {}),
            }),
          )
        : await this.call('conversations.history', () =>
            this.client.conversations.history({
              channel,
              oldest: oldestTs,
              inclusive: true,
              limit: 200,
              include_all_metadata: true,
              ...(cursor ? { cursor } : {}),
            }),
          );
      for (const m of res.messages ?? []) {
        const payload = m.metadata?.event_payload as Record<string, unknown> | undefined;
        if (m.metadata?.event_type === 'pocbot_post' && payload?.key === key && m.ts) {
          // The web-api types describe blocks read back loosely; they are the blocks we posted.
          const blocks = m.blocks as OutgoingMessage['blocks'];
          return { channel, ts: m.ts, message: { text: m.text ?? '', ...(blocks ? { blocks } : {}) } };
        }
      }
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!res.has_more || !cursor) break;
    }
    return undefined;
  }
}
