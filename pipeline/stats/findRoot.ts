// Bracketed root finding for the monotone equations behind quantiles and exact confidence limits.

export interface FindRootOptions {
  /** Stop when the bracket is narrower than absoluteTolerance + relativeTolerance * |x| (default 0 and 4 eps). */
  absoluteTolerance?: number;
  relativeTolerance?: number;
  maxIterations?: number;
}

/**
 * A root of the continuous function f inside [lower, upper], where f(lower) and f(upper) have opposite
 * signs. Illinois variant of regula falsi (Dowell & Jarratt 1971): superlinear like the secant method but,
 * unlike it, never leaves the bracket. Plain regula falsi can stall with one end fixed on very curved
 * functions (incomplete beta tails), so a bisection step is forced whenever two steps failed to halve the
 * bracket; the worst case is then bisection, which ends when no double lies strictly inside the bracket.
 */
export function findRoot(
  f: (x: number) => number,
  lower: number,
  upper: number,
  options: FindRootOptions = {},
): number {
  const absoluteTolerance = options.absoluteTolerance ?? 0;
  const relativeTolerance = options.relativeTolerance ?? 4 * Number.EPSILON;
  const maxIterations = options.maxIterations ?? 2000;

  let a = lower;
  let b = upper;
  let fa = f(a);
  let fb = f(b);
  // The Illinois step scales fa down, so the true value is kept apart for choosing the answer.
  let faTrue = fa;
  if (Number.isNaN(fa) || Number.isNaN(fb))
    throw new RangeError('findRoot: f is NaN at an end of the bracket');
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (Math.sign(fa) === Math.sign(fb)) {
    throw new RangeError(`findRoot: f(${lower}) and f(${upper}) must have opposite signs`);
  }

  let widthTwoStepsAgo = Infinity;
  let widthOneStepAgo = Math.abs(b - a);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const width = Math.abs(b - a);
    if (width <= absoluteTolerance + relativeTolerance * Math.max(Math.abs(a), Math.abs(b))) break;

    const bisect = (a + b) / 2;
    let c = b - (fb * (b - a)) / (fb - fa);
    const inside = c > Math.min(a, b) && c < Math.max(a, b);
    if (!inside || !Number.isFinite(c) || width > widthTwoStepsAgo / 2) c = bisect;
    // No double strictly between a and b: the bracket cannot shrink any further.
    if (c === a || c === b) break;

    const fc = f(c);
    if (Number.isNaN(fc)) throw new RangeError(`findRoot: f is NaN at ${c}`);
    if (fc === 0) return c;
    if (Math.sign(fc) === Math.sign(fb)) {
      // b is replaced and a is kept: halving the kept value pulls the next secant towards a (Illinois).
      fa /= 2;
    } else {
      a = b;
      fa = fb;
      faTrue = fb;
    }
    b = c;
    fb = fc;
    widthTwoStepsAgo = widthOneStepAgo;
    widthOneStepAgo = width;
  }
  return Math.abs(faTrue) < Math.abs(fb) ? a : b;
}
