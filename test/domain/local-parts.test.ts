// localParts reads a zone's offset per quarter hour instead of asking Intl for every instant:
// checked against Intl itself, in zones with half- and three-quarter-hour offsets, a half-hour
// DST (Lord Howe), a zone that changes its clocks for Ramadan (Casablanca), and at the minutes
// around each change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localParts } from '../../src/domain/calendar.js';

const zones = [
  'UTC',
  'America/New_York',
  'America/St_Johns',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Berlin',
  'Africa/Casablanca',
  'Asia/Tehran',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Eucla',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
];

/** What Intl says, formatted as localParts answers. */
function intlParts(t: number, timeZone: string) {
  const parts: Record<string, string> = {};
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  for (const p of f.formatToParts(new Date(t))) parts[p.type] = p.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** The instants in [from, to) where the zone's offset changes, to the minute. */
function changes(timeZone: string, from: number, to: number): number[] {
  const offset = (t: number) => {
    const { date, time } = intlParts(t, timeZone);
    return Date.parse(`${date}T${time}:00Z`) - Math.floor(t / 60_000) * 60_000;
  };
  const out: number[] = [];
  const step = 24 * 3600_000;
  for (let t = from; t < to; t += step) {
    if (offset(t) === offset(t + step)) continue;
    let lo = t;
    let hi = t + step;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offset(mid) === offset(lo)) lo = mid;
      else hi = mid;
    }
    out.push(hi);
  }
  return out;
}

describe('localParts', () => {
  it('agrees with Intl at random instants from 2000 to 2040, to the second', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        (zone, t) => {
          expect(localParts(new Date(t), zone)).toEqual(intlParts(t, zone));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('agrees with Intl in the minutes around every clock change of 2025–2027', () => {
    let checked = 0;
    for (const zone of zones) {
      for (const at of changes(zone, Date.UTC(2025, 0, 1), Date.UTC(2028, 0, 1))) {
        for (let d = -3 * 60_000; d <= 3 * 60_000; d += 30_000) {
          expect(localParts(new Date(at + d), zone), `${zone} ${new Date(at + d).toISOString()}`).toEqual(
            intlParts(at + d, zone),
          );
          checked++;
        }
      }
    }
    // New York, London, Berlin, São Paulo (none since 2019), Lord Howe, Chatham, St John's,
    // Casablanca: dozens of changes in three years.
    expect(checked).toBeGreaterThan(40 * 13);
  });
});
