import { betaQuantile } from './distributions.ts';
import { checkProportionArguments } from './proportionArguments.ts';

/**
 * Clopper & Pearson (1934) "exact" interval for a binomial proportion x / n, by inverting two one-sided
 * binomial tests; the binomial tails are beta quantiles: lower = B⁻¹(α/2; x, n - x + 1),
 * upper = B⁻¹(1 - α/2; x + 1, n - x). Lower is 0 at x = 0 and upper is 1 at x = n, where the beta
 * parameters degenerate. n = 0 carries no information: [0, 1].
 */
export function clopperPearsonInterval(x: number, n: number, confidence = 0.95): [number, number] {
  checkProportionArguments('clopperPearsonInterval', x, n, confidence);
  if (n === 0) return [0, 1];
  const alpha = 1 - confidence;
  const lower = x === 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1);
  const upper = x === n ? 1 : betaQuantile(1 - alpha / 2, x + 1, n - x);
  return [lower, upper];
}
