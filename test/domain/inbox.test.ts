import { describe, expect, it } from 'vitest';
import { answerableForMs, replayDecision, retryDelayMs } from '../../src/domain/inbox.js';

const now = new Date('2026-11-24T15:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('replayDecision', () => {
  it('always does an event late, however late: it happened', () => {
    expect(replayDecision({ kind: 'event', receivedAt: ago(3 * 86_400_000) }, now)).toEqual({ replay: true });
  });

  it('does a command or a click late only while its response_url still takes the answer (30 minutes)', () => {
    expect(replayDecision({ kind: 'command', receivedAt: ago(answerableForMs) }, now)).toEqual({ replay: true });
    expect(replayDecision({ kind: 'interaction', receivedAt: ago(answerableForMs + 60_000) }, now)).toEqual({
      replay: false,
      reason: 'received 31 minutes ago: its answer can no longer reach the person (response_url lives 30 minutes)',
    });
  });
});

describe('retryDelayMs', () => {
  it('waits 1 s, doubling, at most a minute', () => {
    expect([1, 2, 3, 6, 7, 12].map(retryDelayMs)).toEqual([1000, 2000, 4000, 32_000, 60_000, 60_000]);
  });
});
