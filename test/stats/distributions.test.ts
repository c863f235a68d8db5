import { describe, expect, it } from 'vitest';
import {
  betaQuantile,
  chiSquareSurvival,
  logBeta,
  logGamma,
  normalCdf,
  normalDensity,
  normalQuantile,
  regularizedGammaP,
  regularizedGammaQ,
  regularizedIncompleteBeta,
} from '../../pipeline/stats/distributions.ts';
import { seededRandom } from '../../pipeline/stats/seededRandom.ts';

/** log n! by summing logs: exact up to rounding, independent of the Stirling series under test. */
function logFactorial(n: number): number {
  let sum = 0;
  for (let i = 2; i <= n; i++) sum += Math.log(i);
  return sum;
}

function binomialUpperTail(n: number, k: number, p: number): number {
  let sum = 0;
  for (let i = k; i <= n; i++)
    sum += Math.exp(logFactorial(n) - logFactorial(i) - logFactorial(n - i)) * p ** i * (1 - p) ** (n - i);
  return sum;
}

describe('logGamma', () => {
  it('matches known values', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 13);
    expect(logGamma(100)).toBeCloseTo(logFactorial(99), 11);
    expect(logGamma(1e6)).toBeCloseTo(logFactorial(1e6 - 1), 6);
  });

  it('gives log|Γ| for negative arguments (Γ(-1/2) = -2√π) and Infinity at the poles', () => {
    expect(logGamma(-0.5)).toBeCloseTo(Math.log(2 * Math.sqrt(Math.PI)), 14);
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(-3)).toBe(Infinity);
    expect(logGamma(NaN)).toBeNaN();
  });

  it('satisfies Γ(x + 1) = x Γ(x) across the switch to the Stirling series', () => {
    const random = seededRandom(11);
    for (let i = 0; i < 200; i++) {
      const x = 0.01 + random() * 30;
      expect(logGamma(x + 1)).toBeCloseTo(logGamma(x) + Math.log(x), 12);
    }
  });

  it('logBeta(a, b) = log(Γ(a)Γ(b)/Γ(a+b)); B(2, 3) = 1/12', () => {
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14);
  });
});

describe('regularizedIncompleteBeta', () => {
  it('matches closed forms', () => {
    // For integer a, b: I_x(a, b) = P(Binomial(a + b - 1, x) >= a); I_0.3(2, 3) = 1 - 0.7^4 - 4(0.3)(0.7)^3.
    expect(regularizedIncompleteBeta(0.3, 2, 3)).toBeCloseTo(0.3483, 14);
    for (const x of [1e-9, 0.01, 0.3, 0.5, 0.77, 0.999]) {
      expect(regularizedIncompleteBeta(x, 1, 1)).toBeCloseTo(x, 14);
      expect(regularizedIncompleteBeta(x, 3.5, 1)).toBeCloseTo(x ** 3.5, 14);
      expect(regularizedIncompleteBeta(x, 1, 7)).toBeCloseTo(1 - (1 - x) ** 7, 14);
    }
    // Large parameters lose a few digits to log Γ(a) + log Γ(b) - log Γ(a + b) (values near 2000 here).
    for (const a of [0.2, 0.7, 3, 50, 400]) expect(regularizedIncompleteBeta(0.5, a, a)).toBeCloseTo(0.5, 12);
  });

  it('equals the binomial upper tail for integer parameters', () => {
    const random = seededRandom(5);
    for (let i = 0; i < 100; i++) {
      const a = 1 + Math.floor(random() * 30);
      const b = 1 + Math.floor(random() * 30);
      const x = random();
      expect(regularizedIncompleteBeta(x, a, b)).toBeCloseTo(binomialUpperTail(a + b - 1, a, x), 12);
    }
  });

  it('satisfies I_x(a, b) = 1 - I_{1-x}(b, a)', () => {
    const random = seededRandom(6);
    for (let i = 0; i < 100; i++) {
      const a = 0.1 + random() * 20;
      const b = 0.1 + random() * 20;
      const x = random();
      expect(regularizedIncompleteBeta(x, a, b)).toBeCloseTo(1 - regularizedIncompleteBeta(1 - x, b, a), 13);
    }
  });

  it('is 0 and 1 outside (0, 1) and NaN for invalid parameters', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(-1, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    expect(regularizedIncompleteBeta(0.5, 0, 3)).toBeNaN();
    expect(regularizedIncompleteBeta(0.5, 2, -1)).toBeNaN();
    expect(regularizedIncompleteBeta(NaN, 2, 3)).toBeNaN();
  });
});

describe('betaQuantile', () => {
  it('matches closed forms', () => {
    // Beta(1, n): 1 - (1 - x)^n = p. Clopper-Pearson's upper limit for 0/10 is this at p = 0.975.
    expect(betaQuantile(0.975, 1, 10)).toBeCloseTo(1 - 0.025 ** (1 / 10), 14);
    expect(betaQuantile(0.975, 1, 10)).toBeCloseTo(0.3085, 4);
    // Beta(a, 1): x^a = p.
    expect(betaQuantile(0.3, 2.5, 1)).toBeCloseTo(0.3 ** (1 / 2.5), 14);
    expect(betaQuantile(0.5, 7, 7)).toBeCloseTo(0.5, 14);
    // I_0.3(2, 3) = 0.3483, so the 0.3483-quantile of Beta(2, 3) is 0.3.
    expect(betaQuantile(0.3483, 2, 3)).toBeCloseTo(0.3, 13);
  });

  it('inverts the incomplete beta function, including far tails', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 200; i++) {
      const a = 0.05 + random() * 200;
      const b = 0.05 + random() * 200;
      const p = i % 4 === 0 ? 10 ** (-12 * random()) : random();
      const x = betaQuantile(p, a, b);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
      expect(Math.abs(regularizedIncompleteBeta(x, a, b) - p) / p).toBeLessThan(1e-9);
    }
  });

  it('maps p = 0 and 1 to the ends and rejects invalid arguments with NaN', () => {
    expect(betaQuantile(0, 2, 3)).toBe(0);
    expect(betaQuantile(1, 2, 3)).toBe(1);
    expect(betaQuantile(1.2, 2, 3)).toBeNaN();
    expect(betaQuantile(0.5, 0, 3)).toBeNaN();
  });
});

describe('regularizedGammaP / regularizedGammaQ', () => {
  it('match closed forms on both sides of the series / continued-fraction switch', () => {
    for (const x of [0.01, 0.5, 1, 2.5, 4, 10, 30]) {
      expect(regularizedGammaP(1, x)).toBeCloseTo(1 - Math.exp(-x), 14);
      // Erlang / Poisson: P(3, x) = 1 - e^-x (1 + x + x²/2).
      expect(regularizedGammaQ(3, x)).toBeCloseTo(Math.exp(-x) * (1 + x + (x * x) / 2), 14);
      expect(regularizedGammaP(2.7, x) + regularizedGammaQ(2.7, x)).toBeCloseTo(1, 14);
    }
    // P(1/2, x²) = erf(x); erf(1) = 0.8427007929497149.
    expect(regularizedGammaP(0.5, 1)).toBeCloseTo(0.8427007929497149, 15);
  });

  it('keeps relative accuracy far in the upper tail', () => {
    const q = regularizedGammaQ(1, 700);
    expect(Math.abs(q - Math.exp(-700)) / Math.exp(-700)).toBeLessThan(1e-12);
  });

  it('handles the ends and invalid arguments', () => {
    expect(regularizedGammaP(2, 0)).toBe(0);
    expect(regularizedGammaQ(2, 0)).toBe(1);
    expect(regularizedGammaP(2, Infinity)).toBe(1);
    expect(regularizedGammaP(0, 1)).toBeNaN();
    expect(regularizedGammaP(2, -1)).toBeNaN();
  });
});

describe('chiSquareSurvival', () => {
  it('gives the textbook critical values', () => {
    expect(chiSquareSurvival(3.841459, 1)).toBeCloseTo(0.05, 7);
    expect(chiSquareSurvival(6.634897, 1)).toBeCloseTo(0.01, 7);
    expect(chiSquareSurvival(5.991465, 2)).toBeCloseTo(0.05, 7);
    expect(chiSquareSurvival(16.918978, 9)).toBeCloseTo(0.05, 7);
  });

  it('equals e^(-x/2) for 2 df and 2Φ(-√x) for 1 df, also in the far tail', () => {
    for (const x of [0.1, 1, 7, 40]) expect(chiSquareSurvival(x, 2)).toBeCloseTo(Math.exp(-x / 2), 14);
    // Φ(-10) = 7.619853024160527e-24.
    expect(chiSquareSurvival(100, 1) / (2 * 7.619853024160527e-24)).toBeCloseTo(1, 12);
  });

  it('is 1 at x <= 0 and NaN for df <= 0', () => {
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareSurvival(-2, 3)).toBe(1);
    expect(chiSquareSurvival(2, 0)).toBeNaN();
  });
});

describe('normalCdf / normalQuantile', () => {
  it('gives the textbook quantiles (to 1e-14, unlike simple-statistics probit)', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 14);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 14);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 13);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('gives known distribution-function values, with relative accuracy in the tail', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 15);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(-10) / 7.619853024160527e-24).toBeCloseTo(1, 12);
    expect(normalDensity(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 15);
  });

  it('is the inverse of the distribution function from 1e-300 to 1 - 1e-16', () => {
    const random = seededRandom(8);
    for (let i = 0; i < 300; i++) {
      const p = i % 2 === 0 ? 10 ** (-300 * random()) : random();
      const z = normalQuantile(p);
      expect(Math.abs(normalCdf(z) - p) / p).toBeLessThan(1e-12);
    }
  });

  it('is antisymmetric about 1/2', () => {
    const random = seededRandom(9);
    for (let i = 0; i < 100; i++) {
      // Away from 0, where 1 - q would round away the information in q.
      const q = 0.001 + 0.499 * random();
      expect(normalQuantile(1 - q)).toBeCloseTo(-normalQuantile(q), 12);
    }
  });

  it('maps 0 and 1 to infinities and rejects probabilities outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(NaN)).toBeNaN();
  });
});
