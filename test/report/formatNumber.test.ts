import { describe, expect, it } from 'vitest';
import { formatInterval, formatNumber } from '../../pipeline/report/formatNumber.ts';

describe('formatNumber', () => {
  it('rounds and drops trailing zeros; ∞ and −∞ for infinite; a dash for not computed', () => {
    expect(formatNumber(6.408309, 2)).toBe('6.41');
    expect(formatNumber(2, 2)).toBe('2');
    expect(formatNumber(Infinity, 2)).toBe('∞');
    expect(formatNumber(-Infinity, 2)).toBe('−∞');
    expect(formatNumber(null)).toBe('–');
    expect(formatNumber(NaN)).toBe('–');
  });
});

describe('formatInterval', () => {
  it('shows an unbounded limit as ∞, and NA only for a limit that is not computed', () => {
    expect(formatInterval([0.0256406, Infinity], false, 2)).toBe('0.03–∞');
    expect(formatInterval([-Infinity, 1], false, 2)).toBe('−∞–1.00');
    expect(formatInterval([null, NaN], false, 2)).toBe('NA–NA');
    expect(formatInterval([0.576, 0.822])).toBe('57.6–82.2%');
    expect(formatInterval(null)).toBe('–');
  });
});
