import { describe, expect, it } from 'vitest';
import { formatValue, roundForOutput } from '../../pipeline/values/formatValue.ts';

describe('formatValue', () => {
  it('writes lists, yes/no and not reported as the tidy CSV and the page show them', () => {
    expect(formatValue(['a', 'b'])).toBe('a; b');
    expect(formatValue([])).toBe('none');
    expect(formatValue(true)).toBe('yes');
    expect(formatValue(false)).toBe('no');
    expect(formatValue(null)).toBeNull();
    expect(formatValue('left')).toBe('left');
  });

  it('rounds numbers to 6 decimals for reading', () => {
    expect(formatValue(0.1 + 0.2)).toBe(0.3);
    expect(formatValue(12 / 30.4375)).toBe(0.394251);
  });

  it('keeps numbers exactly with exactNumbers, so that Number(String(cell)) is the value itself', () => {
    for (const x of [12 / 30.4375, 7 / 30.4375 + 5 / 30.4375, 0.1 + 0.2, 1 / 3, 1e-9, 123456.789]) {
      const cell = formatValue(x, { exactNumbers: true });
      expect(cell).toBe(x);
      expect(Number(String(cell))).toBe(x);
    }
  });
});

describe('roundForOutput', () => {
  it('rounds to the given decimals', () => {
    expect(roundForOutput(1.23456789, 3)).toBe(1.235);
    expect(roundForOutput(2.5e-7)).toBe(0);
  });
});
