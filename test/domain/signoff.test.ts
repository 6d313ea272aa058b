import { describe, expect, it } from 'vitest';
import { signoffOutcome } from '../../src/domain/signoff.js';

const poc = { stage: 'awaiting_signoff' as const, evaluatorId: 'W0EVAL', startDate: '2026-11-30' };

describe('signoffOutcome', () => {
  it('signs off, awaiting start, before the start date', () => {
    expect(signoffOutcome(poc, 'W0EVAL', 'white_check_mark', '2026-11-27')).toEqual({ signed: true, stage: 'signed_off' });
  });

  it('goes straight to active on or after the start date', () => {
    expect(signoffOutcome(poc, 'W0EVAL', 'heavy_check_mark', '2026-11-30')).toEqual({ signed: true, stage: 'active' });
    expect(signoffOutcome(poc, 'W0EVAL', 'white_check_mark::skin-tone-3', '2026-12-02')).toEqual({ signed: true, stage: 'active' });
  });

  it('ignores anyone but the evaluator, other reactions, and a POC already signed', () => {
    expect(signoffOutcome(poc, 'U0SE', 'white_check_mark', '2026-11-27')).toEqual({ signed: false, reason: 'not_the_evaluator' });
    expect(signoffOutcome(poc, 'W0EVAL', 'x', '2026-11-27')).toEqual({ signed: false, reason: 'not_a_signoff_reaction' });
    expect(signoffOutcome({ ...poc, stage: 'active' }, 'W0EVAL', 'white_check_mark', '2026-11-27')).toEqual({
      signed: false,
      reason: 'not_awaiting_signoff',
    });
  });
});
