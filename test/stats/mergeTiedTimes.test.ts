import { describe, expect, it } from 'vitest';
import {
  mergedTimes,
  mergedTimesAcross,
  mergeTiedTimes,
  TIED_TIME_TOLERANCE,
} from '../../pipeline/stats/mergeTiedTimes.ts';
import { randomInteger, seededRandom } from '../../pipeline/stats/seededRandom.ts';

/** The implementation before the typed-array one (a Set of the times, a Map of run starts): the reference. */
function mergeTiedTimesWithSet(times: readonly number[], tolerance = TIED_TIME_TOLERANCE): number[] {
  const distinct = [...new Set(times)].filter(Number.isFinite).sort((a, b) => a - b);
  if (distinct.length < 2 || tolerance === 0) return [...times];
  const meanAbsolute = distinct.reduce((sum, t) => sum + Math.abs(t), 0) / distinct.length;
  const runStart = new Map<number, number>([[distinct[0]!, distinct[0]!]]);
  let start = distinct[0]!;
  let merged = false;
  for (let i = 1; i < distinct.length; i++) {
    const gap = distinct[i]! - distinct[i - 1]!;
    if (gap <= tolerance || gap / meanAbsolute <= tolerance) merged = true;
    else start = distinct[i]!;
    runStart.set(distinct[i]!, start);
  }
  return merged ? times.map((t) => runStart.get(t) ?? t) : [...times];
}

/** Times in months from whole days, with near-ties from sums of parts and a few non-finite ones. */
function randomTimes(random: () => number, n: number): number[] {
  return Array.from({ length: n }, () => {
    const days = randomInteger(random, 0, 60);
    const r = random();
    if (r < 0.02) return r < 0.01 ? Infinity : NaN;
    if (r < 0.3) return (days - 5) / MONTH + 5 / MONTH;
    return days / MONTH;
  });
}

const MONTH = 30.4375;

describe('mergeTiedTimes (R survival:::aeqSurv)', () => {
  it("uses R's default tolerance sqrt(.Machine$double.eps) = 1.490116e-08", () => {
    expect(TIED_TIME_TOLERANCE).toBeCloseTo(1.490116e-8, 14);
  });

  it('merges 12 days and 7 + 5 days in months, a rounding step apart, into the smaller, in input order', () => {
    // R: x <- survival:::aeqSurv(Surv(c(12/30.4375, 7/30.4375 + 5/30.4375, 1, 2), c(1, 0, 1, 0)))
    //    print(x[, 1], digits = 17)  →  0.39425051334702255 0.39425051334702255 1 2
    const sum = 7 / MONTH + 5 / MONTH;
    expect(sum).toBeLessThan(12 / MONTH);
    expect(mergeTiedTimes([12 / MONTH, sum, 1, 2])).toEqual([sum, sum, 1, 2]);
    expect(sum).toBe(0.39425051334702255);
  });

  it('ties gaps above the absolute tolerance that are small relative to the mean time', () => {
    // R: unique(survival:::aeqSurv(Surv(c(1000, 1000 + 1e-6, 1000 + 1e-6, 1500, 2000, 2000 + 1e-5, 2500),
    //    c(0, 1, 1, 1, 1, 0, 0)))[, 1])  →  1000 1500 2000 2500
    const times = [1000, 1000 + 1e-6, 1000 + 1e-6, 1500, 2000, 2000 + 1e-5, 2500];
    expect(mergeTiedTimes(times)).toEqual([1000, 1000, 1000, 1500, 2000, 2000, 2500]);
  });

  it('merges a run of tied neighbours into its first time even when the run spans more than the tolerance', () => {
    // R: unique(survival:::aeqSurv(Surv(c(1, 1 + 1e-8, 1 + 2e-8, 1 + 3e-8, 2, 2 + 1e-7, 3, 4),
    //    c(1, 0, 1, 1, 1, 0, 1, 0)))[, 1])  →  1 2 2.0000000999999998 3 4 (2 + 1e-7 is not a tie)
    const times = [1, 1 + 1e-8, 1 + 2e-8, 1 + 3e-8, 2, 2 + 1e-7, 3, 4];
    expect(1 + 3e-8 - 1).toBeGreaterThan(TIED_TIME_TOLERANCE);
    expect(mergeTiedTimes(times)).toEqual([1, 1, 1, 1, 2, 2 + 1e-7, 3, 4]);
  });

  it('returns a copy of times with no ties, and leaves non-finite times as they are', () => {
    const times = [3, 1, 2];
    const merged = mergeTiedTimes(times);
    expect(merged).toEqual([3, 1, 2]);
    expect(merged).not.toBe(times);
    expect(mergeTiedTimes([1, 1 + 1e-12, Infinity, NaN])).toEqual([1, 1, Infinity, NaN]);
    expect(mergeTiedTimes([])).toEqual([]);
    expect(mergeTiedTimes([5])).toEqual([5]);
  });

  it('merges nothing with tolerance 0 (R: tolerance <= 0 returns the times) and rejects a negative one', () => {
    expect(mergeTiedTimes([1, 1 + 1e-12], 0)).toEqual([1, 1 + 1e-12]);
    expect(() => mergeTiedTimes([1, 2], -1)).toThrow(RangeError);
  });

  it('does not depend on the order of the input', () => {
    const times = [2 + 1e-9, 7, 2, 1e-10, 0, 7 - 1e-9];
    const merged = mergeTiedTimes(times);
    const reversed = mergeTiedTimes([...times].reverse()).reverse();
    expect(reversed).toEqual(merged);
    // R: x <- c(2 + 1e-9, 7, 2, 1e-10, 0, 7 - 1e-9)
    //    survival:::aeqSurv(Surv(x, rep(1, 6)))[, 1] - c(2, 7 - 1e-9, 2, 0, 0, 7 - 1e-9)  →  0 0 0 0 0 0
    expect(merged).toEqual([2, 7 - 1e-9, 2, 0, 0, 7 - 1e-9]);
  });

  it('gives bit for bit what the Set-and-Map implementation gave, on random times with near-ties', () => {
    const random = seededRandom(5);
    for (let trial = 0; trial < 40; trial++) {
      const times = randomTimes(random, randomInteger(random, 0, 300));
      expect(mergeTiedTimes(times)).toEqual(mergeTiedTimesWithSet(times));
      expect([...mergedTimes(times)]).toEqual(mergeTiedTimesWithSet(times));
    }
  });

  it('merges across groups as over their concatenation, and splits the result back', () => {
    const groups = [[1, 2 + 1e-12], [], [2, 3]].map((g) => Float64Array.from(g));
    expect(mergedTimesAcross(groups).map((g) => [...g])).toEqual([[1, 2], [], [2, 3]]);
  });
});

describe('mergedTimesAcross with groups already in ascending order', () => {
  it('gives what it gives for the same groups shuffled (their sorted times merged, not sorted again)', () => {
    const random = seededRandom(21);
    let merged = 0;
    for (let k = 0; k < 100; k++) {
      // Times a rounding step apart, so that runs are merged, and exact ties across groups.
      const pool = [1, 1 + 1e-12, 2, 2 - 1e-13, 3.5, 0, 12 / 30.4375, 7 / 30.4375 + 5 / 30.4375];
      const groups = Array.from({ length: randomInteger(random, 1, 3) }, () =>
        Float64Array.from(
          { length: randomInteger(random, 0, 7) },
          () => pool[randomInteger(random, 0, pool.length - 1)]!,
        ),
      );
      const sorted = groups.map((g) => g.slice().sort());
      const shuffled = sorted.map((g) => g.slice().reverse());
      const fromSorted = mergedTimesAcross(sorted).map((g) => [...g]);
      const fromShuffled = mergedTimesAcross(shuffled).map((g) => [...g].reverse());
      expect(fromSorted).toEqual(fromShuffled);
      // And as the pooled times merged in one piece.
      expect(fromSorted.flat()).toEqual([...mergedTimes(Float64Array.from(sorted.flatMap((g) => [...g])))]);
      merged += fromSorted.flat().filter((t, i) => t !== sorted.flatMap((g) => [...g])[i]).length;
    }
    // Some times were merged into another, so the merging itself was compared.
    expect(merged).toBeGreaterThan(0);
  });
});
