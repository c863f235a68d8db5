import { describe, expect, it } from 'vitest';
import { clopperPearsonInterval } from '../../pipeline/stats/clopperPearsonInterval.ts';
import { logGamma } from '../../pipeline/stats/distributions.ts';
import { randomInteger, seededRandom } from '../../pipeline/stats/seededRandom.ts';

/** P(X >= k) for X ~ Binomial(n, p), summed term by term: the definition the interval inverts. */
function binomialUpperTail(n: number, k: number, p: number): number {
  let sum = 0;
  for (let i = k; i <= n; i++) {
    const logChoose = logGamma(n + 1) - logGamma(i + 1) - logGamma(n - i + 1);
    sum += Math.exp(logChoose + i * Math.log(p) + (n - i) * Math.log1p(-p));
  }
  return sum;
}

describe('clopperPearsonInterval', () => {
  it('gives 0.5674–0.8342 for 35/49', () => {
    const [lower, upper] = clopperPearsonInterval(35, 49);
    expect(lower).toBeCloseTo(0.5674, 4);
    expect(upper).toBeCloseTo(0.8342, 4);
  });

  it('gives 0–0.3085 for 0/10 (upper = 1 - 0.025^(1/10)) and 0.6915–1 for 10/10', () => {
    expect(clopperPearsonInterval(0, 10)).toEqual([0, expect.closeTo(0.3085, 4)]);
    expect(clopperPearsonInterval(0, 10)[1]).toBeCloseTo(1 - 0.025 ** (1 / 10), 14);
    expect(clopperPearsonInterval(10, 10)).toEqual([expect.closeTo(0.6915, 4), 1]);
  });

  it('returns [0, 1] when n = 0', () => {
    expect(clopperPearsonInterval(0, 0)).toEqual([0, 1]);
  });

  it('has limits where the one-sided binomial tails equal alpha / 2', () => {
    const random = seededRandom(22);
    for (let i = 0; i < 100; i++) {
      const n = randomInteger(random, 1, 200);
      const x = randomInteger(random, 0, n);
      const [lower, upper] = clopperPearsonInterval(x, n);
      if (x > 0) expect(binomialUpperTail(n, x, lower)).toBeCloseTo(0.025, 10);
      if (x < n) expect(1 - binomialUpperTail(n, x + 1, upper)).toBeCloseTo(0.025, 10);
      expect(lower).toBeLessThanOrEqual(x / n);
      expect(upper).toBeGreaterThanOrEqual(x / n);
    }
  });

  it('rejects impossible counts and confidence levels', () => {
    expect(() => clopperPearsonInterval(3, 2)).toThrow(RangeError);
    expect(() => clopperPearsonInterval(1, -2)).toThrow(RangeError);
    expect(() => clopperPearsonInterval(1, 2, 0)).toThrow(RangeError);
  });
});
