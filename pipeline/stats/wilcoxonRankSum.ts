import { ascendingCopy } from './ascendingOrder.ts';
import { normalCdf } from './distributions.ts';

export type WilcoxonMethod =
  'Wilcoxon rank sum exact test' | 'Wilcoxon rank sum test with continuity correction';

export interface WilcoxonRankSumResult {
  /** R's W: the rank sum of x minus n_x (n_x + 1) / 2, i.e. the number of pairs (x_i, y_j) with x_i > y_j, ties counting 1/2. */
  statistic: number;
  /** Two-sided. NaN when every value is the same (the variance of W is 0), as in R. */
  p_value: number;
  /** R's wording (wilcox.test()$method). */
  method: WilcoxonMethod;
  n_x: number;
  n_y: number;
}

/** R's limit: the exact distribution is used only when both samples have fewer values than this. */
const EXACT_BELOW = 50;

/**
 * Two-sample Wilcoxon rank-sum (Mann–Whitney) test, two-sided, as R's wilcox.test(x, y) with its defaults
 * (exact = NULL, correct = TRUE, mu = 0):
 *
 * - both samples with fewer than 50 values and no tied values anywhere: the exact null distribution of W
 *   (every split of the ranks 1..n_x + n_y equally likely), p = min(1, 2 P(W <= w)) when w <= n_x n_y / 2,
 *   else min(1, 2 P(W >= w));
 * - otherwise the normal approximation with continuity correction 1/2 towards the mean and the tie-corrected
 *   variance n_x n_y / 12 · (N + 1 - Σ (t³ - t) / (N (N - 1))), t the sizes of the tie groups
 *   (where R warns "cannot compute exact p-value with ties", this gives the same value silently).
 *
 * Returns null when either sample is empty (R stops with "not enough observations"): there is no test.
 * Values must be finite (remove missing ones first); a non-finite value throws a RangeError.
 */
export function wilcoxonRankSum(x: ArrayLike<number>, y: ArrayLike<number>): WilcoxonRankSumResult | null {
  for (const sample of [x, y]) {
    for (let i = 0; i < sample.length; i++) {
      if (!Number.isFinite(sample[i]!))
        throw new RangeError(`wilcoxonRankSum: values must be finite numbers, got ${sample[i]}`);
    }
  }
  const nx = x.length;
  const ny = y.length;
  if (nx === 0 || ny === 0) return null;

  const { rankSumX, tieSizes } = midRankSum(x, y);
  const statistic = rankSumX - (nx * (nx + 1)) / 2;
  const ties = tieSizes.some((t) => t > 1);

  if (nx < EXACT_BELOW && ny < EXACT_BELOW && !ties) {
    const upper = statistic > (nx * ny) / 2;
    const tail = exactTail(nx, ny, statistic, upper);
    return {
      statistic,
      p_value: Math.min(1, 2 * tail),
      method: 'Wilcoxon rank sum exact test',
      n_x: nx,
      n_y: ny,
    };
  }

  const n = nx + ny;
  const tieTerm = tieSizes.reduce((sum, t) => sum + (t * t * t - t), 0) / (n * (n - 1));
  const sigma = Math.sqrt(((nx * ny) / 12) * (n + 1 - tieTerm));
  const centred = statistic - (nx * ny) / 2;
  const z = (centred - Math.sign(centred) * 0.5) / sigma;
  return {
    statistic,
    p_value: 2 * normalCdf(-Math.abs(z)),
    method: 'Wilcoxon rank sum test with continuity correction',
    n_x: nx,
    n_y: ny,
  };
}

/**
 * The sum of the average ranks (1-based) of x in the pooled sample, and the size of every group of equal
 * values in increasing order of value. Each sample is sorted (a native typed-array sort) and the two are
 * walked together a group of equal values at a time: no pooled array of indices, no comparator. The sum
 * is exact (ranks are halves of integers and the sums stay far below 2^52), so it does not depend on the
 * order in which the ranks are added.
 */
function midRankSum(x: ArrayLike<number>, y: ArrayLike<number>): { rankSumX: number; tieSizes: number[] } {
  const xs = ascendingCopy(x);
  const ys = ascendingCopy(y);
  const tieSizes: number[] = [];
  let rankSumX = 0;
  let i = 0;
  let j = 0;
  while (i < xs.length || j < ys.length) {
    const value = j >= ys.length || (i < xs.length && xs[i]! <= ys[j]!) ? xs[i]! : ys[j]!;
    const start = i + j;
    let inX = 0;
    for (; i < xs.length && xs[i] === value; i++) inX++;
    for (; j < ys.length && ys[j] === value; j++);
    const end = i + j;
    // Positions start..end-1 hold ranks start+1..end; each gets their mean.
    rankSumX += inX * ((start + 1 + end) / 2);
    tieSizes.push(end - start);
  }
  return { rankSumX, tieSizes };
}

/**
 * P(W <= w) (or, with upper, P(W >= w)) under the null for sample sizes m and n without ties: the number of
 * ways to place the m x-ranks among m + n with each value of W, over C(m + n, m). Built by adding ranks one
 * at a time: the k-th x taken at rank i has i - k y's below it, adding i - k to W. Counts are doubles, as in
 * R's cwilcox; for m, n < 50 they stay below 10^29, where double precision is ample for a probability.
 */
function exactTail(m: number, n: number, w: number, upper: boolean): number {
  const maxW = m * n;
  // counts[k][u]: ways to choose k x-ranks among the ranks seen so far with W = u.
  const counts = Array.from({ length: m + 1 }, () => new Float64Array(maxW + 1));
  counts[0]![0] = 1;
  for (let i = 1; i <= m + n; i++) {
    for (let k = Math.min(i, m); k >= 1; k--) {
      const shift = i - k;
      if (shift > n) continue;
      const into = counts[k]!;
      const from = counts[k - 1]!;
      for (let u = maxW; u >= shift; u--) into[u]! += from[u - shift]!;
    }
  }
  const distribution = counts[m]!;
  let total = 0;
  let tail = 0;
  for (let u = 0; u <= maxW; u++) {
    total += distribution[u]!;
    if (upper ? u >= w : u <= w) tail += distribution[u]!;
  }
  return tail / total;
}
