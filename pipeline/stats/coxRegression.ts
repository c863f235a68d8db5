import { ascendingOrder } from './ascendingOrder.ts';
import { chiSquareSurvival, normalCdf, normalQuantile } from './distributions.ts';
import {
  choleskyDecompose,
  choleskyInverse,
  choleskySolve,
  type CholeskyDecomposition,
} from './solveLinearSystem.ts';

/** How tied event times enter the partial likelihood: Efron's (1977) approximation (coxph's default) or Breslow's (1974). */
export type CoxTies = 'efron' | 'breslow';

/** The settings of survival::coxph.control() that the fit uses, with its defaults. */
export interface CoxOptions {
  ties?: CoxTies;
  /** Convergence: stop when the relative change in the log partial likelihood is at most eps. Default 1e-9. */
  eps?: number;
  /** Default 20. */
  iterMax?: number;
  /** A pivot of the information matrix below tolerChol × its largest diagonal entry counts as 0. Default eps^0.75 of double precision. */
  tolerChol?: number;
  /** The "coefficient may be infinite" rule: a coefficient is flagged when the next Newton step would still move it by more than tolerInf × |coefficient|. Default sqrt(eps). */
  tolerInf?: number;
}

export interface CoxCoefficient {
  /** log hazard ratio per unit of the covariate. */
  coef: number;
  /** exp(coef). */
  hazard_ratio: number;
  /** Standard error from the inverse of the observed information (summary(coxph)'s se(coef)). */
  se: number;
  /** Wald z = coef / se and its two-sided normal p-value. */
  z: number;
  p_value: number;
  /** Wald 95% interval of the hazard ratio, exp(coef ± 1.96 se), as summary(coxph)'s lower .95 / upper .95. */
  ci95: [number, number];
  /**
   * The coefficient appears to diverge to ±∞ (monotone likelihood, e.g. complete separation): the
   * likelihood converged while a further Newton step would still move the coefficient far (coxph's
   * warning "Loglik converged before variable …; coefficient may be infinite"). Its estimate, se, z and
   * interval are then meaningless, though finite.
   */
  infinite: boolean;
  /**
   * Monotone likelihood for this coefficient, by a rule wider than coxph's warning (which looks only at
   * a fit that converged): `infinite`; or the fit ran out of iterations while a further Newton step
   * would still move the coefficient by more than tolerInf × |coefficient| (the likelihood still
   * rising as it runs off: each death the oldest at risk, say, where the relative change of the
   * log-likelihood never gets small because the log-likelihood itself tends to 0); or the information
   * about it has collapsed, its variance over DIVERGED_VARIANCE_RATIO times that at β = 0 (the other
   * coefficients of a model in which one runs off, once every death is as good as predicted). Its
   * estimate, standard error, Wald interval and p-value then mean nothing; the likelihood-ratio test
   * of the model still does.
   */
  diverges: boolean;
}

export interface ChiSquareTest {
  chisq: number;
  df: number;
  p_value: number;
}

export interface CoxFit {
  status: 'ok';
  ties: CoxTies;
  coefficients: CoxCoefficient[];
  /** Variance–covariance matrix of the coefficients (coxph's $var). */
  variance: number[][];
  /** Log partial likelihood at coefficients 0 and at the estimate (coxph's $loglik). */
  loglik: [number, number];
  /** Likelihood-ratio, Wald and score (log-rank) tests of all coefficients being 0, as summary(coxph) prints. */
  likelihood_ratio_test: ChiSquareTest;
  wald_test: ChiSquareTest;
  score_test: ChiSquareTest;
  n: number;
  events: number;
  /** coxph's $iter: the Newton–Raphson iterations used; iterMax + 1 when it ran out (R's loop counter). */
  iterations: number;
  converged: boolean;
  /** The values subtracted from each covariate (coxph's $means): 0 for a covariate whose values are all in {-1, 0, 1}, as coxph's nocenter. */
  means: number[];
  /** R's warnings for this fit, in R's words (non-convergence, possibly infinite coefficients). */
  warnings: string[];
}

/** Why there is no model: the data do not identify one. Programming errors (bad shapes, non-finite values) throw instead. */
export type CoxNoFit =
  | { status: 'no events'; n: number }
  /** A covariate with the same value for every patient (coxph would return NA for it). */
  | { status: 'constant covariate'; covariate: number }
  /** Covariates that are linear combinations of earlier ones, given the risk sets (coxph: "X matrix deemed to be singular"; NA coefficients). */
  | { status: 'singular'; covariates: number[] };

export type CoxRegressionResult = CoxFit | CoxNoFit;

export interface CoxData {
  /** Follow-up time of each patient (finite). */
  time: readonly number[];
  /** 1 = event (death), 0 = censored at that time. */
  event: readonly (0 | 1)[];
  /** Design matrix: one row per patient, one numeric column per covariate (already coded, e.g. 0/1 dummies). */
  covariates: readonly (readonly number[])[];
}

/**
 * CoxData as columns: the form in which 10^6 patients are a few typed arrays, not an array per patient.
 * Also what coxRegression fits after checking its rows.
 */
export interface CoxColumns {
  time: Float64Array;
  /** 1 = event (death), 0 = censored at that time. */
  event: Uint8Array;
  /** One column per covariate, one value per patient. */
  covariates: readonly Float64Array[];
  /**
   * The patients' indices in ascending time, equal times in index order (ascendingOrder(time)), when the
   * caller has it from a sort shared by several fits; checked, and computed when absent.
   */
  timeOrder?: Uint32Array;
}

const DEFAULT_EPS = 1e-9;
/**
 * A coefficient whose variance at the estimate is this many times its variance at β = 0 (its standard
 * error 1000 times) has lost the information about it: the likelihood is flat along it. No estimate a
 * Wald interval could describe does that; a diverging fit reaches 10^8 and more.
 */
export const DIVERGED_VARIANCE_RATIO = 1e6;
const CONFIDENCE = 0.95;

/**
 * Cox proportional-hazards regression (Cox 1972) by maximum partial likelihood, as survival::coxph with
 * its defaults (survival 3.5, coxph.fit and its C routine coxfit6):
 *
 * - covariates are centred on their mean and scaled by the reciprocal of their mean absolute deviation
 *   before fitting (except those with all values in {-1, 0, 1}, coxph's nocenter), which changes nothing
 *   but the rounding; results are on the original scale;
 * - Newton–Raphson from 0; a step that lowers the log-likelihood (or makes it non-finite) is pulled back
 *   towards the last good estimate, by half, then a third, …; convergence when
 *   |1 − loglik_previous / loglik| <= eps, at most iterMax iterations;
 * - ties by Efron (default) or Breslow; a patient censored at an event time is still at risk at it;
 * - an estimate flagged infinite when, with u the score and V the variance at the estimate, |(u V)_j| >
 *   eps and > tolerInf |β_j| (coxph.fit's rule).
 *
 * Not done (differences from coxph): weights, offsets, strata, robust variances, and coxph's timefix
 * (which merges times that differ only by floating-point error: here times are compared exactly). When
 * the fit runs out of iterations, the variance is computed at the last accepted estimate (R inverts a
 * matrix it has not refactored there, so R's se may differ in that case).
 */
export function coxRegression(data: CoxData, options: CoxOptions = {}): CoxRegressionResult {
  checkData(data);
  const nvar = data.covariates[0]!.length;
  return fit(
    {
      time: Float64Array.from(data.time),
      event: Uint8Array.from(data.event),
      covariates: Array.from({ length: nvar }, (_, j) =>
        Float64Array.from(data.covariates, (row) => row[j]!),
      ),
    },
    options,
  );
}

/** coxRegression of data given as columns (the same fit, bit for bit). */
export function coxRegressionOfColumns(data: CoxColumns, options: CoxOptions = {}): CoxRegressionResult {
  checkColumns(data);
  return fit(data, options);
}

function fit(data: CoxColumns, options: CoxOptions): CoxRegressionResult {
  const { time, event, covariates } = data;
  const ties = options.ties ?? 'efron';
  const eps = options.eps ?? DEFAULT_EPS;
  const iterMax = options.iterMax ?? 20;
  const tolerChol = options.tolerChol ?? Number.EPSILON ** 0.75;
  const tolerInf = options.tolerInf ?? Math.sqrt(eps);
  const n = time.length;
  if (!(Number.isInteger(iterMax) && iterMax >= 1)) {
    throw new RangeError(`coxRegression: iterMax must be a positive integer, got ${iterMax}`);
  }
  const nvar = covariates.length;

  let events = 0;
  for (let i = 0; i < n; i++) events += event[i]!;
  if (events === 0) return { status: 'no events', n };
  for (let j = 0; j < nvar; j++) {
    const column = covariates[j]!;
    const first = column[0]!;
    let constant = true;
    for (let p = 1; p < n && constant; p++) constant = column[p] === first;
    if (constant) return { status: 'constant covariate', covariate: j };
  }

  // Ascending time (ties in input order, as a stable sort); the likelihood walks it from the end,
  // accumulating risk sets. The covariates flat (patient p's j-th at p × nvar + j).
  const order = data.timeOrder ?? ascendingOrder(time);
  const sortedTime = new Float64Array(n);
  const sortedEvent = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    sortedTime[p] = time[order[p]!]!;
    sortedEvent[p] = event[order[p]!]!;
  }
  const flat = new Float64Array(n * nvar);
  for (let j = 0; j < nvar; j++) {
    const column = covariates[j]!;
    for (let p = 0; p < n; p++) flat[p * nvar + j] = column[order[p]!]!;
  }
  const { x, means, scale } = centreAndScale(flat, nvar);
  const model = new PartialLikelihood(sortedTime, sortedEvent, x, nvar, ties === 'efron');

  // Step 0, at β = 0: the null log-likelihood and the score test.
  let beta = new Array<number>(nvar).fill(0);
  let current = model.evaluate(beta);
  const nullLoglik = current.loglik;
  let decomposition = choleskyDecompose(current.information, tolerChol);
  // The variances at β = 0 (scaled), against which a collapsed information is told (null: singular there).
  const nullVariance =
    decomposition.rank === nvar ? choleskyInverse(decomposition).map((row, j) => row[j]!) : null;
  const firstStep = choleskySolve(decomposition, current.score);
  const scoreStatistic = current.score.reduce((sum, u, j) => sum + u * firstStep[j]!, 0);

  let bestLoglik = nullLoglik;
  let next = beta.map((b, j) => b + firstStep[j]!);
  let halving = 0;
  let converged = false;
  let iterations = 0;
  for (iterations = 1; iterations <= iterMax; iterations++) {
    const trial = model.evaluate(next);
    decomposition = choleskyDecompose(trial.information, tolerChol);
    const finite =
      Number.isFinite(trial.loglik) &&
      trial.score.every(Number.isFinite) &&
      trial.information.every((row) => row.every(Number.isFinite));
    if (finite && Math.abs(1 - bestLoglik / trial.loglik) <= eps) {
      beta = next;
      current = trial;
      converged = true;
      break;
    }
    if (!finite || trial.loglik < bestLoglik) {
      // Not converging: pull the step back towards the last good β, harder each time.
      halving++;
      next = next.map((b, j) => (b + halving * beta[j]!) / (halving + 1));
    } else {
      halving = 0;
      bestLoglik = trial.loglik;
      current = trial;
      const step = choleskySolve(decomposition, trial.score);
      beta = next;
      next = next.map((b, j) => b + step[j]!);
    }
  }
  if (!converged) {
    // As coxfit6: the last accepted estimate, with its likelihood, score and information.
    if (iterMax > 1) current = model.evaluate(beta);
    decomposition = choleskyDecompose(current.information, tolerChol);
  }

  if (decomposition.rank < nvar) {
    return { status: 'singular', covariates: decomposition.dropped.flatMap((d, j) => (d ? [j] : [])) };
  }
  return summarise({
    decomposition,
    scaledBeta: beta,
    scaledScore: current.score,
    scale,
    means,
    loglik: [nullLoglik, current.loglik],
    scoreStatistic,
    nullVariance,
    converged,
    iterations,
    iterMax,
    eps,
    tolerInf,
    tolerChol,
    ties,
    n,
    events,
    x,
    nvar,
  });
}

interface FitState {
  decomposition: CholeskyDecomposition;
  scaledBeta: number[];
  scaledScore: number[];
  scale: number[];
  means: number[];
  loglik: [number, number];
  scoreStatistic: number;
  /** The diagonal of the (scaled) variance at β = 0; null when the information there is singular. */
  nullVariance: number[] | null;
  converged: boolean;
  iterations: number;
  iterMax: number;
  eps: number;
  tolerInf: number;
  tolerChol: number;
  ties: CoxTies;
  n: number;
  events: number;
  /** The centred and scaled covariates, sorted by time, flat (patient p's j-th at p × nvar + j). */
  x: Float64Array;
  nvar: number;
}

/** Back to the original scale; standard errors, tests, intervals and the infinite-coefficient rule. */
function summarise(state: FitState): CoxFit {
  const { decomposition, scaledBeta, scaledScore, scale, eps, tolerInf } = state;
  const nvar = scale.length;
  const scaledVariance = choleskyInverse(decomposition);
  const coef = scaledBeta.map((b, j) => b * scale[j]!);
  const score = scaledScore.map((u, j) => u / scale[j]!);
  const variance = scaledVariance.map((row, i) => row.map((v, j) => v * scale[i]! * scale[j]!));
  const se = variance.map((row, j) => Math.sqrt(row[j]!));

  const warnings: string[] = [];
  let infinite = new Array<boolean>(nvar).fill(false);
  // |u' V|: how far one more Newton step would move each coefficient (coxph.fit's test, here also
  // after running out of iterations).
  const nextStep = variance.map((_, j) =>
    Math.abs(score.reduce((sum, u, i) => sum + u * variance[i]![j]!, 0)),
  );
  const runningOff = nextStep.map(
    (step, j) => !Number.isFinite(score[j]!) || (step > eps && step > tolerInf * Math.abs(coef[j]!)),
  );
  if (state.iterMax > 1) {
    if (!state.converged) {
      warnings.push('Ran out of iterations and did not converge');
      // R's linear predictor, centred: max over patients of (x - mean) β on the original scale.
      let largestPredictor = -Infinity;
      for (let p = 0; p < state.n; p++) {
        let eta = 0;
        for (let j = 0; j < state.nvar; j++) eta += state.x[p * state.nvar + j]! * scaledBeta[j]!;
        largestPredictor = Math.max(largestPredictor, eta);
      }
      if (largestPredictor > 500 || score.some((u) => !Number.isFinite(u))) {
        warnings.push('one or more coefficients may be infinite');
      }
    } else {
      infinite = runningOff;
      const flagged = infinite.flatMap((flag, j) => (flag ? [j + 1] : []));
      if (flagged.length > 0) {
        warnings.push(`Loglik converged before variable ${flagged.join(',')}; coefficient may be infinite.`);
      }
    }
  }

  const diverges = infinite.map(
    (flag, j) =>
      flag ||
      (state.iterMax > 1 && !state.converged && runningOff[j]!) ||
      (state.nullVariance !== null &&
        scaledVariance[j]![j]! > DIVERGED_VARIANCE_RATIO * state.nullVariance[j]!),
  );

  const zCritical = normalQuantile(1 - (1 - CONFIDENCE) / 2);
  const coefficients = coef.map((b, j): CoxCoefficient => {
    const z = b / se[j]!;
    return {
      coef: b,
      hazard_ratio: Math.exp(b),
      se: se[j]!,
      z,
      p_value: 2 * normalCdf(-Math.abs(z)),
      ci95: [Math.exp(b - zCritical * se[j]!), Math.exp(b + zCritical * se[j]!)],
      infinite: infinite[j]!,
      diverges: diverges[j]!,
    };
  });

  const df = nvar;
  const likelihoodRatio = 2 * (state.loglik[1] - state.loglik[0]);
  // Wald: β' V⁻¹ β, through a factorisation of V as coxph.wald.test does.
  const waldSolution = choleskySolve(choleskyDecompose(variance, state.tolerChol), coef);
  const wald = coef.reduce((sum, b, j) => sum + b * waldSolution[j]!, 0);
  const test = (chisq: number): ChiSquareTest => ({ chisq, df, p_value: chiSquareSurvival(chisq, df) });

  return {
    status: 'ok',
    ties: state.ties,
    coefficients,
    variance,
    loglik: state.loglik,
    likelihood_ratio_test: test(likelihoodRatio),
    wald_test: test(wald),
    score_test: test(state.scoreStatistic),
    n: state.n,
    events: state.events,
    iterations: state.iterations,
    converged: state.converged,
    means: state.means,
    warnings,
  };
}

/**
 * coxfit6's preparation: each covariate minus its mean, times n / Σ|x - mean| (so its mean absolute
 * deviation is 1); covariates with all values in {-1, 0, 1} are left as they are (mean reported as 0). Works in place on
 * the flat covariates (patient p's j-th at p × nvar + j).
 */
function centreAndScale(
  flat: Float64Array,
  nvar: number,
): {
  x: Float64Array;
  means: number[];
  scale: number[];
} {
  const n = flat.length / nvar;
  const x = flat;
  const means = new Array<number>(nvar).fill(0);
  const scale = new Array<number>(nvar).fill(1);
  for (let j = 0; j < nvar; j++) {
    let unitValues = true;
    for (let p = j; p < x.length && unitValues; p += nvar)
      unitValues = x[p] === -1 || x[p] === 0 || x[p] === 1;
    if (unitValues) continue;
    let sum = 0;
    for (let p = j; p < x.length; p += nvar) sum += x[p]!;
    const mean = sum / n;
    means[j] = mean;
    let absoluteDeviation = 0;
    for (let p = j; p < x.length; p += nvar) {
      x[p]! -= mean;
      absoluteDeviation += Math.abs(x[p]!);
    }
    const factor = absoluteDeviation > 0 ? n / absoluteDeviation : 1;
    scale[j] = factor;
    for (let p = j; p < x.length; p += nvar) x[p]! *= factor;
  }
  return { x, means, scale };
}

interface Evaluation {
  loglik: number;
  score: number[];
  information: number[][];
}

/** The log partial likelihood with its gradient (score) and negative Hessian (information), for data sorted by time. */
class PartialLikelihood {
  constructor(
    private readonly time: Float64Array,
    private readonly event: Uint8Array,
    /** Flat: patient p's j-th covariate at p × nvar + j. */
    private readonly x: Float64Array,
    private readonly nvar: number,
    private readonly efron: boolean,
  ) {}

  /**
   * The sums in flat Float64Arrays (entry i, j of a matrix at i × nvar + j), not arrays of arrays: the
   * same additions in the same order, so the same numbers, in about half the time at 10^6 patients.
   */
  evaluate(beta: readonly number[]): Evaluation {
    const { time, event, x, nvar, efron } = this;
    const b = Float64Array.from(beta);
    const score = new Float64Array(nvar);
    const information = new Float64Array(nvar * nvar);
    // Risk-set sums (everyone with time >= the current one): Σ r, Σ r x, Σ r x xᵀ, with r = exp(x β).
    let riskSum = 0;
    const riskX = new Float64Array(nvar);
    const riskXX = new Float64Array(nvar * nvar);
    // The same sums over the deaths at the current time only.
    const deathX = new Float64Array(nvar);
    const deathXX = new Float64Array(nvar * nvar);
    let loglik = 0;

    let person = time.length - 1;
    while (person >= 0) {
      const current = time[person]!;
      let deaths = 0;
      let deathRiskSum = 0;
      deathX.fill(0);
      deathXX.fill(0);
      for (; person >= 0 && time[person] === current; person--) {
        const at = person * nvar;
        let eta = 0;
        for (let j = 0; j < nvar; j++) eta += b[j]! * x[at + j]!;
        const risk = Math.exp(eta);
        if (event[person] === 0) {
          riskSum += risk;
          for (let i = 0; i < nvar; i++) {
            riskX[i]! += risk * x[at + i]!;
            for (let j = 0; j <= i; j++) riskXX[i * nvar + j]! += risk * x[at + i]! * x[at + j]!;
          }
        } else {
          deaths++;
          deathRiskSum += risk;
          loglik += eta;
          for (let i = 0; i < nvar; i++) {
            score[i]! += x[at + i]!;
            deathX[i]! += risk * x[at + i]!;
            for (let j = 0; j <= i; j++) deathXX[i * nvar + j]! += risk * x[at + i]! * x[at + j]!;
          }
        }
      }
      if (deaths === 0) continue;
      // Breslow: all deaths at once. Efron: the k-th of d deaths sees the dying at weight (d - k) / d,
      // which is adding a d-th of them per term (with one death the two agree).
      const terms = efron ? deaths : 1;
      const perTerm = deaths / terms;
      for (let k = 0; k < terms; k++) {
        riskSum += deathRiskSum / terms;
        loglik -= perTerm * Math.log(riskSum);
        for (let i = 0; i < nvar; i++) {
          riskX[i]! += deathX[i]! / terms;
          const mean = riskX[i]! / riskSum;
          score[i]! -= perTerm * mean;
          for (let j = 0; j <= i; j++) {
            riskXX[i * nvar + j]! += deathXX[i * nvar + j]! / terms;
            information[i * nvar + j]! += (perTerm * (riskXX[i * nvar + j]! - mean * riskX[j]!)) / riskSum;
          }
        }
      }
    }
    const matrix = Array.from({ length: nvar }, (_, i) =>
      Array.from({ length: nvar }, (_, j) => information[j <= i ? i * nvar + j : j * nvar + i]!),
    );
    return { loglik, score: Array.from(score), information: matrix };
  }
}

function checkColumns({ time, event, covariates, timeOrder }: CoxColumns): void {
  const n = time.length;
  if (timeOrder !== undefined) checkTimeOrder(time, timeOrder);
  if (n === 0) throw new RangeError('coxRegression: no patients');
  if (covariates.length === 0) throw new RangeError('coxRegression: needs at least one covariate');
  if (event.length !== n || covariates.some((column) => column.length !== n)) {
    throw new RangeError('coxRegression: time, event and covariates must have one entry per patient');
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(time[i]!))
      throw new RangeError(`coxRegression: times must be finite, got ${time[i]}`);
    if (event[i] !== 0 && event[i] !== 1)
      throw new RangeError(`coxRegression: events must be 0 or 1, got ${event[i]}`);
  }
  for (const column of covariates) {
    for (let i = 0; i < n; i++) {
      const v = column[i]!;
      if (!Number.isFinite(v)) throw new RangeError(`coxRegression: covariates must be finite, got ${v}`);
    }
  }
}

/** A time order given by the caller is a permutation in ascending time with ties in index order. */
function checkTimeOrder(time: Float64Array, order: Uint32Array): void {
  const seen = new Uint8Array(time.length);
  const wrong = () => new RangeError('coxRegression: timeOrder is not the ascending order of the times');
  if (order.length !== time.length) throw wrong();
  for (let p = 0; p < order.length; p++) {
    const i = order[p]!;
    if (i >= time.length || seen[i] === 1) throw wrong();
    seen[i] = 1;
    if (p > 0) {
      const before = order[p - 1]!;
      if (time[before]! > time[i]! || (time[before] === time[i] && before > i)) throw wrong();
    }
  }
}

function checkData({ time, event, covariates }: CoxData): void {
  const n = time.length;
  if (n === 0) throw new RangeError('coxRegression: no patients');
  if (event.length !== n || covariates.length !== n) {
    throw new RangeError('coxRegression: time, event and covariates must have one entry per patient');
  }
  const nvar = covariates[0]!.length;
  if (nvar === 0) throw new RangeError('coxRegression: needs at least one covariate');
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(time[i]!))
      throw new RangeError(`coxRegression: times must be finite, got ${time[i]}`);
    if (event[i] !== 0 && event[i] !== 1)
      throw new RangeError(`coxRegression: events must be 0 or 1, got ${event[i]}`);
    const row = covariates[i]!;
    if (row.length !== nvar)
      throw new RangeError('coxRegression: every row of covariates needs the same length');
    for (const v of row) {
      if (!Number.isFinite(v)) throw new RangeError(`coxRegression: covariates must be finite, got ${v}`);
    }
  }
}
