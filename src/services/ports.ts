// What the use cases need from Slack. src/slack/gateway.ts implements it over the Web API;
// services never import Bolt or the Web API client.
import type { View } from '@slack/types';
import type { FoundMessage, OutgoingMessage, PostedMessage } from '../slack/message.js';

// The port speaks in these; services and jobs take them from here with the port, while views and
// the outbox, which must not point up into services, import slack/message.ts itself.
export type { FoundMessage, MessageMetadata, OutgoingMessage, PostedMessage } from '../slack/message.js';

export interface SlackUser {
  id: string;
  teamId: string | undefined;
  tz: string | undefined;
  deleted: boolean;
  isBot: boolean;
  /** real_name, else the handle: for documents read outside Slack (the readout's Markdown). */
  name?: string | undefined;
  /** The profile's status; absent when Slack gives none (an external user's profile may be reduced). */
  status?: { text: string; emoji: string; expiration: number } | undefined;
}

export interface SlackChannel {
  id: string;
  /** Shared with another organization (Slack Connect): `is_ext_shared`, not `is_shared`, which also covers Enterprise Grid. */
  isExtShared: boolean;
}

/** A Slack Web API answer with ok:false, or an HTTP failure, with the fields callers branch on. */
export class SlackCallError extends Error {
  override name = 'SlackCallError';
  constructor(
    readonly method: string,
    /** Slack's error code ('channel_not_found', 'ratelimited', 'http_500', 'request_failed'…). */
    readonly code: string,
    /** Seconds to wait, from Retry-After on a 429. */
    readonly retryAfterSec?: number,
  ) {
    super(`${method} failed: ${code}`);
  }

  get transient(): boolean {
    return (
      this.code === 'ratelimited' ||
      this.code.startsWith('http_5') ||
      this.code === 'request_failed' ||
      this.code === 'internal_error' ||
      this.code === 'fatal_error' ||
      this.code === 'service_unavailable'
    );
  }
}

export interface SlackPort {
  postMessage(channel: string, message: OutgoingMessage, options?: { threadTs?: string }): Promise<PostedMessage>;
  updateMessage(channel: string, ts: string, message: OutgoingMessage): Promise<void>;
  postEphemeral(channel: string, userId: string, message: OutgoingMessage): Promise<void>;
  /** Opens a DM with the user (conversations.open) and posts into it. */
  postDirect(userId: string, message: OutgoingMessage): Promise<PostedMessage>;
  openView(triggerId: string, view: View): Promise<{ viewId: string }>;
  updateView(viewId: string, view: View, hash?: string): Promise<void>;
  publishHome(userId: string, view: View): Promise<void>;
  permalink(channel: string, ts: string): Promise<string | undefined>;
  /** Pins where the bot may; false when it may not (no pins:write, or a channel that forbids it). */
  pin(channel: string, ts: string): Promise<boolean>;
  uploadMarkdown(channel: string, filename: string, title: string, content: string, threadTs?: string): Promise<void>;
  userInfo(userId: string): Promise<SlackUser | undefined>;
  /** conversations.info: whether the channel is shared with another organization; undefined when Slack does not know it. */
  channelInfo(channel: string): Promise<SlackChannel | undefined>;
  /**
   * Finds a message the bot posted in `channel` since `oldest` whose metadata carries this
   * outbox key: after a crash between "posted" and "marked sent" the dispatcher looks before it posts.
   * With `threadTs`, among that thread's replies (the channel's history does not list them).
   */
  findPostedByKey(channel: string, key: string, oldestTs: string, threadTs?: string): Promise<FoundMessage | undefined>;
}

/** A workspace (or Enterprise Grid org) as the port lookup takes it: a POC, an outbox row or a request. */
export interface WorkspaceKey {
  teamId: string;
  enterpriseId?: string | undefined;
}

/**
 * Each workspace's own SlackPort: with the one SLACK_BOT_TOKEN, the same port for all; installed
 * through OAuth, one per workspace with its stored token. A call through a port of a workspace
 * that has no install fails with SlackCallError `not_installed`.
 */
export interface SlackPorts {
  of(ws: WorkspaceKey): SlackPort;
}

/** The stored OAuth tokens, as the lifecycle needs them: none in single-token mode. */
export interface InstallsPort {
  /** The workspace (or, org-wide, the org) uninstalled the app or revoked its token: its stored tokens go (its POC data stays). */
  forget(ws: WorkspaceKey & { isEnterpriseInstall?: boolean }): Promise<void>;
}
