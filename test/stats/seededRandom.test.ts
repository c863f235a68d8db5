import { describe, expect, it } from 'vitest';
import { randomInteger, seededRandom } from '../../pipeline/stats/seededRandom.ts';

describe('seededRandom', () => {
  it('repeats the same stream for the same seed and differs between seeds', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first);
  });

  it('stays in [0, 1) and looks uniform (mean 1/2, variance 1/12)', () => {
    const random = seededRandom(1);
    const draws = Array.from({ length: 100_000 }, () => random());
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    const variance = draws.reduce((s, x) => s + (x - mean) ** 2, 0) / draws.length;
    // Standard errors are about 0.0009 and 0.0003.
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 2);
  });

  it('does not get stuck on seed 0 (the fixed point of xorshift)', () => {
    const random = seededRandom(0);
    expect(random()).not.toBe(random());
  });

  it('randomInteger covers both ends of the range and nothing outside it', () => {
    const random = seededRandom(3);
    const seen = new Set(Array.from({ length: 1000 }, () => randomInteger(random, -2, 2)));
    expect([...seen].sort()).toEqual([-1, -2, 0, 1, 2]);
  });
});
