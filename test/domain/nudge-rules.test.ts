import { describe, expect, it } from 'vitest';
import { admit, applyBudget, moveOf, moveText, nudgeKinds, type PriorNudge } from '../../src/domain/nudge-rules.js';

const target = { pocId: 1, kind: 'pace_behind', episode: '2026-12-04', recipientId: 'U0SE' };
const prior = (over: Partial<PriorNudge>): PriorNudge => ({
  key: 'k',
  pocId: 1,
  kind: 'pace_behind',
  episode: '2026-12-04',
  recipientId: 'U0SE',
  localDate: '2026-11-30',
  status: 'sent',
  outcome: null,
  snoozedUntil: null,
  ...over,
});

describe('admit', () => {
  it('admits a first nudge under its base key', () => {
    expect(admit(target, '2026-12-01', [])).toEqual({ admit: true, key: 'pace_behind:1:2026-12-04:U0SE' });
  });

  it('fires once per episode', () => {
    expect(admit(target, '2026-12-01', [prior({})])).toEqual({ admit: false, reason: 'already-sent' });
    expect(admit({ ...target, episode: '2026-12-11' }, '2026-12-01', [prior({})]).admit).toBe(true);
  });

  it('holds one of a kind per POC per person per day (cool-down)', () => {
    expect(admit({ ...target, episode: 'other' }, '2026-11-30', [prior({})])).toEqual({
      admit: false,
      reason: 'cool-down',
    });
    expect(admit({ ...target, kind: 'end_near' }, '2026-11-30', [prior({})]).admit).toBe(true);
  });

  it('suppresses the kind for that POC while snoozed, and brings it back after', () => {
    const snoozed = prior({ outcome: 'snoozed', snoozedUntil: '2026-12-02' });
    expect(admit({ ...target, episode: 'new' }, '2026-12-02', [snoozed])).toEqual({ admit: false, reason: 'snoozed' });
    expect(admit({ ...target, pocId: 2 }, '2026-12-02', [snoozed]).admit).toBe(true);
    expect(admit(target, '2026-12-03', [snoozed])).toEqual({
      admit: true,
      key: 'pace_behind:1:2026-12-04:U0SE@2026-12-03',
    });
  });

  it('brings back one withdrawn before it went out, on a later day, under a key of its own', () => {
    const withdrawn = prior({ status: 'withdrawn' });
    expect(admit(target, '2026-11-30', [withdrawn])).toEqual({ admit: false, reason: 'cool-down' });
    expect(admit(target, '2026-12-01', [withdrawn])).toEqual({
      admit: true,
      key: 'pace_behind:1:2026-12-04:U0SE@2026-12-01',
    });
    // Not when one of the episode did go out.
    expect(admit(target, '2026-12-01', [withdrawn, prior({ key: 'k2', localDate: '2026-11-27' })]).admit).toBe(false);
  });

  it('does not bring back a dismissed or handled nudge', () => {
    expect(admit(target, '2026-12-03', [prior({ outcome: 'dismissed' })]).admit).toBe(false);
    expect(admit(target, '2026-12-03', [prior({ outcome: 'handled' })]).admit).toBe(false);
  });
});

describe('applyBudget', () => {
  const n = (kind: string, id = kind) => ({ kind, id });

  it('sends at most 3 a day, the most urgent first, and defers the rest', () => {
    const plan = applyBudget([n('scope_creep'), n('silence'), n('pushback'), n('escalation'), n('pace_behind')], [], 0);
    expect(plan.send.map((x) => x.kind)).toEqual(['escalation', 'silence', 'pace_behind']);
    expect(plan.defer.map((x) => x.kind)).toEqual(['pushback', 'scope_creep']);
  });

  it('counts what was already sent today', () => {
    expect(applyBudget([n('silence')], [], 3)).toEqual({ send: [], defer: [n('silence')], carried: [] });
    expect(applyBudget([n('silence'), n('pushback')], [], 2).send).toEqual([n('silence')]);
  });

  it('folds what waited from an earlier day into the first nudge sent', () => {
    const plan = applyBudget([n('silence')], [n('pushback', 'w1'), n('scope_creep', 'w2')], 0);
    expect(plan.send).toEqual([n('silence')]);
    expect(plan.carried.map((x) => x.id)).toEqual(['w1', 'w2']);
  });

  it('sends the oldest waiting one, carrying the others, when nothing new is due', () => {
    const plan = applyBudget([], [n('pushback', 'w1'), n('scope_creep', 'w2')], 0);
    expect(plan.send.map((x) => x.id)).toEqual(['w1']);
    expect(plan.carried.map((x) => x.id)).toEqual(['w2']);
  });
});

describe('the playbook', () => {
  it('gives every kind one move, and each move a sentence', () => {
    const poc = {
      metricName: 'Close time',
      metricBaseline: 5,
      metricTarget: 1,
      metricUnit: 'days',
      endDate: '2026-12-04',
      hypothesis: '',
    };
    for (const kind of nudgeKinds) expect(moveText(moveOf[kind], poc).length).toBeGreaterThan(20);
    expect(moveText('reanchor', poc)).toContain('Close time: 5 days → 1 day');
  });
});
