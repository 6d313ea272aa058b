// Reactions in Slack's order. Events can arrive late or out of order (retries, a slow delivery), so
// the latest state of each reaction is kept with the ts of the event that set it, a removal
// included (a tombstone): an event older than the state it would replace changes nothing. A
// `reaction_removed` delivered before its `reaction_added` therefore leaves no call standing.
import { compareSlackTs } from './activity.js';

export interface ReactionState {
  /** The Slack ts of the event that set this state. */
  eventTs: string;
  removed: boolean;
}

/** Whether an event at `eventTs` is newer than the stored state, and so replaces it. */
export function replacesState(eventTs: string, stored: ReactionState | undefined): boolean {
  if (!stored) return true;
  if (stored.eventTs === '') return true;
  return compareSlackTs(eventTs, stored.eventTs) > 0;
}

/** Orders two calls by when they were made: their event ts, then (equal or unknown) their instant. */
export function compareCalls(a: { eventTs: string; votedAt: string }, b: { eventTs: string; votedAt: string }): number {
  if (a.eventTs && b.eventTs) {
    const byTs = compareSlackTs(a.eventTs, b.eventTs);
    if (byTs !== 0) return byTs;
  }
  return a.votedAt < b.votedAt ? -1 : a.votedAt > b.votedAt ? 1 : 0;
}
