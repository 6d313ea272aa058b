import { describe, expect, it } from 'vitest';
import { dateToSlackTs, zonedInstant } from '../../src/domain/calendar.js';
import type { Holidays } from '../../src/domain/calendar.js';
import {
  type SilencePoc,
  spellOver,
  type TeamMemberFacts,
  type TeamRole,
  type TimeOff,
  teamSilence,
  whoIsActive,
} from '../../src/domain/silence.js';

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

/** A team of one, the lead, with no time off: what the single-evaluator checks below need. */
const silenceState = (p: SilencePoc, today: string, holidays: Holidays, lastTs: string | undefined) =>
  teamSilence(p, today, holidays, [{ userId: 'W0LEAD', role: 'lead', lastTs, timeOff: [] }]);

describe('teamSilence of a team of one', () => {
  it('counts Friday to Monday as one business day of silence, not three', () => {
    const s = silenceState(poc, '2026-11-30', none, tsAt('2026-11-27', '16:00'));
    expect(s.businessDaysQuiet).toBe(1);
    expect(s.level).toBe(0);
    expect(silenceState(poc, '2026-12-01', none, tsAt('2026-11-27', '16:00'))).toMatchObject({
      businessDaysQuiet: 2,
      level: 1,
    });
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
    expect(silenceState(poc, '2026-11-27', none, late)).toMatchObject({
      quietSince: '2026-11-25',
      businessDaysQuiet: 2,
    });
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
    expect(silenceState(signedLate, '2026-11-27', none, tsAt('2026-11-23', '10:00'))).toMatchObject({
      quietSince: '2026-11-26',
      businessDaysQuiet: 1,
    });
  });

  it('never escalates a paused POC, and restarts the count when the pause is over', () => {
    const last = tsAt('2026-11-23', '10:00');
    const paused = { ...poc, pausedUntil: '2026-12-02' };
    expect(silenceState(paused, '2026-12-01', none, last)).toMatchObject({ paused: true, level: 0 });
    expect(silenceState(paused, '2026-12-02', none, last)).toMatchObject({ paused: true, level: 0 });
    expect(silenceState(paused, '2026-12-03', none, last)).toMatchObject({
      paused: false,
      businessDaysQuiet: 1,
      level: 0,
    });
  });

  it('watches only signed-off or active POCs that have started', () => {
    const last = tsAt('2026-11-23', '10:00');
    expect(silenceState({ ...poc, stage: 'readout' }, '2026-12-03', none, last).level).toBe(0);
    expect(silenceState({ ...poc, stage: 'awaiting_signoff' }, '2026-12-03', none, last).level).toBe(0);
    const future = {
      ...poc,
      stage: 'signed_off' as const,
      startDate: '2026-12-07',
      signedOffAt: '2026-11-23T14:00:00.000Z',
    };
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

describe('teamSilence', () => {
  // Dec 2026: Mon 7 … Fri 11, Mon 14 … Fri 18.
  const dec: SilencePoc = { ...poc, startDate: '2026-12-07', signedOffAt: '2026-12-07T14:00:00.000Z' };
  const member = (
    userId: string,
    role: TeamRole,
    lastTs: string | undefined,
    timeOff: TimeOff[] = [],
  ): TeamMemberFacts => ({ userId, role, lastTs, timeOff });

  it('is quiet only when nobody on the team has been active: a second evaluator answering keeps it at level 0', () => {
    const lead = member('UDANA', 'lead', tsAt('2026-12-07', '10:00'));
    const tester = member('UBOB', 'evaluator', tsAt('2026-12-14', '09:45'));
    const s = teamSilence(dec, '2026-12-14', none, [lead, tester]);
    expect(s).toMatchObject({ level: 0, businessDaysQuiet: 0, spell: tester.lastTs, lastActive: { userId: 'UBOB' } });
    // The lead alone has been quiet 5 business days: one lower-key note, never an escalation.
    expect(s.leadQuiet).toMatchObject({ userId: 'UDANA', businessDaysQuiet: 5 });
    expect(whoIsActive(s, dec.silenceNudgeDays)).toMatchObject({
      active: [{ userId: 'UBOB' }],
      quiet: [{ userId: 'UDANA' }],
      away: [],
    });
  });

  it('counts the team from its most recent activity, by anyone on it (the champion too)', () => {
    const lead = member('UDANA', 'lead', tsAt('2026-12-07', '10:00'));
    const champion = member('UCHAMP', 'champion', tsAt('2026-12-09', '16:00'));
    const s = teamSilence(dec, '2026-12-15', none, [lead, champion]);
    // Wed 9 → Tue 15: Thu, Fri, Mon, Tue.
    expect(s).toMatchObject({ level: 2, businessDaysQuiet: 4, quietSince: '2026-12-09', spell: champion.lastTs });
    expect(s.leadQuiet).toBeUndefined();
  });

  it('does not count someone away as quiet, and gives them a fresh count from their first business day back', () => {
    const vacation = { from: '2026-12-09', to: '2026-12-15' }; // Wed → Tue
    const lead = member('UDANA', 'lead', tsAt('2026-12-08', '10:00'), [vacation]);
    for (const day of ['2026-12-09', '2026-12-11', '2026-12-14', '2026-12-15']) {
      const s = teamSilence(dec, day, none, [lead]);
      expect(s).toMatchObject({ level: 0, everyoneAway: true });
      expect(s.members[0]?.away).toEqual(vacation);
    }
    // Wed 16, the first morning back: a fresh count, nothing fires.
    expect(teamSilence(dec, '2026-12-16', none, [lead])).toMatchObject({
      level: 0,
      businessDaysQuiet: 0,
      quietSince: '2026-12-16',
    });
    expect(teamSilence(dec, '2026-12-18', none, [lead])).toMatchObject({ level: 1, businessDaysQuiet: 2 });
  });

  it('counts the others present while one evaluator is away', () => {
    const lead = member('UDANA', 'lead', tsAt('2026-12-07', '10:00'), [{ from: '2026-12-08', to: '2026-12-31' }]);
    const tester = member('UBOB', 'evaluator', tsAt('2026-12-08', '10:00'));
    const s = teamSilence(dec, '2026-12-14', none, [lead, tester]);
    expect(s).toMatchObject({ level: 2, businessDaysQuiet: 4, everyoneAway: false });
    expect(whoIsActive(s, 2).away.map((m) => m.userId)).toEqual(['UDANA']);
  });

  it("skips the customer side's holidays in the count", () => {
    const lead = member('UDANA', 'lead', tsAt('2026-12-23', '10:00'));
    const december = { ...dec, startDate: '2026-12-01' };
    const germany = new Set(['2026-12-24', '2026-12-25', '2026-12-26']);
    // Wed 23 → Mon 28: Thu 24 and Fri 25 are holidays, so Mon 28 is the first quiet day.
    expect(teamSilence(december, '2026-12-28', germany, [lead])).toMatchObject({ businessDaysQuiet: 1, level: 0 });
    expect(teamSilence(december, '2026-12-28', none, [lead])).toMatchObject({ businessDaysQuiet: 3, level: 1 });
  });

  it('carries a count over a month end and a DST change', () => {
    const octPoc = { ...poc, startDate: '2026-10-26', signedOffAt: '2026-10-26T14:00:00.000Z' };
    // Fri Oct 30 (EDT) → Tue Nov 3 (EST, DST ended Sun Nov 1): Mon and Tue.
    const lead = member('UDANA', 'lead', tsAt('2026-10-30', '23:30'));
    expect(teamSilence(octPoc, '2026-11-03', none, [lead])).toMatchObject({
      quietSince: '2026-10-30',
      businessDaysQuiet: 2,
      level: 1,
    });
  });

  it('stops the count while every evaluator is away, even with a champion who never writes in the channel', () => {
    const vacation = { from: '2026-12-09', to: '2026-12-15' };
    const lead = member('UDANA', 'lead', tsAt('2026-12-08', '10:00'), [vacation]);
    const champion = member('UCHAMP', 'champion', undefined);
    const buyer = member('UBUYER', 'economic_buyer', undefined);
    for (const day of ['2026-12-09', '2026-12-14', '2026-12-15']) {
      expect(teamSilence(dec, day, none, [lead, champion, buyer])).toMatchObject({
        level: 0,
        evaluatorsAway: true,
        everyoneAway: false,
      });
    }
    // Back on Wed 16: the lead's fresh count is the team's (the champion's long one does not win).
    expect(teamSilence(dec, '2026-12-16', none, [lead, champion, buyer])).toMatchObject({
      level: 0,
      businessDaysQuiet: 0,
      evaluatorsAway: false,
    });
    // Without the time off the same team is escalated: the count is real.
    expect(teamSilence(dec, '2026-12-14', none, [{ ...lead, timeOff: [] }, champion, buyer]).level).toBe(2);
  });

  it('watches nothing while paused, and nothing when the whole team is away', () => {
    const lead = member('UDANA', 'lead', undefined);
    expect(teamSilence({ ...dec, pausedUntil: '2026-12-18' }, '2026-12-17', none, [lead])).toMatchObject({
      paused: true,
      level: 0,
    });
    expect(teamSilence(dec, '2026-12-17', none, [lead]).level).toBe(2);
  });
});
