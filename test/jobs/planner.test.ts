import { describe, expect, it } from 'vitest';
import type { Poc } from '../../src/domain/poc.js';
import {
  type DueItem,
  due,
  dueFor,
  effectiveStage,
  isPaused,
  type PocCalendar,
  stageTransition,
  stillDue,
  weekAgenda,
} from '../../src/jobs/planner.js';
import { people, pocRow } from '../../testkit/fixtures.js';
import type { NewPoc } from '../../src/store/pocs.js';

function cal(overrides: Partial<NewPoc> = {}, holidays: string[] = [], id = 7): PocCalendar {
  const poc: Poc = { id, ...pocRow(overrides) };
  return { poc, holidays: new Set(holidays) };
}

const at = (iso: string) => new Date(iso);
const keys = (items: DueItem[]) => items.map((i) => i.key);

/** Every distinct item the planner returns over a span, ticking every `stepMin` minutes, with the first instant it was due. */
function sweep(
  c: PocCalendar,
  fromIso: string,
  toIso: string,
  stepMin = 15,
): Map<string, { item: DueItem; firstSeen: string }> {
  const seen = new Map<string, { item: DueItem; firstSeen: string }>();
  for (let t = at(fromIso).getTime(); t <= at(toIso).getTime(); t += stepMin * 60_000) {
    for (const item of dueFor(c, new Date(t))) {
      if (!seen.has(item.key)) seen.set(item.key, { item, firstSeen: new Date(t).toISOString() });
    }
  }
  return seen;
}

describe('planner: America/Los_Angeles (UTC-8 in November)', () => {
  const la = cal({
    timeZone: 'America/Los_Angeles',
    standupTime: '09:30',
    startDate: '2026-11-23',
    endDate: '2026-12-04',
    readoutDate: '2026-12-07',
  });

  it('posts the standup at 09:30 local and not a minute before', () => {
    expect(dueFor(la, at('2026-11-23T17:29:00Z'))).toEqual([]);
    const items = dueFor(la, at('2026-11-23T17:30:00Z'));
    expect(items).toEqual([
      {
        key: 'standup:7:2026-11-23',
        kind: 'standup',
        pocId: 7,
        localDate: '2026-11-23',
        target: 'C0ACME',
        dueAt: at('2026-11-23T17:30:00.000Z'),
        expiresAt: at('2026-11-24T08:00:00.000Z'),
      },
    ]);
  });

  it('catches up late the same local day, but never once the local day is over', () => {
    // 23:59 on Monday in Los Angeles is already Tuesday in UTC: still Monday's standup.
    expect(keys(dueFor(la, at('2026-11-24T07:59:00Z')))).toEqual(['standup:7:2026-11-23']);
    // Midnight in Los Angeles: Monday is over, and Tuesday's standup is not due until 09:30.
    expect(dueFor(la, at('2026-11-24T08:00:00Z'))).toEqual([]);
    // Back after three days of downtime, on Thursday afternoon: only Thursday's standup.
    expect(keys(dueFor(la, at('2026-11-26T23:00:00Z')))).toEqual(['standup:7:2026-11-26']);
  });

  it('skips weekends', () => {
    expect(dueFor(la, at('2026-11-28T20:00:00Z'))).toEqual([]); // Saturday noon
    expect(dueFor(la, at('2026-11-29T20:00:00Z'))).toEqual([]); // Sunday noon
  });

  it('over the whole POC: 10 standups, checkpoints on the Friday after the start, reminders at 09:30 local; readout DMs from the start of the day (each waits for its recipient’s hours)', () => {
    const seen = sweep(la, '2026-11-20T00:00:00Z', '2026-12-10T00:00:00Z');
    const standups = [...seen.values()].filter((s) => s.item.kind === 'standup');
    expect(standups.map((s) => s.item.localDate)).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
    ]);
    for (const s of standups) expect(s.firstSeen).toBe(`${s.item.localDate}T17:30:00.000Z`);
    const others = [...seen.values()].filter((s) => s.item.kind !== 'standup').map((s) => [s.item.key, s.firstSeen]);
    expect(others).toEqual([
      ['checkpoint:7:2026-11-27', '2026-11-27T17:30:00.000Z'],
      ['reminder:end-soon:7:2026-12-02', '2026-12-02T17:30:00.000Z'],
      ['checkpoint:7:2026-12-04', '2026-12-04T17:30:00.000Z'],
      ['reminder:end:7:2026-12-04', '2026-12-04T17:30:00.000Z'],
      [`reminder:readout:7:2026-12-07:${people.se}`, '2026-12-07T08:00:00.000Z'],
      [`reminder:readout:7:2026-12-07:${people.ae}`, '2026-12-07T08:00:00.000Z'],
    ]);
    const dm = seen.get(`reminder:readout:7:2026-12-07:${people.ae}`)?.item;
    expect(dm?.target).toBe(people.ae);
  });
});

describe('planner: zones ahead of UTC', () => {
  it('Asia/Kolkata (UTC+5:30): 10:00 local is 04:30 UTC', () => {
    const c = cal({ timeZone: 'Asia/Kolkata', standupTime: '10:00' });
    expect(dueFor(c, at('2026-11-23T04:29:00Z'))).toEqual([]);
    expect(keys(dueFor(c, at('2026-11-23T04:30:00Z')))).toEqual(['standup:7:2026-11-23']);
    // 18:29 UTC is 23:59 in Kolkata; 18:30 UTC is already the next local day.
    expect(keys(dueFor(c, at('2026-11-23T18:29:00Z')))).toEqual(['standup:7:2026-11-23']);
    expect(dueFor(c, at('2026-11-23T18:30:00Z'))).toEqual([]);
  });

  it("Pacific/Auckland (UTC+13 in summer): Monday 09:00 local is Sunday 20:00 UTC; Friday's checkpoint comes on Thursday UTC", () => {
    const c = cal({ timeZone: 'Pacific/Auckland', standupTime: '09:00' });
    expect(keys(dueFor(c, at('2026-11-22T20:00:00Z')))).toEqual(['standup:7:2026-11-23']);
    expect(dueFor(c, at('2026-11-22T19:59:00Z'))).toEqual([]);
    expect(keys(dueFor(c, at('2026-11-26T20:00:00Z')))).toEqual(['standup:7:2026-11-27', 'checkpoint:7:2026-11-27']);
    // Saturday in Auckland while it is still Friday in UTC: nothing.
    expect(dueFor(c, at('2026-11-27T22:00:00Z'))).toEqual([]);
  });
});

describe('planner: DST change weeks keep the local standup time', () => {
  it('US fall back on 2026-11-01: 09:00 PDT is 16:00 UTC on Friday, 09:00 PST is 17:00 UTC on Monday', () => {
    const c = cal({
      timeZone: 'America/Los_Angeles',
      standupTime: '09:00',
      startDate: '2026-10-26',
      endDate: '2026-11-06',
      readoutDate: '2026-11-09',
      checkpointWeekday: 3,
    });
    expect(keys(dueFor(c, at('2026-10-30T16:00:00Z')))).toEqual(['standup:7:2026-10-30']);
    expect(dueFor(c, at('2026-11-02T16:00:00Z'))).toEqual([]);
    expect(keys(dueFor(c, at('2026-11-02T17:00:00Z')))).toEqual(['standup:7:2026-11-02']);
    const seen = sweep(c, '2026-10-25T00:00:00Z', '2026-11-08T00:00:00Z');
    const times = [...seen.values()].filter((s) => s.item.kind === 'standup').map((s) => s.firstSeen.slice(11, 16));
    expect(times).toEqual(['16:00', '16:00', '16:00', '16:00', '16:00', '17:00', '17:00', '17:00', '17:00', '17:00']);
  });

  it('NZ spring forward on 2026-09-27 (UTC+12 → +13) and fall back on 2027-04-04 (UTC+13 → +12)', () => {
    const spring = cal({
      timeZone: 'Pacific/Auckland',
      standupTime: '09:00',
      startDate: '2026-09-21',
      endDate: '2026-10-02',
      readoutDate: '2026-10-05',
    });
    expect(keys(dueFor(spring, at('2026-09-24T21:00:00Z')))).toEqual([
      'standup:7:2026-09-25',
      'checkpoint:7:2026-09-25',
    ]);
    expect(keys(dueFor(spring, at('2026-09-27T20:00:00Z')))).toEqual(['standup:7:2026-09-28']);
    expect(dueFor(spring, at('2026-09-27T19:59:00Z'))).toEqual([]);
    const autumn = cal({
      timeZone: 'Pacific/Auckland',
      standupTime: '09:00',
      startDate: '2027-03-29',
      endDate: '2027-04-09',
      readoutDate: '2027-04-12',
    });
    expect(keys(dueFor(autumn, at('2027-04-01T20:00:00Z')))).toEqual([
      'standup:7:2027-04-02',
      'checkpoint:7:2027-04-02',
    ]);
    expect(dueFor(autumn, at('2027-04-04T20:00:00Z'))).toEqual([]);
    expect(keys(dueFor(autumn, at('2027-04-04T21:00:00Z')))).toEqual(['standup:7:2027-04-05']);
  });
});

describe('planner: start, end, stages', () => {
  const ny = (o: Partial<NewPoc> = {}) => cal({ timeZone: 'America/New_York', standupTime: '09:30', ...o });

  it('a signed-off POC starts on its start date; nothing before it, and no checkpoint on the start day itself', () => {
    const c = ny({ stage: 'signed_off', startDate: '2026-11-27', endDate: '2026-12-11', readoutDate: '2026-12-14' }); // starts on a Friday
    expect(dueFor(c, at('2026-11-26T15:00:00Z'))).toEqual([]);
    expect(keys(dueFor(c, at('2026-11-27T14:30:00Z')))).toEqual(['standup:7:2026-11-27']);
    expect(effectiveStage(c.poc, '2026-11-26')).toBe('signed_off');
    expect(stageTransition(c.poc, at('2026-11-27T05:00:00Z'))).toEqual({ from: 'signed_off', to: 'active' });
    expect(stageTransition(c.poc, at('2026-11-27T04:59:00Z'))).toBeUndefined(); // still the 26th in New York
  });

  it('moves active to readout the day after the end date, and nothing but the readout DMs after that', () => {
    const c = ny();
    expect(stageTransition(c.poc, at('2026-12-05T04:59:00Z'))).toBeUndefined();
    expect(stageTransition(c.poc, at('2026-12-05T05:00:00Z'))).toEqual({ from: 'active', to: 'readout' });
    const readout = { ...c, poc: { ...c.poc, stage: 'readout' as const } };
    expect(stageTransition(readout.poc, at('2026-12-06T05:00:00Z'))).toBeUndefined();
    expect(dueFor(readout, at('2026-12-08T15:00:00Z'))).toEqual([]);
    expect(keys(dueFor(readout, at('2026-12-07T14:30:00Z')))).toEqual([
      `reminder:readout:7:2026-12-07:${people.se}`,
      `reminder:readout:7:2026-12-07:${people.ae}`,
    ]);
  });

  it('sends one readout DM when the SE is also the AE', () => {
    const c = ny({ stage: 'readout', aeId: people.se });
    expect(keys(dueFor(c, at('2026-12-07T15:00:00Z')))).toEqual([`reminder:readout:7:2026-12-07:${people.se}`]);
  });

  it('plans nothing for POCs not signed off, closed, or whose jobs are halted', () => {
    const noon = at('2026-11-24T17:00:00Z');
    expect(dueFor(ny({ stage: 'awaiting_signoff' }), noon)).toEqual([]);
    expect(dueFor(ny({ stage: 'draft' }), noon)).toEqual([]);
    expect(dueFor(ny({ stage: 'won', closedAt: '2026-11-24T12:00:00Z' }), noon)).toEqual([]);
    expect(dueFor(ny({ jobsHaltedReason: 'channel C0ACME is archived' }), noon)).toEqual([]);
    expect(keys(dueFor(ny(), noon))).toEqual(['standup:7:2026-11-24']);
  });
});

describe('planner: days off and pauses', () => {
  const ny = (o: Partial<NewPoc> = {}, h: string[] = []) =>
    cal({ timeZone: 'America/New_York', standupTime: '09:30', ...o }, h);

  it('skips declared holidays for standups and checkpoints, and counts them out of the end-soon reminder', () => {
    const c = ny({}, ['2026-11-26', '2026-11-27', '2026-12-03']);
    expect(dueFor(c, at('2026-11-26T16:00:00Z'))).toEqual([]);
    expect(dueFor(c, at('2026-11-27T16:00:00Z'))).toEqual([]); // a Friday: no checkpoint either
    const seen = sweep(c, '2026-11-22T00:00:00Z', '2026-12-06T00:00:00Z');
    expect([...seen.keys()].filter((k) => k.startsWith('standup')).length).toBe(7);
    // Two business days before Fri Dec 4, with Thu Dec 3 off, is Tue Dec 1.
    expect([...seen.keys()].filter((k) => k.startsWith('reminder'))).toEqual([
      'reminder:end-soon:7:2026-12-01',
      'reminder:end:7:2026-12-04',
    ]);
  });

  it('moves the end-date reminder, and the checkpoint of that Friday, to the last business day when the end date is a day off', () => {
    const c = ny({}, ['2026-12-04']);
    expect(keys(dueFor(c, at('2026-12-03T15:00:00Z')))).toEqual([
      'standup:7:2026-12-03',
      'checkpoint:7:2026-12-03',
      'reminder:end:7:2026-12-03',
    ]);
    expect(dueFor(c, at('2026-12-04T15:00:00Z'))).toEqual([]);
  });

  it('sends the readout-day DMs on the last business day before the readout date when that date is a day off', () => {
    const c = ny({ stage: 'readout' }, ['2026-12-07']);
    expect(dueFor(c, at('2026-12-07T15:00:00Z'))).toEqual([]);
    expect(keys(dueFor(c, at('2026-12-04T15:00:00Z')))).toEqual([
      `reminder:readout:7:2026-12-04:${people.se}`,
      `reminder:readout:7:2026-12-04:${people.ae}`,
    ]);
  });

  it('a paused POC gets nothing through its pausedUntil date, and resumes the day after', () => {
    const c = ny({ pausedUntil: '2026-11-27', pauseReason: 'customer holiday' });
    expect(isPaused(c.poc, '2026-11-27')).toBe(true);
    expect(isPaused(c.poc, '2026-11-30')).toBe(false);
    expect(dueFor(c, at('2026-11-24T15:00:00Z'))).toEqual([]);
    expect(dueFor(c, at('2026-11-27T15:00:00Z'))).toEqual([]);
    expect(keys(dueFor(c, at('2026-11-30T15:00:00Z')))).toEqual(['standup:7:2026-11-30']);
  });

  it('due() covers many POCs, each in its own zone', () => {
    const ny1 = ny({}, []);
    const akl = cal({ timeZone: 'Pacific/Auckland', standupTime: '09:00', channelId: 'C0AKL' }, [], 8);
    const items = due([ny1, akl], at('2026-11-23T20:00:00Z'));
    expect(keys(items)).toEqual(['standup:7:2026-11-23', 'standup:8:2026-11-24']);
  });
});

describe('stillDue: a planned post asked again when its turn to be sent comes', () => {
  const ny = (o: Partial<NewPoc> = {}, h: string[] = []) =>
    cal({ timeZone: 'America/New_York', standupTime: '09:30', ...o }, h);
  const tuesday = 'standup:7:2026-11-24';
  const late = at('2026-11-24T15:10:00Z'); // 10:10 in New York, 40 minutes after it was planned

  it('sends what the calendar still plans, late the same day included', () => {
    expect(stillDue(ny(), tuesday, late)).toEqual({ send: true });
    expect(stillDue(ny(), 'reminder:end:7:2026-12-04', at('2026-12-04T20:00:00Z'))).toEqual({ send: true });
  });

  it('holds back a post of a POC paused, given the day off, closed or halted since it was planned, saying why', () => {
    expect(stillDue(ny({ pausedUntil: '2026-11-25' }), tuesday, late)).toEqual({
      send: false,
      reason: 'the POC is paused through 2026-11-25',
    });
    expect(stillDue(ny({}, ['2026-11-24']), tuesday, late)).toEqual({ send: false, reason: '2026-11-24 is a day off' });
    expect(stillDue(ny({ stage: 'lost', closedAt: '2026-11-24T15:00:00Z' }), tuesday, late)).toEqual({
      send: false,
      reason: 'the POC is closed',
    });
    expect(stillDue(ny({ jobsHaltedReason: 'channel C0ACME is archived' }), tuesday, late)).toMatchObject({
      send: false,
      reason: expect.stringContaining('archived'),
    });
  });

  it('holds back a reminder or checkpoint whose date moved: the end date extended, the checkpoint weekday changed', () => {
    const endDay = at('2026-12-04T20:00:00Z');
    expect(
      stillDue(ny({ endDate: '2026-12-11', readoutDate: '2026-12-14' }), 'reminder:end:7:2026-12-04', endDay),
    ).toEqual({
      send: false,
      reason: 'no longer due today: the schedule changed since it was planned',
    });
    const friday = at('2026-11-27T15:00:00Z');
    expect(stillDue(ny(), 'checkpoint:7:2026-11-27', friday)).toEqual({ send: true });
    expect(stillDue(ny({ checkpointWeekday: 4 }), 'checkpoint:7:2026-11-27', friday)).toMatchObject({ send: false });
  });

  it('holds back a channel post that reaches the customer on a day off of theirs, their date being the next one', () => {
    // A Los Angeles POC whose 15:00 standup fits a Sydney evaluator's morning: 10:00 the next day.
    const sydneyDays = ['2026-12-25', '2026-12-26', '2026-12-28', '2027-01-01', '2027-01-05'];
    const la = (customerZone?: string | null) => ({
      ...cal(
        {
          timeZone: 'America/Los_Angeles',
          standupTime: '15:00',
          checkpointWeekday: 4,
          startDate: '2026-12-14',
          endDate: '2026-12-31',
          readoutDate: '2027-01-04',
        },
        sydneyDays,
      ),
      customerZone,
    });
    const thursday = at('2026-12-24T23:10:00Z'); // 15:10 on Thu Dec 24 in LA, 10:10 on Christmas Day in Sydney
    expect(stillDue(la('Australia/Sydney'), 'standup:7:2026-12-24', thursday)).toEqual({
      send: false,
      reason: 'it is 2026-12-25 for the customer (Australia/Sydney), a day off on their side',
    });
    expect(stillDue(la('Australia/Sydney'), 'checkpoint:7:2026-12-24', thursday)).toMatchObject({ send: false });
    // The day before is a working day in both places; without a known zone, the POC's date alone decides.
    expect(stillDue(la('Australia/Sydney'), 'standup:7:2026-12-23', at('2026-12-23T23:10:00Z'))).toEqual({
      send: true,
    });
    expect(stillDue(la(null), 'standup:7:2026-12-24', thursday)).toEqual({ send: true });
    expect(stillDue(la('Not/AZone'), 'standup:7:2026-12-24', thursday)).toEqual({ send: true });
    // A DM to the SE follows the SE's side, not the customer's.
    expect(
      stillDue(la('Australia/Sydney'), `reminder:readout:7:2027-01-04:${people.se}`, at('2027-01-04T23:10:00Z')),
    ).toEqual({ send: true });
  });

  it('when the standup time moved later the same day, the post waits for the new time', () => {
    expect(stillDue(ny({ standupTime: '11:00' }), tuesday, late)).toEqual({
      send: false,
      reason: 'the standup time is now 11:00',
      notBefore: at('2026-11-24T16:00:00Z'),
    });
    expect(stillDue(ny({ standupTime: '11:00' }), tuesday, at('2026-11-24T16:00:00Z'))).toEqual({ send: true });
  });
});

describe('weekAgenda', () => {
  it('lists the checkpoint, end-soon, end and readout days left in the week', () => {
    const c = cal({ timeZone: 'America/New_York' });
    expect(weekAgenda(c.poc, '2026-11-24', c.holidays)).toEqual([{ date: '2026-11-27', what: 'checkpoint' }]);
    expect(weekAgenda(c.poc, '2026-11-30', c.holidays)).toEqual([
      { date: '2026-12-02', what: 'end_soon' },
      { date: '2026-12-04', what: 'checkpoint' },
      { date: '2026-12-04', what: 'end' },
    ]);
  });
});
