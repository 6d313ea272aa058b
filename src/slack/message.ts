// What a message is, as pocbot builds, stores and posts it: the Block Kit builders in views/ make
// them, the outbox stores them, services hand them to the SlackPort (services/ports.ts). A leaf
// (only @slack/types) so that all three import it without pointing up into services.
import type { KnownBlock } from '@slack/types';

export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, string | number | boolean>;
}

export interface OutgoingMessage {
  /** Notification fallback; also what screen readers get. */
  text: string;
  blocks?: KnownBlock[];
  metadata?: MessageMetadata;
}

export interface PostedMessage {
  channel: string;
  ts: string;
}

/** A post found in Slack by its outbox key, with what it says (text and blocks as Slack gives them back). */
export interface FoundMessage extends PostedMessage {
  message: OutgoingMessage;
}
