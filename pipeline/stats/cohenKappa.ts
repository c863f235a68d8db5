import { normalQuantile } from './distributions.ts';

/** Cohen's kappa of two raters over the same items, as R's `psych::cohen.kappa` (unweighted) gives it. */
export interface CohenKappa {
  /** Items both raters decided. */
  n: number;
  /** Observed proportion of agreement, p_o. */
  agreement: number;
  /** Agreement expected by chance from the two raters' marginals, p_c. */
  chanceAgreement: number;
  /** (p_o − p_c) / (1 − p_c); null when it is undefined (one category only, or p_c = 1). */
  kappa: number | null;
  /** The large-sample variance of kappa (Fleiss, Cohen & Everitt 1969); 0 where psych sets it to 0. */
  variance: number;
  /** kappa ± z·√variance, each limit held to [−1, 1] as psych does; null with kappa. */
  ci: [number, number] | null;
  /** The categories in the order of the table (the sorted union of both raters' values). */
  categories: string[];
}

/**
 * Unweighted Cohen's kappa with psych::cohen.kappa's asymptotic confidence interval. `first[i]` and
 * `second[i]` are the two raters' categories for item i (pairs with a missing rating are the caller's
 * to leave out, as psych's na.omit does). The variance is Fleiss, Cohen & Everitt's (1969) formula for
 * kappa's standard error when kappa is not assumed zero, as psych codes it:
 *   Var = [Σ_i p_ii((1−p_c) − (r_i + c_i)(1−p_o))² + (1−p_o)² Σ_{i≠j} p_ij (c_i + r_j)² − (p_o p_c − 2p_c + p_o)²]
 *         / (N (1 − p_c)⁴)
 * with r, c the row and column marginal proportions; a negative or undefined variance becomes 0
 * (psych's `bad`). The interval is the Wald interval kappa ± z_{1−α/2} √Var, limits beyond ±1 set to ±1.
 */
export function cohenKappa(
  first: readonly string[],
  second: readonly string[],
  confidence = 0.95,
): CohenKappa {
  if (first.length !== second.length)
    throw new RangeError('cohenKappa: the two raters rate different numbers of items');
  const n = first.length;
  const categories = [...new Set([...first, ...second])].sort();
  const k = categories.length;
  const index = new Map(categories.map((c, i) => [c, i]));
  const p = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let agreed = 0;
  for (let i = 0; i < n; i++) {
    p[index.get(first[i]!)!]![index.get(second[i]!)!]! += 1;
    if (first[i] === second[i]) agreed++;
  }
  // Counts first, then proportions, as psych's table / total: no rounding error summed n times.
  for (const row of p) for (let j = 0; j < k; j++) row[j]! /= n;
  const rows = p.map((row) => row.reduce((a, b) => a + b, 0));
  const cols = categories.map((_, j) => p.reduce((a, row) => a + row[j]!, 0));
  let pc = 0;
  for (let i = 0; i < k; i++) pc += rows[i]! * cols[i]!;
  // The agreed count over n: exactly 1 when every item agrees (a sum of diagonal proportions may miss it).
  const po = agreed / n;
  if (n === 0)
    return { n, agreement: NaN, chanceAgreement: NaN, kappa: null, variance: 0, ci: null, categories };
  // psych: a 1 × 1 table has no kappa; p_c = 1 (both raters constant on one category) divides by 0.
  const kappa = k === 1 || pc === 1 ? null : (po - pc) / (1 - pc);
  let diagonal = 0;
  let offDiagonal = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const pij = p[i]![j]!;
      if (i === j) diagonal += pij * (1 - pc - (rows[i]! + cols[i]!) * (1 - po)) ** 2;
      else offDiagonal += pij * (cols[i]! + rows[j]!) ** 2;
    }
  }
  let variance =
    (diagonal + (1 - po) ** 2 * offDiagonal - (po * pc - 2 * pc + po) ** 2) / (n * (1 - pc) ** 4);
  // With p_o = 1 (every item agreed) the formula is (1 − p_c)² − (1 − p_c)² = 0 exactly; rounding would leave ±1e-16, whose
  // square root (1e-8) would widen the interval visibly.
  if (po === 1 || !Number.isFinite(variance) || variance < 0) variance = 0;
  let ci: [number, number] | null = null;
  if (kappa !== null) {
    const z = normalQuantile(1 - (1 - confidence) / 2);
    const half = z * Math.sqrt(variance);
    ci = [Math.max(-1, kappa - half), Math.min(1, kappa + half)];
  }
  return { n, agreement: po, chanceAgreement: pc, kappa, variance, ci, categories };
}
