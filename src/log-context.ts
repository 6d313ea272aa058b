// What a log line is about, carried along the async work it belongs to: the Slack request
// (team, channel, user, event or request id) from its arrival through the work queued after its
// ack, or the outbox row (POC, channel, key) a post is for. The logger adds these fields to every
// line written inside (logger.ts), so a line deep in a service says which request or POC it was
// about without every call passing them along.
import { ContextSlot } from './async-context.js';

/** Field names as they appear in the JSON log lines. */
export interface LogBindings {
  team?: string;
  enterprise?: string;
  channel?: string;
  user?: string;
  /** Slack's event_id (Events API). */
  event_id?: string;
  /** Our own id for a command or an interaction (Slack gives them none). */
  request_id?: string;
  /** What Slack sent: `event:reaction_added`, `command:/poc`, `block_actions`… */
  kind?: string;
  poc?: number;
  outbox_key?: string;
  [field: string]: string | number | boolean | undefined;
}

const slot = new ContextSlot<LogBindings>('log bindings');

/** The bindings of the work running now (an empty object outside any). */
export function currentBindings(): LogBindings | undefined {
  return slot.get();
}

/**
 * Runs `fn` with exactly this object as its bindings: what the caller adds to it later shows in
 * the lines written after (a request's team and kind are known only once its body is read).
 */
export function runWithBindings<T>(bindings: LogBindings, fn: () => T): T {
  return slot.run(bindings, fn);
}

/** Runs `fn` with `bindings` added to those already in force. */
export function withLogContext<T>(bindings: LogBindings, fn: () => T): T {
  const outer = slot.get();
  return slot.run(outer ? { ...outer, ...bindings } : bindings, fn);
}
