import { describe, expect, it } from 'vitest';
import { dateToSlackTs, zonedInstant } from '../../src/domain/calendar.js';
import { type SilencePoc, silenceState, spellOver } from '../../src/domain/silence.js';

const ny = 'America/New_York';
// Nov 2026: Mon 23 … Fri 27, Mon 30; Dec: Tue 1 … Fri 4.
const poc: SilencePoc = {
  stage: 'active',
  startDate: '2026-11-23',
  signedOffAt: '2026-11-23T14:00:00.000Z',
  pausedUntil: null,
  timeZone: ny,
  silenceNudgeDays: 2,
  silenceEscalateDays: 4,
};
const none = new Set<string>();
const tsAt = (date: string, time: string, zone = ny) => dateToSlackTs(zonedInstant(date, time, zone), 100);

describe('silenceState', () => {
  it('counts Friday to Monday as one business day of silence, not three', () => {
    const s = silenceState(poc, '2026-11-30', none, tsAt('2026-11-27', '16:00'));
    expect(s.businessDaysQuiet).toBe(1);
    expect(s.level).toBe(0);
    expect(silenceState(poc, '2026-12-01', none, tsAt('2026-11-27', '16:00'))).toMatchObject({ businessDaysQuiet: 2, level: 1 });
  });

  it('reaches level 1 at the nudge threshold and level 2 at the escalation threshold', () => {
    const last = tsAt('2026-11-25', '11:00'); // Wednesday
    expect(silenceState(poc, '2026-11-26', none, last).level).toBe(0); // Thu: 1
    expect(silenceState(poc, '2026-11-27', none, last).level).toBe(1); // Fri: 2
    expect(silenceState(poc, '2026-11-30', none, last).level).toBe(1); // Mon: 3
    expect(silenceState(poc, '2026-12-01', none, last)).toMatchObject({ level: 2, businessDaysQuiet: 4, spell: last }); // Tue: 4
  });

  it('uses per-POC thresholds', () => {
    const last = tsAt('2026-11-25', '11:00');
    const strict = { ...poc, silenceNudgeDays: 1, silenceEscalateDays: 2 };
    expect(silenceState(strict, '2026-11-26', none, last).level).toBe(1);
    expect(silenceState(strict, '2026-11-27', none, last).level).toBe(2);
  });

  it('skips declared days off', () => {
    const last = tsAt('2026-11-25', '11:00');
    const thanksgiving = new Set(['2026-11-26', '2026-11-27']);
    expect(silenceState(poc, '2026-11-30', thanksgiving, last)).toMatchObject({ businessDaysQuiet: 1, level: 0 });
  });

  it('puts an activity on its local day in the POC zone, not in UTC', () => {
    // 22:30 in New York on Wednesday is already Thursday in UTC.
    const late = tsAt('2026-11-25', '22:30');
    expect(silenceState(poc, '2026-11-27', none, late)).toMatchObject({ quietSince: '2026-11-25', businessDaysQuiet: 2 });
    // The same instant in Tokyo is Thursday morning.
    const tokyo = silenceState({ ...poc, timeZone: 'Asia/Tokyo' }, '2026-11-27', none, late);
    expect(tokyo).toMatchObject({ quietSince: '2026-11-26', businessDaysQuiet: 1 });
  });

  it('counts from the start date when the evaluator has never been active', () => {
    const s = silenceState(poc, '2026-11-25', none, undefined);
    expect(s).toMatchObject({ spell: 'none', quietSince: '2026-11-23', businessDaysQuiet: 2, level: 1 });
  });

  it('counts from the sign-off when it is later than the last activity', () => {
    const signedLate = { ...poc, signedOffAt: '2026-11-26T15:00:00.000Z' };
    expect(silenceState(signedLate, '2026-11-27', none, tsAt('2026-11-23', '10:00'))).toMatchObject({ quietSince: '2026-11-26', businessDaysQuiet: 1 });
  });

  it('never escalates a paused POC, and restarts the count when the pause is over', () => {
    const last = tsAt('2026-11-23', '10:00');
    const paused = { ...poc, pausedUntil: '2026-12-02' };
    expect(silenceState(paused, '2026-12-01', none, last)).toMatchObject({ paused: true, level: 0 });
    expect(silenceState(paused, '2026-12-02', none, last)).toMatchObject({ paused: true, level: 0 });
    expect(silenceState(paused, '2026-12-03', none, last)).toMatchObject({ paused: false, businessDaysQuiet: 1, level: 0 });
  });

  it('watches only signed-off or active POCs that have started', () => {
    const last = tsAt('2026-11-23', '10:00');
    expect(silenceState({ ...poc, stage: 'readout' }, '2026-12-03', none, last).level).toBe(0);
    expect(silenceState({ ...poc, stage: 'awaiting_signoff' }, '2026-12-03', none, last).level).toBe(0);
    const future = { ...poc, stage: 'signed_off' as const, startDate: '2026-12-07', signedOffAt: '2026-11-23T14:00:00.000Z' };
    expect(silenceState(future, '2026-12-03', none, undefined)).toMatchObject({ watched: false, level: 0 });
  });
});

describe('spellOver', () => {
  it('is over once the evaluator did anything after the activity the spell was named after', () => {
    expect(spellOver('1795000000.000100', '1795000000.000100')).toBe(false);
    expect(spellOver('1795000000.000100', '1795090000.000200')).toBe(true);
    // A spell before any activity at all ends with the first one.
    expect(spellOver('none', undefined)).toBe(false);
    expect(spellOver('none', '1795090000.000200')).toBe(true);
  });
});
