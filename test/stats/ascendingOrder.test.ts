import { describe, expect, it } from 'vitest';
import {
  ascendingCopy,
  ascendingOrder,
  distinctOfAscending,
  isAscending,
  lowerBound,
  mergedAscending,
  sortedByCounting,
  sortedDistinct,
  sortedInPlace,
} from '../../pipeline/stats/ascendingOrder.ts';
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

const bits = (xs: ArrayLike<number>) => Array.from(xs, (x) => (Object.is(x, -0) ? '-0' : String(x)));

describe('isAscending', () => {
  it('is the order of a native Float64Array sort: -0 before 0, NaN never in order', () => {
    expect(isAscending([])).toBe(true);
    expect(isAscending([3])).toBe(true);
    expect(isAscending([1, 1, 2, Infinity])).toBe(true);
    expect(isAscending([-Infinity, -0, 0, 0])).toBe(true);
    expect(isAscending([0, -0])).toBe(false);
    expect(isAscending([2, 1])).toBe(false);
    expect(isAscending([NaN])).toBe(false);
    expect(isAscending([1, NaN])).toBe(false);
    expect(isAscending([NaN, 1])).toBe(false);
  });
});

describe('ascendingCopy and sortedInPlace', () => {
  it('give what Float64Array.from(values).sort() gives, sorted or not', () => {
    const random = seededRandom(3);
    for (let k = 0; k < 200; k++) {
      const pool = [0, -0, 1.5, -2, 7, NaN, Infinity, -Infinity];
      const values = Array.from({ length: Math.floor(random() * 12) }, () => pool[Math.floor(random() * 8)]!);
      const expected = bits(Float64Array.from(values).sort());
      expect(bits(ascendingCopy(values))).toEqual(expected);
      expect(bits(ascendingCopy(Float64Array.from(values).sort()))).toEqual(expected);
    }
  });

  it('copies: the caller’s array is left as it was; sortedInPlace sorts its own', () => {
    const values = new Float64Array([2, 1]);
    expect([...ascendingCopy(values)]).toEqual([1, 2]);
    expect([...values]).toEqual([2, 1]);
    expect(sortedInPlace(values)).toBe(values);
    expect([...values]).toEqual([1, 2]);
  });
});

describe('mergedAscending', () => {
  it('is the sort of the concatenation, for any number of ascending parts (empty ones, ±0)', () => {
    const random = seededRandom(5);
    for (let k = 0; k < 200; k++) {
      const pool = [0, -0, 1, 2.5, -3, Infinity, -Infinity];
      const parts = Array.from({ length: Math.floor(random() * 4) }, () =>
        Float64Array.from({ length: Math.floor(random() * 6) }, () => pool[Math.floor(random() * 7)]!).sort(),
      );
      const all = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
      let offset = 0;
      for (const p of parts) all.set(p, (offset += p.length) - p.length);
      expect(bits(mergedAscending(parts))).toEqual(bits(all.sort()));
    }
  });
});

describe('distinctOfAscending', () => {
  it('keeps the first of each run of equal values (-0 and 0 as one)', () => {
    expect(bits(distinctOfAscending(new Float64Array([-0, 0, 1, 1, 2])))).toEqual(['-0', '1', '2']);
    expect(distinctOfAscending(new Float64Array(0))).toHaveLength(0);
  });
});

describe('sortedByCounting', () => {
  it('sorts as the native sort does when there are few distinct values', () => {
    const random = seededRandom(8);
    const values = Float64Array.from({ length: 3000 }, () => randomInteger(random, -50, 50) / 10);
    const expected = values.slice().sort();
    expect(sortedByCounting(values)).toBe(true);
    expect(bits(values)).toEqual(bits(expected));
    expect(sortedByCounting(new Float64Array(0))).toBe(true);
  });

  it('leaves the values as they were with -0, NaN, or too many distinct values', () => {
    for (const values of [
      Float64Array.from([3, -0, 1]),
      Float64Array.from([3, NaN, 1]),
      Float64Array.from({ length: 5000 }, (_, i) => 5000 - i),
    ]) {
      const before = bits(values);
      expect(sortedByCounting(values)).toBe(false);
      expect(bits(values)).toEqual(before);
    }
  });

  it('is what sortedInPlace does for a long array of few values (the same order as the sort)', () => {
    const random = seededRandom(9);
    const values = Float64Array.from({ length: 20_000 }, () => randomInteger(random, 0, 1200) / 10);
    expect(bits(sortedInPlace(values.slice()))).toEqual(bits(values.slice().sort()));
  });
});
