import { SlackCallError } from './ports.js';

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface RetryOptions {
  /** Attempts in all, the first included. */
  tries?: number;
  /** A 429 asking to wait longer than this is not waited out here: the caller queues or reports it. */
  maxWaitSec?: number;
  /** First pause after a 5xx or a failed request; doubles per attempt. */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Retrying stopped: the last error, and whether waiting longer (the outbox) could still succeed. */
export function isRetryable(err: unknown): err is SlackCallError {
  return err instanceof SlackCallError && err.transient;
}

/**
 * Runs a user-triggered Slack call, retrying what is transient (5xx, a failed request, a 429 with
 * a short Retry-After) a bounded number of times. A long 429 or a permanent error is thrown at
 * once. Only for calls that are safe to repeat (a caller that posts checks first, see SlackDelivery).
 */
export async function withSlackRetry<T>(run: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const tries = options.tries ?? 3;
  const maxWaitSec = options.maxWaitSec ?? 3;
  const backoffMs = options.backoffMs ?? 200;
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(attempt);
    } catch (err) {
      if (!isRetryable(err) || attempt >= tries) throw err;
      if (err.code === 'ratelimited') {
        const waitSec = err.retryAfterSec ?? 1;
        if (waitSec > maxWaitSec) throw err;
        await sleep(waitSec * 1000);
      } else {
        await sleep(backoffMs * 2 ** (attempt - 1));
      }
    }
  }
}

/** A promise's value, or `fallback` if it takes longer than `ms` or fails. */
export async function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  try {
    return await Promise.race([promise.catch(() => fallback), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
