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
  const sorted = Float64Array.from(values).sort();
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
