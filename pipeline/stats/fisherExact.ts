import { logGamma } from './distributions.ts';
import { findRoot } from './findRoot.ts';

export type TwoByTwoTable = readonly [readonly [number, number], readonly [number, number]];

export interface FisherExactResult {
  p_value: number;
  odds_ratio: number;
  odds_ratio_method: 'conditional MLE';
  ci95: [number, number];
}

/** R's fisher.test tolerance: tables this close to the observed probability count as equally likely. */
const RELATIVE_ERROR = 1 + 1e-7;
const CONFIDENCE = 0.95;

/**
 * logGamma(k + 1) for k = 0 … n, the log factorials: the same numbers logGamma gives (it is called for
 * each), to be looked up by the tests of one run instead of computed four times per value of the
 * support of every table (at 10^6 patients, Table 1's seven 2×2 tests alone called logGamma ~10^7 times).
 */
export function logFactorials(n: number): Float64Array {
  const table = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) table[k] = logGamma(k + 1);
  return table;
}

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/**
 * exp(logWeight) for a log weight at most 0, without calling exp where it is exactly 0 anyway: below
 * -746 exp underflows to 0 (V8's fdlibm exp returns 0 below -745.13...). At 10^6 patients most of the
 * support is that far out in the tails, and the root finders evaluate it ~10^2 times.
 */
const UNDERFLOW = -746;
const scaledWeight = (logWeight: number) => (logWeight < UNDERFLOW ? 0 : Math.exp(logWeight));

/**
 * The distribution of the top-left cell given all margins: noncentral hypergeometric with odds ratio
 * ψ = e^θ (Fisher 1935; Cornfield 1956). Weights are kept in logs and scaled by their maximum so that
 * extreme θ neither overflow nor underflow.
 */
class ConditionalDistribution {
  readonly support: number[];
  private readonly logCentral: number[];
  private buffer: Float64Array | undefined;

  /** `logFactorial`, when given, is logFactorials(m) for an m at least colOne + colTwo (else unused). */
  constructor(colOne: number, colTwo: number, rowOne: number, logFactorial?: Float64Array) {
    const lowest = Math.max(0, rowOne - colTwo);
    const highest = Math.min(rowOne, colOne);
    this.support = [];
    for (let x = lowest; x <= highest; x++) this.support.push(x);
    // logChoose(colOne, x) + logChoose(colTwo, rowOne - x) - logChoose(colOne + colTwo, rowOne), with the
    // terms that do not depend on x computed once (the same numbers: 4 logGamma per x instead of 9).
    const logGammaOne = logGamma(colOne + 1);
    const logGammaTwo = logGamma(colTwo + 1);
    const logTotal = logChoose(colOne + colTwo, rowOne);
    // Every argument below is an integer + 1 from 1 to colOne + colTwo + 1: a table lookup gives the
    // same number as the call.
    const table = logFactorial !== undefined && logFactorial.length > colOne + colTwo ? logFactorial : null;
    const lf = table ? (k: number) => table[k]! : (k: number) => logGamma(k + 1);
    this.logCentral = this.support.map(
      (x) =>
        logGammaOne -
        lf(x) -
        lf(colOne - x) +
        (logGammaTwo - lf(rowOne - x) - lf(colTwo - (rowOne - x))) -
        logTotal,
    );
  }

  get lowest(): number {
    return this.support[0]!;
  }

  get highest(): number {
    return this.support[this.support.length - 1]!;
  }

  /** Probabilities over the support at log odds ratio θ. */
  probabilities(theta: number): number[] {
    const logWeights = this.logCentral.map((l, i) => (theta === 0 ? l : l + theta * this.support[i]!));
    // A loop, not Math.max(...logWeights): spreading a support of ~10^5 values overflows the stack.
    const top = logWeights.reduce((m, l) => Math.max(m, l), -Infinity);
    const weights = logWeights.map((l) => scaledWeight(l - top));
    const total = weights.reduce((sum, w) => sum + w, 0);
    return weights.map((w) => w / total);
  }

  /**
   * Unnormalised weights at θ into a reused buffer, and their total: the same arithmetic, in the same
   * order, as probabilities(), without three new arrays per call (the root finders call this ~10^2
   * times over a support of up to n/2 values).
   */
  private weightsInto(theta: number): { weights: Float64Array; total: number; first: number; end: number } {
    const k = this.support.length;
    const weights = (this.buffer ??= new Float64Array(k));
    let top = -Infinity;
    for (let i = 0; i < k; i++) {
      const l = theta === 0 ? this.logCentral[i]! : this.logCentral[i]! + theta * this.support[i]!;
      weights[i] = l;
      top = Math.max(top, l);
    }
    let total = 0;
    let first = k;
    let end = 0;
    for (let i = 0; i < k; i++) {
      weights[i] = scaledWeight(weights[i]! - top);
      total += weights[i]!;
      if (weights[i] !== 0) {
        if (first === k) first = i;
        end = i + 1;
      }
    }
    return { weights, total, first, end };
  }

  /*
   * The sums below run over the weights from the first non-zero one to the last (first … end - 1): the
   * others are exactly 0 (underflowed), and adding 0 changes no sum, so the result is the same number
   * as over the whole support; at 10^6 patients the root finders ask ~10^2 sums over ~10^5 values,
   * nearly all of them 0.
   */

  mean(theta: number): number {
    const { weights, total, first, end } = this.weightsInto(theta);
    let sum = 0;
    for (let i = first; i < end; i++) sum += (weights[i]! / total) * this.support[i]!;
    return sum;
  }

  /** P(X <= x) or, with upper, P(X >= x); summing the small side directly keeps tail accuracy. */
  tail(x: number, theta: number, upper: boolean): number {
    const { weights, total, first, end } = this.weightsInto(theta);
    let sum = 0;
    for (let i = first; i < end; i++) {
      if (upper ? this.support[i]! >= x : this.support[i]! <= x) sum += weights[i]! / total;
    }
    return sum;
  }
}

/**
 * Root in θ of a monotone function of the log odds ratio: widen [-1, 1] until it brackets a sign change.
 * The functions used here tend to different limits at ±∞, so a bracket exists.
 */
function solveLogOddsRatio(g: (theta: number) => number): number {
  let lower = -1;
  let upper = 1;
  for (let widening = 0; widening < 60 && Math.sign(g(lower)) === Math.sign(g(upper)); widening++) {
    lower *= 2;
    upper *= 2;
  }
  return findRoot(g, lower, upper, { absoluteTolerance: 1e-14 });
}

function checkTable(table: TwoByTwoTable): void {
  for (const cell of table.flat()) {
    if (!Number.isInteger(cell) || cell < 0) {
      throw new RangeError(`fisherExact: cells must be non-negative integers, got ${cell}`);
    }
  }
}

/** The two-sided p: the tables no more likely than the one observed, as fisher.test sums them. */
function twoSidedP(distribution: ConditionalDistribution, a: number): number {
  const central = distribution.probabilities(0);
  const observed = central[a - distribution.lowest]!;
  const pValue = central.reduce((sum, p) => (p <= observed * RELATIVE_ERROR ? sum + p : sum), 0);
  return Math.min(1, pValue);
}

/**
 * The p-value of fisherExact alone, without the odds ratio and its interval (whose root finding is
 * most of the work at large n): for tables that report only the test, such as Table 1. `logFactorial`
 * as for fisherExact.
 */
export function fisherExactPValue(table: TwoByTwoTable, logFactorial?: Float64Array): number {
  checkTable(table);
  const [[a, b], [c, d]] = table;
  return twoSidedP(new ConditionalDistribution(a + c, b + d, a + b, logFactorial), a);
}

/**
 * Fisher's exact test for a 2 x 2 table [[a, b], [c, d]], the way R's fisher.test computes it.
 *
 * p_value (two-sided): total probability, under independence given the margins, of the tables no more
 * likely than the observed one (with R's relative tolerance 1e-7 for ties).
 *
 * odds_ratio: the conditional maximum-likelihood estimate, i.e. the ψ at which the mean of the
 * noncentral hypergeometric distribution equals a (not the sample ad / bc); 0 when a is the smallest
 * possible value given the margins and Infinity when it is the largest.
 *
 * ci95: exact conditional interval (Cornfield 1956): the ψ at which P(X >= a) and P(X <= a) equal
 * 0.025. R's fisher.test solves these equations with uniroot at its default tolerance
 * (about 1e-4 on ψ or 1/ψ), so R's limits agree with these only to about 4 significant digits, and less for
 * large limits: R prints 621.9337 for [[3, 1], [1, 3]] where the equation's root is 626.2435.
 *
 * `logFactorial` (logFactorials(m), m at least the table's total), when given, saves the log factorials'
 * computation; the result is the same.
 */
export function fisherExact(table: TwoByTwoTable, logFactorial?: Float64Array): FisherExactResult {
  checkTable(table);
  const [[a, b], [c, d]] = table;
  const distribution = new ConditionalDistribution(a + c, b + d, a + b, logFactorial);
  const { lowest, highest } = distribution;
  const pValue = twoSidedP(distribution, a);

  let oddsRatio: number;
  if (a === lowest) oddsRatio = 0;
  else if (a === highest) oddsRatio = Infinity;
  else oddsRatio = Math.exp(solveLogOddsRatio((theta) => distribution.mean(theta) - a));

  const alpha = (1 - CONFIDENCE) / 2;
  const lower =
    a === lowest ? 0 : Math.exp(solveLogOddsRatio((theta) => distribution.tail(a, theta, true) - alpha));
  const upper =
    a === highest
      ? Infinity
      : Math.exp(solveLogOddsRatio((theta) => distribution.tail(a, theta, false) - alpha));

  return {
    p_value: pValue,
    odds_ratio: oddsRatio,
    odds_ratio_method: 'conditional MLE',
    ci95: [lower, upper],
  };
}
