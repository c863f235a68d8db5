import {
  distinctOfAscending,
  isAscending,
  lowerBound,
  mergedAscending,
  sortedDistinct,
} from './ascendingOrder.ts';

/** R's default tolerance for aeqSurv: sqrt(.Machine$double.eps). */
export const TIED_TIME_TOLERANCE = Math.sqrt(Number.EPSILON);

/**
 * Times that differ only by floating-point noise made equal, by the rule of R's survival:::aeqSurv, which
 * survfit, survdiff and coxph apply by default (timefix = TRUE). Two neighbouring distinct times are tied
 * when their gap is at most `tolerance`, absolutely or relative to the mean absolute distinct time; a run
 * of tied neighbours becomes one time, the smallest of the run (so a run can span more than the
 * tolerance, as in R). Without this, 12 days and 7 + 5 days, converted to months, are two times a rounding
 * step apart, and a death and a censoring that happened together are counted as if one came first.
 *
 * Returns the times in the input order, each replaced by the first time of its run; non-finite times are
 * returned as they are.
 */
export function mergeTiedTimes(times: readonly number[], tolerance = TIED_TIME_TOLERANCE): number[] {
  return Array.from(mergedTimes(times, tolerance));
}

/**
 * mergeTiedTimes into a new typed array: the distinct times are a sorted typed array and each time finds
 * its run by binary search, so 10^6 times need no Set or Map of 10^6 entries.
 */
export function mergedTimes(times: ArrayLike<number>, tolerance = TIED_TIME_TOLERANCE): Float64Array {
  return mergedTimesWithDistinct(times, () => sortedDistinct(times), tolerance);
}

/** mergedTimes with the distinct times (sortedDistinct of `times`) from the caller, who may know them sooner. */
function mergedTimesWithDistinct(
  times: ArrayLike<number>,
  distinctTimes: () => Float64Array,
  tolerance: number,
): Float64Array {
  if (!(tolerance >= 0)) throw new RangeError(`mergeTiedTimes: tolerance must be >= 0, got ${tolerance}`);
  const result = Float64Array.from(times);
  const distinct = finitePart(distinctTimes());
  if (distinct.length < 2 || tolerance === 0) return result;
  let absoluteSum = 0;
  for (let i = 0; i < distinct.length; i++) absoluteSum += Math.abs(distinct[i]!);
  const meanAbsolute = absoluteSum / distinct.length;
  const runStart = new Float64Array(distinct.length);
  runStart[0] = distinct[0]!;
  let merged = false;
  for (let i = 1; i < distinct.length; i++) {
    const gap = distinct[i]! - distinct[i - 1]!;
    if (gap <= tolerance || gap / meanAbsolute <= tolerance) {
      merged = true;
      runStart[i] = runStart[i - 1]!;
    } else runStart[i] = distinct[i]!;
  }
  if (!merged) return result;
  for (let i = 0; i < result.length; i++) {
    const t = result[i]!;
    if (Number.isFinite(t)) result[i] = runStart[lowerBound(distinct, t)]!;
  }
  return result;
}

/**
 * Each group's times with near-equal times merged over all groups together, as survfit merges over all
 * strata (and survdiff over all groups) before it splits them.
 */
export function mergedTimesAcross(groups: readonly Float64Array[]): Float64Array[] {
  const pooled = new Float64Array(groups.reduce((sum, g) => sum + g.length, 0));
  let offset = 0;
  for (const group of groups) {
    pooled.set(group, offset);
    offset += group.length;
  }
  // Groups each in ascending time (a curve's observations taken in time order) are merged in one
  // pass instead of sorting the pooled times again.
  const merged = groups.every(isAscending)
    ? mergedTimesWithDistinct(pooled, () => distinctOfAscending(mergedAscending(groups)), TIED_TIME_TOLERANCE)
    : mergedTimes(pooled);
  offset = 0;
  return groups.map((group) => merged.subarray(offset, (offset += group.length)));
}

/** The finite values of an ascending array (-Infinity sorts first, Infinity and NaN last). */
function finitePart(sorted: Float64Array): Float64Array {
  let start = 0;
  let end = sorted.length;
  while (start < end && !Number.isFinite(sorted[start]!)) start++;
  while (end > start && !Number.isFinite(sorted[end - 1]!)) end--;
  return sorted.subarray(start, end);
}
