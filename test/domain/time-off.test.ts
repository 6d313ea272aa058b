import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../src/domain/calendar.js';
import { awayFromStatus, currentAndComing, statusSaysAway } from '../../src/domain/time-off.js';

const berlin = 'Europe/Berlin';
const at = (date: string, time: string) => zonedInstant(date, time, berlin);
const unix = (date: string, time: string) => Math.floor(at(date, time).getTime() / 1000);

describe('a Slack status that says its owner is away', () => {
  it('reads vacation emoji and words, not other statuses', () => {
    for (const s of [
      { text: '', emoji: ':palm_tree:' },
      { text: 'Vacationing', emoji: ':palm_tree:' },
      { text: 'Flying to Lisbon', emoji: ':airplane:' },
      { text: 'OOO until Monday', emoji: '' },
      { text: 'Out of office', emoji: ':calendar:' },
      { text: 'on vacation', emoji: '' },
      { text: 'Public holiday here', emoji: '' },
      { text: 'Out sick', emoji: ':face_with_thermometer:' },
    ]) {
      expect(statusSaysAway(s), JSON.stringify(s)).toBe(true);
    }
    for (const s of [
      { text: '', emoji: '' },
      { text: 'In a meeting', emoji: ':spiral_calendar_pad:' },
      { text: 'Working remotely', emoji: ':house_with_garden:' },
      { text: 'Back from vacation, catching up', emoji: '' },
      { text: 'Holidaying? no: back at work', emoji: '' },
    ]) {
      expect(statusSaysAway(s), JSON.stringify(s)).toBe(false);
    }
  });

  it('is away for today when it never expires, or through the day it expires (the day before when it ends in the morning)', () => {
    const now = at('2026-12-04', '10:00'); // a Friday
    expect(awayFromStatus({ text: 'Vacationing', emoji: ':palm_tree:', expiration: 0 }, now, berlin)).toEqual({
      from: '2026-12-04',
      to: '2026-12-04',
    });
    // Clears at midnight before Tuesday: away through Monday.
    expect(
      awayFromStatus({ text: '', emoji: ':palm_tree:', expiration: unix('2026-12-08', '00:00') }, now, berlin),
    ).toEqual({ from: '2026-12-04', to: '2026-12-07' });
    // Clears Tuesday at 18:00: Tuesday too.
    expect(awayFromStatus({ text: 'OOO', emoji: '', expiration: unix('2026-12-08', '18:00') }, now, berlin)).toEqual({
      from: '2026-12-04',
      to: '2026-12-08',
    });
    // Across a month end.
    expect(
      awayFromStatus(
        { text: 'OOO', emoji: '', expiration: unix('2027-01-04', '00:00') },
        at('2026-12-30', '09:00'),
        berlin,
      ),
    ).toEqual({ from: '2026-12-30', to: '2027-01-03' });
  });

  it('is not a day away when it clears before the end of today’s working day, or has expired', () => {
    const now = at('2026-12-04', '10:00');
    expect(
      awayFromStatus({ text: 'OOO until 2pm', emoji: '', expiration: unix('2026-12-04', '14:00') }, now, berlin),
    ).toBeUndefined();
    expect(
      awayFromStatus({ text: 'OOO', emoji: '', expiration: unix('2026-12-03', '18:00') }, now, berlin),
    ).toBeUndefined();
    expect(awayFromStatus({ text: 'In a meeting', emoji: '', expiration: 0 }, now, berlin)).toBeUndefined();
  });
});

describe('currentAndComing', () => {
  it('keeps what has not ended before today, soonest first', () => {
    const list = [
      { from: '2026-12-21', to: '2026-12-31' },
      { from: '2026-11-02', to: '2026-11-06' },
      { from: '2026-12-01', to: '2026-12-04' },
    ];
    expect(currentAndComing(list, '2026-12-04')).toEqual([list[2], list[0]]);
  });
});
