import { SlackCallError } from './ports.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a user-triggered Slack call, waiting out a 429 (Retry-After, capped) up to `tries`
 * times. Only for calls that are safe to repeat after a 429, which Slack did not carry out.
 */
export async function withRateLimitRetry<T>(run: () => Promise<T>, tries = 3, maxWaitSec = 30): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (!(err instanceof SlackCallError) || err.code !== 'ratelimited' || attempt >= tries) throw err;
      await sleep(Math.min(err.retryAfterSec ?? 1, maxWaitSec) * 1000);
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
