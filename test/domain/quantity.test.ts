import { describe, expect, it } from 'vitest';
import { metricChange, quantity } from '../../src/domain/quantity.js';

describe('quantity', () => {
  it('makes the common counted units singular for exactly one', () => {
    expect(quantity(1, 'days')).toBe('1 day');
    expect(quantity(5, 'days')).toBe('5 days');
    expect(quantity(0.5, 'days')).toBe('0.5 days');
    expect(quantity(1, 'Hours')).toBe('1 Hour');
    expect(quantity(1, 'business days')).toBe('1 business day');
    expect(quantity(1, 'people')).toBe('1 person');
  });

  it('leaves any other unit as typed, and rounds to two decimals', () => {
    expect(quantity(1, 'ms')).toBe('1 ms');
    expect(quantity(1, '%')).toBe('1 %');
    expect(quantity(1, 'widgets')).toBe('1 widgets');
    expect(quantity(2.345, 'GB')).toBe('2.35 GB');
    expect(quantity(3, null)).toBe('3');
    expect(quantity(3, '  ')).toBe('3');
  });

  it('writes the metric change only when name, baseline and target are all set', () => {
    const poc = { metricName: 'Month-end close', metricBaseline: 5, metricTarget: 1, metricUnit: 'days' };
    expect(metricChange(poc)).toBe('Month-end close: 5 days → 1 day');
    expect(metricChange({ ...poc, metricTarget: null })).toBeNull();
    expect(metricChange({ ...poc, metricName: null })).toBeNull();
  });
});
