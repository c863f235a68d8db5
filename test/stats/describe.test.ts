import { describe, expect, it } from 'vitest';
import { describe as describeValues } from '../../pipeline/stats/describe.ts';

describe('describe', () => {
  it('matches R: summary(1:4) and sd(1:4)', () => {
    expect(describeValues([4, 1, 3, 2])).toEqual({
      n: 4,
      min: 1,
      max: 4,
      mean: 2.5,
      median: 2.5,
      sd: expect.closeTo(1.2909944487358056, 14),
      q1: 1.75,
      q3: 3.25,
    });
  });

  it('uses type 7 quartiles: quantile(c(1, 3, 7, 15, 31, 63)) gives 4 and 27', () => {
    const summary = describeValues([1, 3, 7, 15, 31, 63]);
    expect(summary.q1).toBeCloseTo(4, 14);
    expect(summary.median).toBe(11);
    expect(summary.q3).toBeCloseTo(27, 14);
  });

  it("takes the report's quantile rule: quantile(c(1, 3, 7, 15, 31, 63), type = 2) gives 3 and 31", () => {
    const summary = describeValues([63, 1, 31, 3, 15, 7], 2);
    expect([summary.q1, summary.median, summary.q3]).toEqual([3, 11, 31]);
    expect([summary.min, summary.max]).toEqual([1, 63]);
  });

  it('has no SD for one value and nothing at all for none', () => {
    expect(describeValues([5])).toEqual({ n: 1, min: 5, max: 5, mean: 5, median: 5, sd: null, q1: 5, q3: 5 });
    expect(describeValues([])).toEqual({
      n: 0,
      min: null,
      max: null,
      mean: null,
      median: null,
      sd: null,
      q1: null,
      q3: null,
    });
  });

  it('does not depend on the order of the values and does not sort the caller’s array', () => {
    const values = [9, 2, 7, 4, 4, 1];
    const copy = [...values];
    expect(describeValues(values)).toEqual(describeValues([...values].reverse()));
    expect(values).toEqual(copy);
  });

  it('refuses NaN and infinities instead of returning NaN statistics', () => {
    expect(() => describeValues([1, NaN])).toThrow(RangeError);
    expect(() => describeValues([1, Infinity])).toThrow(RangeError);
  });
});
