// Special functions and distribution functions behind the intervals and tests of this folder.
//
// Conventions (as R's d/p/q functions): an invalid argument (NaN, a probability outside [0, 1], a shape
// parameter <= 0) gives NaN rather than an exception, so callers decide how to report it.

import { findRoot } from './findRoot.ts';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);
/** Relative size of the last term or factor at which a series or continued fraction is considered converged. */
const CONVERGED = Number.EPSILON;
/** Keeps modified Lentz's algorithm away from a division by zero (Thompson & Barnett 1986). */
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;

/** B_2k / (2k (2k - 1)) for k = 1..7: coefficients of the Stirling series of log Γ. */
const STIRLING = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156];
/** Below this the Stirling series is not yet accurate to double precision with seven terms. */
const STIRLING_FROM = 15;

/**
 * log |Γ(x)|. Stirling's asymptotic series (Abramowitz & Stegun 6.1.40) for x >= 15, where seven terms
 * leave an error below 1e-19; smaller x are shifted up with Γ(x) = Γ(x + k) / (x (x+1) ... (x+k-1)) and
 * x < 0.5 uses Euler's reflection formula. Infinity at the poles 0, -1, -2, ...
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);

  let y = x;
  let product = 1;
  while (y < STIRLING_FROM) {
    product *= y;
    y += 1;
  }
  const inverse = 1 / y;
  const inverseSquared = inverse * inverse;
  let series = 0;
  let power = inverse;
  for (const coefficient of STIRLING) {
    series += coefficient * power;
    power *= inverseSquared;
  }
  return (y - 0.5) * Math.log(y) - y + LOG_SQRT_2PI + series - Math.log(product);
}

/** log B(a, b) = log Γ(a) + log Γ(b) - log Γ(a + b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/**
 * The continued fraction of I_x(a, b) (Abramowitz & Stegun 26.5.8) evaluated by modified Lentz
 * (Lentz 1976; Thompson & Barnett 1986). It converges fast for x < (a + 1) / (a + b + 2); the caller
 * uses the symmetry I_x(a, b) = 1 - I_{1-x}(b, a) on the other side.
 */
function incompleteBetaFraction(x: number, a: number, b: number): number {
  const clamp = (v: number): number => (Math.abs(v) < TINY ? TINY : v);
  let c = 1;
  let d = 1 / clamp(1 - ((a + b) * x) / (a + 1));
  let result = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const twoM = 2 * m;
    const even = (m * (b - m) * x) / ((a + twoM - 1) * (a + twoM));
    d = 1 / clamp(1 + even * d);
    c = clamp(1 + even / c);
    result *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + twoM) * (a + twoM + 1));
    d = 1 / clamp(1 + odd * d);
    c = clamp(1 + odd / c);
    const factor = d * c;
    result *= factor;
    if (Math.abs(factor - 1) < CONVERGED) break;
  }
  return result;
}

/** The regularized incomplete beta function I_x(a, b) = P(X <= x) for X ~ Beta(a, b). */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (Number.isNaN(x) || !(a > 0) || !(b > 0)) return NaN;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  // x^a (1-x)^b / B(a, b), in logs; log1p keeps log(1 - x) accurate for small x.
  const logFront = a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) {
    return (Math.exp(logFront) * incompleteBetaFraction(x, a, b)) / a;
  }
  return 1 - (Math.exp(logFront) * incompleteBetaFraction(1 - x, b, a)) / b;
}

/** The p-quantile of Beta(a, b): the x with I_x(a, b) = p, found by bracketed root finding on [0, 1]. */
export function betaQuantile(p: number, a: number, b: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(a > 0) || !(b > 0)) return NaN;
  if (p === 0) return 0;
  if (p === 1) return 1;
  return findRoot((x) => regularizedIncompleteBeta(x, a, b) - p, 0, 1);
}

/** x^a e^-x / Γ(a), the common factor of both expansions of the incomplete gamma function, in logs. */
function logGammaFront(a: number, x: number): number {
  return a * Math.log(x) - x - logGamma(a);
}

/** P(a, x) by its power series (Abramowitz & Stegun 6.5.29); converges well for x < a + 1. */
function gammaPSeries(a: number, x: number): number {
  let denominator = a;
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n <= MAX_ITERATIONS; n++) {
    denominator += 1;
    term *= x / denominator;
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * CONVERGED) break;
  }
  return sum * Math.exp(logGammaFront(a, x));
}

/**
 * Q(a, x) by Legendre's continued fraction (Abramowitz & Stegun 6.5.31), evaluated by modified Lentz;
 * converges well for x > a + 1 and, unlike 1 - P, keeps full relative accuracy in the far upper tail.
 */
function gammaQFraction(a: number, x: number): number {
  const clamp = (v: number): number => (Math.abs(v) < TINY ? TINY : v);
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / clamp(b);
  let result = d;
  for (let n = 1; n <= MAX_ITERATIONS; n++) {
    const an = -n * (n - a);
    b += 2;
    d = 1 / clamp(an * d + b);
    c = clamp(b + an / c);
    const factor = d * c;
    result *= factor;
    if (Math.abs(factor - 1) < CONVERGED) break;
  }
  return result * Math.exp(logGammaFront(a, x));
}

/** The regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a). */
export function regularizedGammaP(a: number, x: number): number {
  if (Number.isNaN(x) || !(a > 0) || x < 0) return NaN;
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? gammaPSeries(a, x) : 1 - gammaQFraction(a, x);
}

/** The regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x), accurate in the upper tail. */
export function regularizedGammaQ(a: number, x: number): number {
  if (Number.isNaN(x) || !(a > 0) || x < 0) return NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  return x < a + 1 ? 1 - gammaPSeries(a, x) : gammaQFraction(a, x);
}

/** P(X > x) for X ~ chi-square with df degrees of freedom: Q(df / 2, x / 2). */
export function chiSquareSurvival(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x <= 0) return 1;
  return regularizedGammaQ(df / 2, x / 2);
}

/** Standard normal density. */
export function normalDensity(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT_2PI;
}

/**
 * Standard normal distribution function, through Φ(z) = Q(1/2, z²/2) / 2 for z < 0 (Abramowitz &
 * Stegun 26.2.30), which keeps relative accuracy deep in the lower tail.
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const tail = 0.5 * regularizedGammaQ(0.5, 0.5 * z * z);
  return z < 0 ? tail : 1 - tail;
}

/**
 * Standard normal quantile. simple-statistics' probit uses a closed-form approximation of erf⁻¹ that is
 * off in the third decimal (1.9572 instead of 1.9600 at 0.975), too coarse for confidence limits, so:
 * start from Hastings' rational approximation (Abramowitz & Stegun 26.2.23, |error| < 4.5e-4) and polish
 * with Halley's method on Φ(z) = p, which triples the number of correct digits per step.
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  // 1 - p is exact for p in [0.5, 1] (Sterbenz), so the symmetry costs nothing.
  if (p > 0.5) return -normalQuantile(1 - p);

  const t = Math.sqrt(-2 * Math.log(p));
  let z = -(
    t -
    (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + t * (1.432788 + t * (0.189269 + 0.001308 * t)))
  );
  for (let iteration = 0; iteration < 10; iteration++) {
    const density = normalDensity(z);
    // Beyond z ≈ -38 the density underflows; the starting value is then the best we have.
    if (!(density > 0)) break;
    const ratio = (normalCdf(z) - p) / density;
    const step = ratio / (1 + 0.5 * z * ratio);
    z -= step;
    if (Math.abs(step) <= 2 * Number.EPSILON * Math.abs(z)) break;
  }
  return z;
}
