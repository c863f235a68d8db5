import { describe, expect, it } from 'vitest';
import { describe as describeValues } from '../../pipeline/stats/describe.ts';
import { quantile, quantiles } from '../../pipeline/stats/quantile.ts';
import { randomInteger, seededRandom } from '../../pipeline/stats/seededRandom.ts';

const PROBS = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1];

describe('quantile', () => {
  // R 4.2.2: x <- c(120, 120, 140, 210); quantile(x, c(0, .1, .25, .5, .75, .9, 1), type = 7)
  //   120.0 120.0 120.0 130.0 157.5 189.0 210.0;  the same with type = 2: 120 120 120 130 175 210 210
  it('matches R type 7 and type 2 on a tied sample where they differ', () => {
    const x = [140, 120, 210, 120];
    expect(quantiles(x, PROBS, 7)).toEqual([120, 120, 120, 130, 157.5, 189, 210]);
    expect(quantiles(x, PROBS, 2)).toEqual([120, 120, 120, 130, 175, 210, 210]);
  });

  // R 4.2.2, options(digits = 17):
  //   y <- c(2.3, 5.1, 0.7, 9.4, 3.3, 3.3, 12.8, 6.05, 1.9)
  //   quantile(y, c(0, .1, .25, .33, .5, .75, .9, 1), type = 7)
  //     0.69999999999999996 1.65999999999999992 2.29999999999999982 2.93999999999999950
  //     3.29999999999999982 6.04999999999999982 10.07999999999999829 12.80000000000000071
  //   quantile(y, c(0, .1, .25, .33, .5, .75, .9, 1), type = 2)
  //     0.7 0.7 2.3 2.3 3.3 6.05 12.8 12.8
  it('matches R to the last bit on an odd-sized sample', () => {
    const y = [2.3, 5.1, 0.7, 9.4, 3.3, 3.3, 12.8, 6.05, 1.9];
    const ps = [0, 0.1, 0.25, 0.33, 0.5, 0.75, 0.9, 1];
    expect(quantiles(y, ps, 7)).toEqual([
      0.69999999999999996, 1.65999999999999992, 2.29999999999999982, 2.9399999999999995, 3.29999999999999982,
      6.04999999999999982, 10.07999999999999829, 12.80000000000000071,
    ]);
    expect(quantiles(y, ps, 2)).toEqual([0.7, 0.7, 2.3, 2.3, 3.3, 6.05, 12.8, 12.8]);
  });

  // R: quantile(1:8, c(.25, .5, .75), type = 2) gives 2.5 4.5 6.5 (n p an integer: average);
  //    quantile(0.1 * (1:10), c(.1, .3, .7)) gives 0.19 0.37 0.73 (0.72999999999999998)
  it('averages at the flat steps of type 2 and interpolates type 7 as R does', () => {
    expect(quantiles([8, 7, 6, 5, 4, 3, 2, 1], [0.25, 0.5, 0.75], 2)).toEqual([2.5, 4.5, 6.5]);
    const tenths = Array.from({ length: 10 }, (_, i) => 0.1 * (i + 1));
    expect(quantiles(tenths, [0.1, 0.3, 0.7])).toEqual([0.19, 0.37, 0.72999999999999998]);
  });

  it('defaults to type 7, and a single value is every quantile', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    for (const p of [0, 0.25, 0.5, 1]) {
      expect(quantile([5], p, 2)).toBe(5);
      expect(quantile([5], p, 7)).toBe(5);
    }
  });

  it('gives the same median under both types, equal to describe()', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 50; trial++) {
      const n = randomInteger(random, 1, 30);
      const values = Array.from({ length: n }, () => randomInteger(random, 0, 20) / 4);
      const summary = describeValues(values);
      expect(quantile(values, 0.5, 2)).toBe(quantile(values, 0.5, 7));
      expect(quantile(values, 0.5, 7)).toBe(summary.median);
      expect(quantile(values, 0.25, 7)).toBe(summary.q1);
      expect(quantile(values, 0.75, 7)).toBe(summary.q3);
    }
  });

  it('stays within the range of the values and does not sort the caller’s array', () => {
    const values = [9, 2, 7, 4, 4, 1];
    const copy = [...values];
    for (const p of [0.05, 0.25, 0.4, 0.75, 0.99]) {
      for (const type of [2, 7] as const) {
        const q = quantile(values, p, type);
        expect(q).toBeGreaterThanOrEqual(1);
        expect(q).toBeLessThanOrEqual(9);
      }
    }
    expect(values).toEqual(copy);
  });

  it('refuses empty input, missing values and p outside [0, 1]', () => {
    expect(() => quantile([], 0.5)).toThrow(RangeError);
    expect(() => quantile([1, NaN], 0.5)).toThrow(RangeError);
    expect(() => quantile([1, 2], 1.5)).toThrow(RangeError);
    expect(() => quantile([1, 2], NaN, 2)).toThrow(RangeError);
  });
});
