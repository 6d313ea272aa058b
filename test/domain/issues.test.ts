import { describe, expect, it } from 'vitest';
import { businessDaysOpen, isStaleBlocker } from '../../src/domain/issues.js';

const zone = 'America/New_York';
// Opened Friday Nov 20 at 19:00 New York (00:00 UTC Saturday): a Friday in the POC's zone.
const blocker = { openedAt: '2026-11-21T00:00:00.000Z', severity: 'blocker' as const, resolvedAt: null };

describe('stale blockers', () => {
  it('counts business days in the POC zone, skipping weekends and holidays', () => {
    expect(businessDaysOpen(blocker, '2026-11-24', zone, new Set())).toBe(2);
    expect(businessDaysOpen(blocker, '2026-11-25', zone, new Set())).toBe(3);
    expect(businessDaysOpen(blocker, '2026-11-25', zone, new Set(['2026-11-23']))).toBe(2);
  });

  it('flags an open blocker only after more than 2 business days', () => {
    expect(isStaleBlocker(blocker, '2026-11-24', zone, new Set())).toBe(false);
    expect(isStaleBlocker(blocker, '2026-11-25', zone, new Set())).toBe(true);
    expect(isStaleBlocker({ ...blocker, resolvedAt: '2026-11-24T10:00:00Z' }, '2026-11-25', zone, new Set())).toBe(
      false,
    );
    expect(isStaleBlocker({ ...blocker, severity: 'limitation' }, '2026-11-25', zone, new Set())).toBe(false);
    expect(isStaleBlocker(blocker, '2026-11-26', zone, new Set(['2026-11-23', '2026-11-24']))).toBe(false);
    expect(isStaleBlocker(blocker, '2026-11-27', zone, new Set(['2026-11-23', '2026-11-24']))).toBe(true);
  });
});
