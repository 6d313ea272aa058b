import { describe, expect, it } from 'vitest';
import { maxRetryWaitMs, nextRetry, retryWindowMs } from '../../src/domain/post-retry.js';

const now = new Date('2026-11-24T15:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);

describe('nextRetry', () => {
  it('waits 30 s after the first failure, doubling, and never more than 5 minutes', () => {
    const waits = [1, 2, 3, 4, 5, 6, 20].map((attempt) => {
      const d = nextRetry({ dueAt: now, expiresAt: null }, attempt, now);
      return d.retry ? (d.at.getTime() - now.getTime()) / 1000 : undefined;
    });
    expect(waits).toEqual([30, 60, 120, 240, 300, 300, 300]);
    expect(maxRetryWaitMs).toBe(300_000);
  });

  it('tries a post with a day of its own until its day ends, not after', () => {
    const post = { dueAt: now, expiresAt: later(10 * 60_000) };
    expect(nextRetry(post, 5, later(4 * 60_000))).toEqual({ retry: true, at: later(9 * 60_000) });
    expect(nextRetry(post, 5, later(5 * 60_000))).toEqual({ retry: false, reason: 'its day ended' });
  });

  it('gives a post without a day three days from when it was due', () => {
    const post = { dueAt: now, expiresAt: null };
    expect(nextRetry(post, 30, later(retryWindowMs - 6 * 60_000)).retry).toBe(true);
    expect(nextRetry(post, 30, later(retryWindowMs - 4 * 60_000))).toEqual({
      retry: false,
      reason: 'three days had passed',
    });
  });
});
