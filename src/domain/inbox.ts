// The inbox: every Slack request pocbot acknowledges (an event, a slash command, a click or a
// modal submission) is stored before its 200 goes out, and marked done once its work is. These
// are the rules for what is left unfinished: after a crash, which requests are done late and
// which no longer can be; after a failure, when to try again. Time comes in as an argument.

export const inboxKinds = ['event', 'command', 'interaction'] as const;
export type InboxKind = (typeof inboxKinds)[number];

/**
 * `pending` until its work is done (`done`); `failed` when the work kept failing for a reason
 * other than the database (a bug: retrying will not help); `expired` when it was left unfinished
 * too long to be done late (a command whose answer can no longer reach the person).
 */
export const inboxStatuses = ['pending', 'done', 'failed', 'expired'] as const;
export type InboxStatus = (typeof inboxStatuses)[number];

/**
 * How long a command's or a click's answer can still reach the person who asked: Slack's
 * response_url takes replies for 30 minutes. Past that, doing it late would change things
 * nobody hears about, and the person has likely asked again.
 */
export const answerableForMs = 30 * 60_000;

/** How long a finished request's key is kept: past Slack's retries (2 hours) and its Delayed Events window (24 hours). */
export const keepKeysForMs = 48 * 3_600_000;

/** Tries of work that fails for a reason other than the database (a bug); the database's own failures are retried until it recovers. */
export const maxWorkAttempts = 3;

export type ReplayDecision = { replay: true } | { replay: false; reason: string };

/**
 * Whether a request left unfinished (the process stopped, or its work failed) is done now. An
 * event is a fact that happened in the channel (a reply, a reaction): it is always taken in,
 * however late. A command or a click is done late only while its answer can reach the person.
 */
export function replayDecision(row: { kind: InboxKind; receivedAt: Date }, now: Date): ReplayDecision {
  if (row.kind === 'event') return { replay: true };
  const ageMs = now.getTime() - row.receivedAt.getTime();
  if (ageMs <= answerableForMs) return { replay: true };
  const minutes = Math.round(ageMs / 60_000);
  return {
    replay: false,
    reason: `received ${minutes} minutes ago: its answer can no longer reach the person (response_url lives 30 minutes)`,
  };
}

/** The wait before the `attempt`-th retry of failed work: 1 s, doubling, at most a minute. */
export function retryDelayMs(attempt: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempt - 1), 60_000);
}
