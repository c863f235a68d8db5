import { describe, expect, it } from 'vitest';
import { findRoot } from '../../pipeline/stats/findRoot.ts';

describe('findRoot', () => {
  it('finds √2 as the root of x² - 2 to full precision', () => {
    expect(findRoot((x) => x * x - 2, 0, 2)).toBeCloseTo(Math.SQRT2, 15);
  });

  it('finds the fixed point of cos (Dottie number 0.7390851332151607)', () => {
    expect(findRoot((x) => Math.cos(x) - x, 0, 1)).toBeCloseTo(0.7390851332151607, 15);
  });

  it('accepts a decreasing function and a bracket given high end first', () => {
    expect(findRoot((x) => 3 - x, 10, -10)).toBe(3);
  });

  it('returns an end of the bracket that is itself a root', () => {
    expect(findRoot((x) => x, 0, 5)).toBe(0);
    expect(findRoot((x) => x - 5, 0, 5)).toBe(5);
  });

  it('copes with very flat and very steep functions where plain regula falsi stalls', () => {
    expect(findRoot((x) => Math.pow(x, 50) - 1e-10, 0, 1)).toBeCloseTo(Math.pow(1e-10, 1 / 50), 14);
    expect(findRoot((x) => Math.exp(40 * x) - 2, -1, 1)).toBeCloseTo(Math.log(2) / 40, 15);
  });

  it('reaches relative precision for a root far below 1', () => {
    const root = findRoot((x) => x - 1e-30, 0, 1);
    expect(Math.abs(root - 1e-30) / 1e-30).toBeLessThan(1e-12);
  });

  it('finds the jump of a step function (a root of a discontinuous function, down to adjacent doubles)', () => {
    const root = findRoot((x) => (x < 0.3 ? -1 : 1), 0, 1);
    expect(root).toBeCloseTo(0.3, 15);
  });

  it('rejects a bracket without a sign change and NaN at the ends', () => {
    expect(() => findRoot((x) => x * x + 1, -1, 1)).toThrow(RangeError);
    expect(() => findRoot(() => NaN, -1, 1)).toThrow(RangeError);
  });
});
