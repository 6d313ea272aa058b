import { describe, expect, it } from 'vitest';
import { dateToSlackTs, zonedInstant } from '../../src/domain/calendar.js';
import { type PocNudgeFacts, planNudges } from '../../src/domain/nudge-plan.js';
import type { PriorNudge } from '../../src/domain/nudge-rules.js';
import type { Poc } from '../../src/domain/poc.js';
import { pocRow } from '../../testkit/fixtures.js';

const ny = 'America/New_York';
// Nov 2026: Mon 23 … Fri 27, Mon 30; Dec: Tue 1 … Fri 4. Standup time 09:30 in New York.
const at = (date: string, time: string) => zonedInstant(date, time, ny);
const tsAt = (date: string, time: string) => dateToSlackTs(zonedInstant(date, time, ny), 100);
const poc = (over: Partial<Poc> = {}): Poc => ({ id: 1, ...pocRow(), ...over });

/** One POC whose lead was last active on `lastTs`; five criteria, none decided; nothing else. */
const facts = (over: Partial<PocNudgeFacts> & { lastTs?: string } = {}): PocNudgeFacts => ({
  poc: poc(),
  holidays: new Set(),
  team: [{ userId: 'W0LEAD', role: 'lead', lastTs: over.lastTs, timeOff: [] }],
  history: [],
  lastEscalation: undefined,
  progress: { total: 5, decided: 2, undecided: 3 },
  scopeRequestCount: 0,
  changesAfterSignoff: [],
  standupsSinceLastAnswered: [],
  pendingPushback: [],
  extensionCount: 0,
  ...over,
});

const kinds = (f: PocNudgeFacts[], now: Date) => planNudges(f, now).nudges.map((n) => `${n.kind}→${n.recipientId}`);

describe('planNudges', () => {
  const wednesday = tsAt('2026-11-25', '11:00');

  it('nudges the SE at the silence threshold, from the standup time, on business days only', () => {
    expect(kinds([facts({ lastTs: wednesday })], at('2026-11-27', '09:29'))).toEqual([]); // before the standup time
    const plan = planNudges([facts({ lastTs: wednesday })], at('2026-11-27', '09:30')); // Fri: 2 business days quiet
    expect(plan.nudges).toHaveLength(1);
    expect(plan.nudges[0]).toMatchObject({
      kind: 'silence',
      recipientId: pocRow().seId,
      episode: wednesday,
      today: '2026-11-27',
      level: 1,
    });
    expect(plan.nudges[0]?.evidence).toMatchObject({
      type: 'silence',
      silence: { businessDaysQuiet: 2, decided: 2, total: 5 },
    });
    expect(kinds([facts({ lastTs: wednesday })], at('2026-11-28', '12:00'))).toEqual([]); // Saturday
  });

  it('escalates to the AE and the escalation channel at the escalation threshold', () => {
    const plan = planNudges([facts({ lastTs: wednesday })], at('2026-12-01', '10:00')); // Tue: 4 business days
    expect(plan.nudges.map((n) => `${n.kind}→${n.recipientId}`)).toEqual([
      `silence→${pocRow().seId}`,
      `escalation→${pocRow().aeId}`,
    ]);
    expect(plan.channelPosts).toHaveLength(1);
    expect(plan.channelPosts[0]).toMatchObject({
      kind: 'escalation',
      nudge: { recipientId: 'C0ESCAL', level: 2 },
      escalation: { businessDaysToEnd: 3, pocName: pocRow().name },
    });
  });

  it('admits against the history: once per episode, and snoozed kinds wait', () => {
    const sent: PriorNudge = {
      key: 'k',
      pocId: 1,
      kind: 'silence',
      episode: wednesday,
      recipientId: pocRow().seId,
      localDate: '2026-11-27',
      status: 'sent',
      outcome: null,
      snoozedUntil: null,
    };
    expect(kinds([facts({ lastTs: wednesday, history: [sent] })], at('2026-11-30', '10:00'))).toEqual([]);
    const snoozed: PriorNudge = { ...sent, episode: 'older', outcome: 'snoozed', snoozedUntil: '2026-12-01' };
    expect(kinds([facts({ lastTs: wednesday, history: [snoozed] })], at('2026-11-30', '10:00'))).toEqual([]);
  });

  it('says the team is back after an escalation that went out, at any hour; not for one still queued', () => {
    const back = tsAt('2026-12-01', '07:00');
    const escalated = { lastTs: back, lastEscalation: { episode: wednesday, wentOut: true } };
    const plan = planNudges([facts(escalated)], at('2026-12-01', '07:05')); // before the standup time
    expect(plan.nudges).toEqual([]);
    expect(plan.channelPosts).toMatchObject([
      {
        kind: 'evaluator_back',
        nudge: { recipientId: 'C0ESCAL', episode: wednesday },
        back: { userId: 'W0LEAD', role: 'lead', backOn: '2026-12-01' },
      },
    ]);
    expect(
      planNudges(
        [facts({ ...escalated, lastEscalation: { episode: wednesday, wentOut: false } })],
        at('2026-12-01', '07:05'),
      ).channelPosts,
    ).toEqual([]);
  });

  it('reads no facts beyond the silence on a day it does not nudge (the sweep hands getters over bulk reads)', () => {
    const f = facts({ lastTs: wednesday });
    Object.defineProperty(f, 'progress', {
      get() {
        throw new Error('progress read on a Saturday');
      },
    });
    expect(() => planNudges([f], at('2026-11-28', '12:00'))).not.toThrow();
  });

  it('never nudges a paused, closed or halted POC', () => {
    const now = at('2026-12-01', '10:00');
    expect(kinds([facts({ lastTs: wednesday, poc: poc({ pausedUntil: '2026-12-02' }) })], now)).toEqual([]);
    expect(
      kinds([facts({ lastTs: wednesday, poc: poc({ stage: 'won', closedAt: '2026-11-30T12:00:00.000Z' }) })], now),
    ).toEqual([]);
    expect(kinds([facts({ lastTs: wednesday, poc: poc({ jobsHaltedReason: 'channel archived' }) })], now)).toEqual([]);
  });

  it('tells an SE running more than two POCs on their newest, and plans POCs by stage then id', () => {
    const now = at('2026-11-30', '10:00');
    const active = (id: number) => facts({ lastTs: tsAt('2026-11-30', '09:00'), poc: poc({ id, name: `POC ${id}` }) });
    const readout = facts({
      lastTs: tsAt('2026-11-30', '09:00'),
      poc: poc({ id: 1, name: 'POC 1', stage: 'readout' }),
    });
    const plan = planNudges([active(7), readout, active(3)], now);
    expect(plan.nudges.map((n) => `${n.kind}:${n.poc.id}`)).toEqual(['se_overloaded:7']);
    expect(plan.nudges[0]?.episode).toBe('1+3+7');
    // Only two running: under the limit.
    expect(planNudges([active(7), active(3)], now).nudges).toEqual([]);
    // The POCs counted may be more than those planned: the overload lands on the newest when it is planned.
    expect(planNudges([active(7)], now, [active(7).poc, active(3).poc, readout.poc]).nudges.map((n) => n.kind)).toEqual(
      ['se_overloaded'],
    );
  });

  it('reports pending pushback once, with the signals it covers the pushback signals it reports', () => {
    const now = at('2026-11-30', '10:00');
    const lastTs = tsAt('2026-11-30', '09:00');
    const pendingPushback = [
      { id: 11, userId: 'W1', messageTs: tsAt('2026-11-27', '10:00'), detail: '"too much work"' },
      { id: 12, userId: 'W1', messageTs: lastTs, detail: '"we cannot do this"' },
    ];
    const plan = planNudges([facts({ lastTs, pendingPushback })], now);
    const push = plan.nudges.filter((n) => n.kind === 'pushback');
    expect(push.map((n) => [n.signalIds, n.episode])).toEqual([[[11, 12], lastTs]]);
    expect(planNudges([facts({ lastTs })], now).nudges.filter((n) => n.kind === 'pushback')).toEqual([]);
  });
});
