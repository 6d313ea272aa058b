// How long a post Slack keeps failing (5xx, timeouts, dropped connections) is tried again: for as
// long as it still means something, not a fixed number of times. A calendar post (a standup, a
// checkpoint, a reminder) until the end of its local day, after which it is never posted late; any
// other post (a nudge, an escalation, a reply or an announcement) for up to three days from when
// it was due, a nudge or an escalation being asked again before each try whether it still applies
// (jobs/index.ts: withdrawn once the evaluator is back, the POC paused…). The wait between tries
// doubles from `baseMs` up to five minutes, so a post goes out within minutes of Slack's recovery.

export const maxRetryWaitMs = 5 * 60_000;

/** A post without a day of its own is given up after this long. */
export const retryWindowMs = 3 * 24 * 3_600_000;

export type RetryDecision = { retry: true; at: Date } | { retry: false; reason: string };

/**
 * After the `attempt`-th failed try at `now`: when to try again, or why not. `expiresAt` is the
 * end of the post's day, when it has one.
 */
export function nextRetry(
  post: { dueAt: Date; expiresAt: Date | null },
  attempt: number,
  now: Date,
  baseMs = 30_000,
): RetryDecision {
  const wait = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), maxRetryWaitMs);
  const at = new Date(now.getTime() + wait);
  const until = post.expiresAt ?? new Date(post.dueAt.getTime() + retryWindowMs);
  if (at.getTime() < until.getTime()) return { retry: true, at };
  return { retry: false, reason: post.expiresAt ? 'its day ended' : 'three days had passed' };
}
