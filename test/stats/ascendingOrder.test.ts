import { describe, expect, it } from 'vitest';
import { ascendingOrder, lowerBound, sortedDistinct } from '../../pipeline/stats/ascendingOrder.ts';
import { randomInteger, seededRandom } from '../../pipeline/stats/seededRandom.ts';

/** The reference: a stable comparator sort of the indices, as the pipeline sorted before. */
const stableOrder = (values: readonly number[]) =>
  values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);

describe('ascendingOrder', () => {
  it('orders indices by value, equal values in index order', () => {
    expect([...ascendingOrder([3, 1, 2, 1, 3, 0])]).toEqual([5, 1, 3, 2, 0, 4]);
  });

  it('treats -0 and 0 as one value, as a comparator does', () => {
    expect([...ascendingOrder([0, -0, 0, -1])]).toEqual([3, 0, 1, 2]);
  });

  it('handles no values and one value', () => {
    expect([...ascendingOrder([])]).toEqual([]);
    expect([...ascendingOrder([7])]).toEqual([0]);
  });

  it('gives the permutation of a stable comparator sort, on random data with many ties', () => {
    const random = seededRandom(12);
    for (let trial = 0; trial < 50; trial++) {
      const n = randomInteger(random, 1, 400);
      const distinct = randomInteger(random, 1, 30);
      const values = Array.from({ length: n }, () => randomInteger(random, 0, distinct) / 7 - 1.5);
      expect([...ascendingOrder(values)]).toEqual(stableOrder(values));
    }
  });
});

describe('sortedDistinct', () => {
  it('returns each value once, ascending', () => {
    expect([...sortedDistinct([2, 1, 2, 3, 1])]).toEqual([1, 2, 3]);
    expect([...sortedDistinct([])]).toEqual([]);
  });
});

describe('lowerBound', () => {
  it('finds the first index with a value >= the one asked for', () => {
    const sorted = [1, 2, 2, 4];
    expect(lowerBound(sorted, 0)).toBe(0);
    expect(lowerBound(sorted, 2)).toBe(1);
    expect(lowerBound(sorted, 3)).toBe(3);
    expect(lowerBound(sorted, 5)).toBe(4);
    expect(lowerBound([], 1)).toBe(0);
  });
});
