import type { Logger } from '@slack/bolt';
import type { Services } from '../services/index.js';
import type { Store } from '../store/index.js';
import type { PlannedMessage } from '../store/outbox.js';

/** One post a job wants sent. The outbox stores it under `key`; a key already there is not sent again. */
export interface PlannedPost {
  /** Business key, unique forever: e.g. `standup:42:2026-11-24`. */
  key: string;
  pocId: number | null;
  /** 'standup', 'checkpoint', 'reminder', 'nudge', 'escalation'… */
  kind: string;
  /** A channel id, or a user id for a DM. */
  target: string;
  threadTs?: string;
  /** The message, or (for a post that may wait several ticks) how to build it when it is sent. */
  message: PlannedMessage;
  /** One line for `npm run tick -- --dry-run` and the logs. */
  summary: string;
  /** When it may go out; default: the tick's `now`. */
  dueAt?: Date;
  /** After this instant a row still pending is skipped instead of sent late (e.g. the end of a standup's local day). */
  expiresAt?: Date;
  /** Among posts due at the same instant, lower goes out first (default 0; see the outbox schema). */
  rank?: number;
}

/**
 * How many more posts of one sort the outbox takes this tick. The dispatcher sends a few hundred
 * a tick: a morning of 10,000 standups and 7,000 nudges written at once would wait there for an
 * hour, and writing them cost the tick more than anything else it did. Both can be planned again
 * by a later tick: the calendar's keys are unique and its posts built when sent; a nudge not yet
 * decided is found again, still due, by the next sweep. So the jobs queue what fits, and a later
 * tick the rest.
 */
export interface QueueRoom {
  /** Posts of this sort that may wait in the outbox at once. */
  readonly depth: number;
  /** What is left of it this tick. */
  left: number;
}

export interface JobContext {
  now: Date;
  /** When true a job must write nothing: plan only. */
  dryRun: boolean;
  store: Store;
  services: Services;
  logger: Logger;
  /** Adds a line to the tick report (for work a job does that is not a post, e.g. a stage change). */
  note?: (line: string) => void;
  /** Shared by the jobs of one tick (fresh each tick), so they can load common data once. */
  cache?: Map<string, unknown>;
  /** Room in the outbox for calendar posts (standups, checkpoints, reminders) and for nudge posts; none given (a dry run, a job run on its own): no limit. */
  calendarRoom?: QueueRoom;
  nudgeRoom?: QueueRoom;
  /**
   * Keeps a POC due for the next tick: what a job found due for it and left for a later tick (no
   * room in the outbox). Without it, the POC would sleep until its next wake (store/poc-schedule.ts).
   */
  keepDue?: (pocId: number) => void;
}

/**
 * A job decides what is due at `now`. It never talks to Slack: the dispatcher does. It may return
 * a generator (async, when it reads as it goes): the tick writes posts to the outbox as they are built.
 */
export interface Job {
  name: string;
  run(ctx: JobContext): Iterable<PlannedPost> | AsyncIterable<PlannedPost> | Promise<Iterable<PlannedPost>>;
}
