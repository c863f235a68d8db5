/**
 * Throws a RangeError unless x successes out of n trials (integers, 0 <= x <= n) and a confidence level
 * strictly between 0 and 1 make sense. Shared by the binomial interval functions so that they reject the
 * same inputs with the same messages.
 */
export function checkProportionArguments(caller: string, x: number, n: number, confidence: number): void {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`${caller}: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(x) || x < 0 || x > n) {
    throw new RangeError(`${caller}: x must be an integer from 0 to n = ${n}, got ${x}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`${caller}: confidence must be between 0 and 1, got ${confidence}`);
  }
}
