import { normalQuantile } from './distributions.ts';
import { checkProportionArguments } from './proportionArguments.ts';

/**
 * Wilson (1927) score interval for a binomial proportion x / n: the set of p whose score test does not
 * reject at the given level. Unlike the Wald interval it stays inside [0, 1] and does not collapse to a
 * point at x = 0 or x = n. n = 0 carries no information: [0, 1].
 */
export function wilsonInterval(x: number, n: number, confidence = 0.95): [number, number] {
  checkProportionArguments('wilsonInterval', x, n, confidence);
  if (n === 0) return [0, 1];
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const z2 = z * z;
  const proportion = x / n;
  const centre = (x + z2 / 2) / (n + z2);
  const halfWidth = ((z * Math.sqrt(n)) / (n + z2)) * Math.sqrt(proportion * (1 - proportion) + z2 / (4 * n));
  // At x = 0 (x = n) the lower (upper) limit is 0 (1) in exact arithmetic; say so instead of leaving 1e-17.
  const lower = x === 0 ? 0 : Math.max(0, centre - halfWidth);
  const upper = x === n ? 1 : Math.min(1, centre + halfWidth);
  return [lower, upper];
}
