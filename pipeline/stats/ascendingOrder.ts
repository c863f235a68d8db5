/**
 * The indices of `values` in ascending order of value, equal values in index order: the permutation a
 * stable sort gives (Array.prototype.sort with (a, b) => values[a] - values[b]), so sums taken in this order
 * keep their rounding. At 10^6 values a comparator sort costs about a second; this sorts a copy of the
 * values natively (no comparator), numbers each distinct value by binary search, and places the indices
 * by counting: O(n log n) in typed arrays. Values must be finite (callers check): NaN has no place in an
 * order. -0 and 0 are one value, as the comparator sees them.
 */
export function ascendingOrder(values: ArrayLike<number>): Uint32Array {
  const n = values.length;
  const distinct = sortedDistinct(values);
  const rankOf = new Uint32Array(n);
  const count = new Uint32Array(distinct.length + 1);
  for (let i = 0; i < n; i++) {
    const rank = lowerBound(distinct, values[i]!);
    rankOf[i] = rank;
    count[rank + 1]!++;
  }
  for (let r = 1; r < count.length; r++) count[r]! += count[r - 1]!;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[count[rankOf[i]!]!++] = i;
  return order;
}

/** The distinct values in ascending order (-0 and 0 as one, the first of them in sorted order). */
export function sortedDistinct(values: ArrayLike<number>): Float64Array {
  return distinctOfAscending(ascendingCopy(values));
}

/** The distinct values of an ascending array (isAscending), in place (-0 and 0 as one, the first of them). */
export function distinctOfAscending(sorted: Float64Array): Float64Array {
  let kept = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (kept === 0 || sorted[i] !== sorted[kept - 1]) sorted[kept++] = sorted[i]!;
  }
  return sorted.subarray(0, kept);
}

/** The first index of `sorted` (ascending) whose value is >= `value`; sorted.length when there is none. */
export function lowerBound(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Does `values` stand in the order a native Float64Array sort gives: ascending, -0 before 0, no NaN
 * (which sorts last, after Infinity, and is never counted as in order, so that mergedAscending need not
 * place it)? One pass.
 */
export function isAscending(values: ArrayLike<number>): boolean {
  if (values.length === 1 && Number.isNaN(values[0]!)) return false;
  for (let i = 1; i < values.length; i++) {
    const a = values[i - 1]!;
    const b = values[i]!;
    if (a < b) continue;
    // Equal: in order unless 0 comes before -0 (1 / 0 = Infinity, 1 / -0 = -Infinity).
    if (a === b && (a !== 0 || 1 / a <= 1 / b)) continue;
    return false;
  }
  return true;
}

/**
 * A sorted copy of the values, as Float64Array.from(values).sort() gives it. Why the check: the
 * analyses often hand on values that are already in order (a curve's times taken in time order, the
 * sorted values of a variable); a pass that finds them sorted costs about 3 ms at 10^6 values, the
 * native sort of a sorted array 40 ms and of a shuffled one 85 ms (measured on this machine).
 */
export function ascendingCopy(values: ArrayLike<number>): Float64Array {
  return sortedInPlace(Float64Array.from(values));
}

/** The array sorted in place (a native sort), unless it is already in order; returned. */
export function sortedInPlace(values: Float64Array): Float64Array {
  if (isAscending(values)) return values;
  if (values.length >= COUNTING_FROM && sortedByCounting(values)) return values;
  return values.sort();
}

/** Arrays this long are first tried by counting (below it the native sort is quick anyway). */
const COUNTING_FROM = 1 << 14;
/** More distinct values than this and counting gives up (the Map gets slower than the sort). */
const COUNTING_DISTINCT = 4096;

/**
 * Sorts `values` in place by counting each distinct value, when there are at most COUNTING_DISTINCT
 * of them and none is -0 or NaN (a Map takes -0 for 0, and NaN has no place): then equal values are
 * the same number, so writing each distinct value, ascending, as often as it occurs gives exactly what
 * the native sort gives. The analyses' variables (ages, sizes, months to one decimal) have a few
 * thousand values at most: at 10^6 values this took 82 ms where the sort took 175 ms (measured on this
 * machine under load). Returns false, leaving `values` as they were, when it does not apply.
 */
export function sortedByCounting(values: Float64Array): boolean {
  const counts = new Map<number, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v || (v === 0 && 1 / v < 0)) return false;
    const count = counts.get(v);
    counts.set(v, count === undefined ? 1 : count + 1);
    if (counts.size > COUNTING_DISTINCT) return false;
  }
  const distinct = Float64Array.from(counts.keys()).sort();
  for (let k = 0, m = 0; k < distinct.length; k++) {
    const count = counts.get(distinct[k]!)!;
    values.fill(distinct[k]!, m, m + count);
    m += count;
  }
  return true;
}

/** Ascending arrays (isAscending) merged into one ascending array: what sorting their concatenation gives. */
export function mergedAscending(parts: readonly Float64Array[]): Float64Array {
  let merged = new Float64Array(0);
  for (const part of parts) {
    const out = new Float64Array(merged.length + part.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < merged.length && j < part.length) {
      const a = merged[i]!;
      const b = part[j]!;
      // a first when it is smaller, or equal and not 0 before -0.
      if (a < b || (a === b && (a !== 0 || 1 / a <= 1 / b))) {
        out[k++] = a;
        i++;
      } else {
        out[k++] = b;
        j++;
      }
    }
    while (i < merged.length) out[k++] = merged[i++]!;
    while (j < part.length) out[k++] = part[j++]!;
    merged = out;
  }
  return merged;
}
