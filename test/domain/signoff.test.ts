import { describe, expect, it } from 'vitest';
import { signoffOutcome, signoffReactionWithdrawn, signoffState } from '../../src/domain/signoff.js';

const poc = {
  stage: 'awaiting_signoff' as const,
  evaluatorId: 'W0EVAL',
  startDate: '2026-11-30',
  changedSinceSignoffAt: null,
  closedAt: null,
};

describe('signoffOutcome', () => {
  it('signs off, awaiting start, before the start date', () => {
    expect(signoffOutcome(poc, 'W0EVAL', 'white_check_mark', '2026-11-27')).toEqual({
      signed: true,
      stage: 'signed_off',
      resigned: false,
    });
  });

  it('goes straight to active on or after the start date', () => {
    expect(signoffOutcome(poc, 'W0EVAL', 'heavy_check_mark', '2026-11-30')).toEqual({
      signed: true,
      stage: 'active',
      resigned: false,
    });
    expect(signoffOutcome(poc, 'W0EVAL', 'white_check_mark::skin-tone-3', '2026-12-02')).toEqual({
      signed: true,
      stage: 'active',
      resigned: false,
    });
  });

  it('ignores anyone but the evaluator, other reactions, and a POC already signed', () => {
    expect(signoffOutcome(poc, 'U0SE', 'white_check_mark', '2026-11-27')).toEqual({
      signed: false,
      reason: 'not_the_evaluator',
    });
    expect(signoffOutcome(poc, 'W0EVAL', 'x', '2026-11-27')).toEqual({
      signed: false,
      reason: 'not_a_signoff_reaction',
    });
    expect(signoffOutcome({ ...poc, stage: 'active' }, 'W0EVAL', 'white_check_mark', '2026-11-27')).toEqual({
      signed: false,
      reason: 'not_awaiting_signoff',
    });
  });

  it('after a material change, the lead’s ✅ signs again (the stage stays); nobody else’s, and not the old lead’s', () => {
    const changed = { ...poc, stage: 'active' as const, changedSinceSignoffAt: '2026-12-02T15:00:00.000Z' };
    expect(signoffOutcome(changed, 'W0EVAL', 'white_check_mark', '2026-12-02')).toEqual({
      signed: true,
      resigned: true,
    });
    expect(signoffOutcome(changed, 'U0SE', 'white_check_mark', '2026-12-02')).toEqual({
      signed: false,
      reason: 'not_the_evaluator',
    });
    // A newly named lead: the one who signed before cannot sign for them.
    expect(signoffOutcome({ ...changed, evaluatorId: 'W0NEW' }, 'W0EVAL', 'white_check_mark', '2026-12-02')).toEqual({
      signed: false,
      reason: 'not_the_evaluator',
    });
    expect(signoffOutcome({ ...changed, evaluatorId: 'W0NEW' }, 'W0NEW', 'white_check_mark', '2026-12-02')).toEqual({
      signed: true,
      resigned: true,
    });
    expect(
      signoffOutcome({ ...changed, closedAt: '2026-12-03T00:00:00.000Z' }, 'W0EVAL', 'white_check_mark', '2026-12-03'),
    ).toEqual({ signed: false, reason: 'not_awaiting_signoff' });
  });

  it('says the state of the signature', () => {
    expect(signoffState({ signedOffAt: null, changedSinceSignoffAt: null })).toBe('unsigned');
    expect(signoffState({ signedOffAt: '2026-11-27T15:00:00.000Z', changedSinceSignoffAt: null })).toBe('signed');
    expect(
      signoffState({ signedOffAt: '2026-11-27T15:00:00.000Z', changedSinceSignoffAt: '2026-12-02T15:00:00.000Z' }),
    ).toBe('changed');
  });

  it('does not report a ✅ taken off while a re-sign-off is awaited (that is how the lead signs again)', () => {
    const signed = {
      evaluatorId: 'W0EVAL',
      signedOffAt: '2026-11-27T15:00:00.000Z',
      closedAt: null,
      changedSinceSignoffAt: null,
    };
    expect(signoffReactionWithdrawn(signed, 'W0EVAL', 'white_check_mark')).toBe(true);
    expect(
      signoffReactionWithdrawn(
        { ...signed, changedSinceSignoffAt: '2026-12-02T15:00:00.000Z' },
        'W0EVAL',
        'white_check_mark',
      ),
    ).toBe(false);
  });
});
