import { ascendingCopy } from './ascendingOrder.ts';

/**
 * Sample quantile definitions of R's quantile() (Hyndman & Fan 1996), the two a Table 1 needs:
 *
 * - type 7, R's default (and describe()'s): linear interpolation between order statistics at
 *   1 + (n - 1) p;
 * - type 2, what gtsummary's tbl_summary() (2.x, through cards::continuous_summary_fns) uses for
 *   {p25} and {p75}, matching SAS's default: the inverse of the empirical distribution function,
 *   averaging the two order statistics where it is flat (n p an integer).
 *
 * The median is the same under both (and equals R's median()).
 */
export type QuantileType = 2 | 7;

/** The rule a report uses when cohort.json does not choose one: R's default (see DEFAULT_QUANTILE_TYPE's use). */
export const DEFAULT_QUANTILE_TYPE: QuantileType = 7;

/** The rule as the methods name it: `R quantile(type = 7)`, with what else computes it that way. */
export function quantileRuleText(type: QuantileType): string {
  return type === 7
    ? 'R quantile(type = 7), the default of R quantile() and summary() (also numpy and pandas)'
    : 'R quantile(type = 2), as gtsummary 2.x tbl_summary (and SAS by default)';
}

/**
 * The p-quantile of values (in any order; the caller's array is not sorted) by R's quantile(type = ...),
 * with R's arithmetic, so results agree to the last bit: type 7 interpolates as (1 - h) x[lo] + h x[hi].
 * Values must be finite (remove missing ones first) and non-empty; p in [0, 1]. Violations throw a
 * RangeError: they are programming errors, not data findings.
 */
export function quantile(values: ArrayLike<number>, p: number, type: QuantileType = 7): number {
  return quantilesSorted(sortedFinite(values), [p], type)[0]!;
}

/** Several quantiles of the same values, sorting once. */
export function quantiles(
  values: ArrayLike<number>,
  ps: readonly number[],
  type: QuantileType = 7,
): number[] {
  return quantilesSorted(sortedFinite(values), ps, type);
}

/** A sorted copy; a native typed-array sort (no comparator): the same order, at 10^6 values several times faster. */
function sortedFinite(values: ArrayLike<number>): Float64Array {
  if (values.length === 0) throw new RangeError('quantile: needs at least one value');
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!))
      throw new RangeError(`quantile: values must be finite numbers, got ${values[i]}`);
  }
  return ascendingCopy(values);
}

/** quantiles() of values already in ascending order (finite, non-empty): no copy, no sort. */
export function quantilesSorted(
  sorted: ArrayLike<number>,
  ps: readonly number[],
  type: QuantileType,
): number[] {
  for (const p of ps) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: p must be in [0, 1], got ${p}`);
  }
  return ps.map((p) => (type === 7 ? type7(sorted, p) : type2(sorted, p)));
}

/** R: index = 1 + (n - 1) p; lo = floor, hi = ceiling; interpolate unless x[lo] = x[hi]. */
function type7(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  // One-based as in R, so that h carries R's rounding.
  const index = 1 + (n - 1) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const low = sorted[lo - 1]!;
  const high = sorted[hi - 1]!;
  if (!(index > lo) || high === low) return low;
  const h = index - lo;
  return (1 - h) * low + h * high;
}

/**
 * R: j = floor(n p); the j-th order statistic (x_0 = x_1) if n p is an integer averaged with the next one,
 * otherwise the (j + 1)-th (x_{n+1} = x_n).
 */
function type2(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  const np = n * p;
  const j = Math.floor(np);
  const orderStatistic = (k: number): number => sorted[Math.min(Math.max(k, 1), n) - 1]!;
  const below = orderStatistic(j);
  const above = orderStatistic(j + 1);
  if (np > j) return above;
  return below === above ? below : 0.5 * below + 0.5 * above;
}
