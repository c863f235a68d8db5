import { describe, expect, it } from 'vitest';
import {
  coxRegression,
  coxRegressionOfColumns,
  type CoxData,
  type CoxFit,
  type CoxOptions,
} from '../../pipeline/stats/coxRegression.ts';
import { randomInteger, seededRandom } from '../../pipeline/stats/seededRandom.ts';

// Reference values: R 4.2.2 with survival 3.5.3, options(digits = 17). For a fit `fit` and s <- summary(fit):
// coef(fit); sqrt(diag(fit$var)); s$coefficients[, "z"]; s$coefficients[, "Pr(>|z|)"];
// s$conf.int[, "lower .95"]; s$conf.int[, "upper .95"]; fit$loglik; fit$iter; fit$means;
// s$logtest; fit$wald.test; fit$score; fit$var.

/** survival::ovarian (public example data shipped with R): futime, fustat, age, resid.ds, rx, ecog.ps. */
const ovarian = {
  futime: [
    59, 115, 156, 421, 431, 448, 464, 475, 477, 563, 638, 744, 769, 770, 803, 855, 1040, 1106, 1129, 1206,
    1227, 268, 329, 353, 365, 377,
  ],
  fustat: [1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0] as (0 | 1)[],
  age: [
    72.3315, 74.4932, 66.4658, 53.3644, 50.3397, 56.4301, 56.937, 59.8548, 64.1753, 55.1781, 56.7562, 50.1096,
    59.6301, 57.0521, 39.2712, 43.1233, 38.8932, 44.6, 53.9068, 44.2055, 59.589, 74.5041, 43.137, 63.2192,
    64.4247, 58.3096,
  ],
  residDs: [2, 2, 2, 2, 2, 1, 2, 2, 2, 1, 1, 1, 2, 2, 1, 1, 2, 1, 1, 2, 1, 2, 2, 1, 2, 1],
  rx: [1, 1, 1, 2, 1, 1, 2, 2, 1, 2, 1, 2, 2, 2, 1, 1, 1, 1, 2, 2, 2, 1, 1, 2, 2, 2],
  ecogPs: [1, 1, 2, 1, 1, 2, 2, 2, 1, 2, 2, 1, 2, 1, 1, 2, 2, 1, 1, 1, 2, 2, 1, 2, 1, 1],
};

/** survival::aml: time, status, and x coded as maint = 1 for "Maintained"; many tied times. */
const aml = {
  time: [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161, 5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45],
  status: [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1] as (0 | 1)[],
  maint: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
};

function fit(data: CoxData, options?: CoxOptions): CoxFit {
  const result = coxRegression(data, options);
  if (result.status !== 'ok') throw new Error(`expected a fit, got ${result.status}`);
  return result;
}

/** Agreement to `digits` significant digits. */
function expectRelative(actual: number, expected: number, digits = 12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * 10 ** -digits);
}

function expectMatchesR(
  result: CoxFit,
  r: {
    coef: number[];
    se: number[];
    z: number[];
    p: number[];
    lower: number[];
    upper: number[];
    loglik: [number, number];
    iter: number;
    means: number[];
    lr: number;
    wald: number;
    score: number;
    /** fit$var, column-major as R prints it. */
    variance: number[];
  },
): void {
  const k = r.coef.length;
  expect(result.coefficients).toHaveLength(k);
  result.coefficients.forEach((c, j) => {
    expectRelative(c.coef, r.coef[j]!);
    expectRelative(c.hazard_ratio, Math.exp(r.coef[j]!));
    expectRelative(c.se, r.se[j]!);
    expectRelative(c.z, r.z[j]!);
    expectRelative(c.p_value, r.p[j]!, 11);
    expectRelative(c.ci95[0], r.lower[j]!, 11);
    expectRelative(c.ci95[1], r.upper[j]!, 11);
    expect(c.infinite).toBe(false);
    expect(c.diverges).toBe(false);
  });
  expectRelative(result.loglik[0], r.loglik[0]);
  expectRelative(result.loglik[1], r.loglik[1]);
  expect(result.iterations).toBe(r.iter);
  expect(result.converged).toBe(true);
  result.means.forEach((m, j) => expectRelative(m, r.means[j]!, 14));
  expectRelative(result.likelihood_ratio_test.chisq, r.lr, 11);
  expectRelative(result.wald_test.chisq, r.wald, 11);
  expectRelative(result.score_test.chisq, r.score, 11);
  for (const test of [result.likelihood_ratio_test, result.wald_test, result.score_test])
    expect(test.df).toBe(k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) expectRelative(result.variance[i]![j]!, r.variance[j * k + i]!, 11);
  expect(result.warnings).toEqual([]);
}

describe('coxRegression against survival::coxph', () => {
  it('ovarian, two covariates: coxph(Surv(futime, fustat) ~ age + ecog.ps, data = ovarian)', () => {
    const result = fit({
      time: ovarian.futime,
      event: ovarian.fustat,
      covariates: ovarian.age.map((a, i) => [a, ovarian.ecogPs[i]!]),
    });
    expectMatchesR(result, {
      coef: [0.16150122036466838, 0.018661860233281993],
      se: [0.049922587261013826, 0.59908458776243589],
      z: [3.235033062695249, 0.031150626496641347],
      p: [0.0012162864565833955, 0.97514941513257181],
      lower: [1.0657243910330809, 0.31489300784941693],
      upper: [1.2960843664895838, 3.2964498156839332],
      loglik: [-34.984940371162558, -27.837661696013249],
      iter: 5,
      means: [56.165442307692309, 1.4615384615384615],
      lr: 14.294557350298618,
      wald: 10.542335381751155,
      score: 12.260557914902501,
      variance: [0.0024922647188335401, -0.0022682846057225968, -0.0022682846057225968, 0.35890234329448772],
    });
    // s$logtest, s$waldtest, s$sctest p-values
    expectRelative(result.likelihood_ratio_test.p_value, 0.00078700286027607897, 11);
    expectRelative(result.wald_test.p_value, 0.0051376079311938327, 11);
    expectRelative(result.score_test.p_value, 0.0021759738719177926, 11);
    expect(result).toMatchObject({ n: 26, events: 12, ties: 'efron' });
  });

  it('ovarian, three covariates: coxph(Surv(futime, fustat) ~ age + resid.ds + rx, data = ovarian)', () => {
    const result = fit({
      time: ovarian.futime,
      event: ovarian.fustat,
      covariates: ovarian.age.map((a, i) => [a, ovarian.residDs[i]!, ovarian.rx[i]!]),
    });
    expectMatchesR(result, {
      coef: [0.12854651958297592, 0.69638585763350835, -0.84889864032788531],
      se: [0.047297557008551191, 0.75853293019198731, 0.63920479749442083],
      z: [2.7178257760698985, 0.91806938092621859, -1.3280542381024523],
      p: [0.0065712429704579516, 0.35858254374433185, 0.18416018965838771],
      lower: [1.0364951889884, 0.45370350515537133, 0.12224634825938652],
      upper: [1.2476328399153003, 8.8736222324609919, 1.4976837402935119],
      loglik: [-34.984940371162558, -26.601153872823833],
      iter: 5,
      means: [56.165442307692309, 1.5769230769230769, 1.5],
      lr: 16.767572996677451,
      wald: 14.627755502361417,
      score: 20.757325835277094,
      variance: [
        0.0022370588989771498, -0.013042900043851618, 0.0052337394187150707, -0.013042900043851618,
        0.57537220618564222, -0.047849225023598778, 0.0052337394187150707, -0.047849225023598778,
        0.4085827731398835,
      ],
    });
    expectRelative(result.likelihood_ratio_test.p_value, 0.00078894365365760142, 11);
  });

  it('ovarian, one covariate coded 1/2 (centred, mean 1.5): coxph(Surv(futime, fustat) ~ rx, data = ovarian)', () => {
    const result = fit({
      time: ovarian.futime,
      event: ovarian.fustat,
      covariates: ovarian.rx.map((v) => [v]),
    });
    expectMatchesR(result, {
      coef: [-0.59638004939228251],
      se: [0.58698952636648138],
      z: [-1.0159977693025108],
      p: [0.30963044880655299],
      lower: [0.17432073353539015],
      upper: [1.7403709524858073],
      loglik: [-34.984940371162558, -34.459213796738055],
      iter: 3,
      means: [1.5],
      lr: 1.0514531488490064,
      wald: 1.0322514672276781,
      score: 1.0627398612914138,
      variance: [0.34455670406394612],
    });
  });

  // aml has tied death times (5, 5; 8, 8; 13, 13 with a censoring; 23, 23; 45, 45 with a censoring), so
  // Efron and Breslow differ. maint is 0/1, which coxph does not centre: means 0.
  it('aml, ties by Efron: coxph(Surv(time, status) ~ maint, data = aml), maint <- as.numeric(aml$x == "Maintained")', () => {
    const result = fit({ time: aml.time, event: aml.status, covariates: aml.maint.map((v) => [v]) });
    expectMatchesR(result, {
      coef: [-0.91553257501471752],
      se: [0.5119342751720054],
      z: [-1.7883791326671898],
      p: [0.073714860639045754],
      lower: [0.14676753818220681],
      upper: [1.0918135999915148],
      loglik: [-42.72483926276022, -41.032615596458385],
      iter: 3,
      means: [0],
      lr: 3.3844473326036706,
      wald: 3.1982999221594506,
      score: 3.4167343955173028,
      variance: [0.26207670209588652],
    });
    expect(result).toMatchObject({ n: 23, events: 18 });
  });

  it('aml, ties by Breslow: coxph(Surv(time, status) ~ maint, data = aml, ties = "breslow")', () => {
    const result = fit(
      { time: aml.time, event: aml.status, covariates: aml.maint.map((v) => [v]) },
      { ties: 'breslow' },
    );
    expect(result.ties).toBe('breslow');
    expectMatchesR(result, {
      coef: [-0.9042197236857008],
      se: [0.51224790730415115],
      z: [-1.7651994489238847],
      p: [0.077530251208617923],
      lower: [0.14834610721169966],
      upper: [1.1049142451802119],
      loglik: [-42.898123897174031, -41.25011435006887],
      iter: 3,
      means: [0],
      lr: 3.2960190942103225,
      wald: 3.1159290944811864,
      score: 3.3225614162730652,
      variance: [0.26239791853748223],
    });
  });
});

// Synthetic data, made up for these tests (no patients): small cohorts of the size a pooled case review has.
const separated: CoxData = {
  // The three patients with x = 1 die first: the partial likelihood increases without bound in β.
  time: [1, 2, 3, 4, 5, 6, 7, 8],
  event: [1, 1, 1, 1, 1, 0, 1, 0],
  covariates: [1, 1, 1, 0, 0, 0, 0, 0].map((x) => [x]),
};
const separatedWithAge: CoxData = {
  time: [2, 3, 5, 7, 8, 10, 12, 15, 18, 20],
  event: [1, 1, 0, 1, 1, 0, 1, 1, 0, 1],
  covariates: [
    [1, 61],
    [1, 45],
    [1, 70],
    [0, 52],
    [0, 66],
    [0, 58],
    [0, 49],
    [0, 73],
    [0, 55],
    [0, 62],
  ],
};
const smallReview: CoxData = {
  // 14 patients, 7 deaths, a tie at 12 months; covariates age and caval extension (0/1).
  time: [3, 8, 12, 12, 20, 25, 30, 36, 41, 48, 60, 6, 15, 18],
  event: [1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1],
  covariates: [
    [54, 1],
    [61, 0],
    [47, 1],
    [70, 1],
    [39, 0],
    [66, 0],
    [52, 0],
    [45, 1],
    [58, 0],
    [63, 0],
    [41, 0],
    [72, 1],
    [50, 0],
    [68, 1],
  ],
};

describe('coxRegression: separation, small cohorts, non-convergence (synthetic data, R reference values)', () => {
  it('flags a coefficient diverging to infinity, with R’s estimate after 19 iterations', () => {
    // sep <- data.frame(time = c(1, 2, 3, 4, 5, 6, 7, 8), status = c(1, 1, 1, 1, 1, 0, 1, 0), x = c(1, 1, 1, 0, 0, 0, 0, 0))
    // coxph(Surv(time, status) ~ x, data = sep): coef 21.892463735812676, se 18740.551988986888, iter 19,
    // loglik -9.50599061407714 -5.4806389261893038, lr 8.0507033757756723, score 8.1758208039275875,
    // warning "Loglik converged before variable  1 ; coefficient may be infinite."
    const result = fit(separated);
    const [x] = result.coefficients;
    expect(x!.infinite).toBe(true);
    expect(x!.diverges).toBe(true);
    expectRelative(x!.coef, 21.892463735812676, 6);
    expectRelative(x!.se, 18740.551988986888, 4);
    expect(result.iterations).toBe(19);
    expect(result.converged).toBe(true);
    expectRelative(result.loglik[1], -5.4806389261893038, 10);
    expectRelative(result.likelihood_ratio_test.chisq, 8.0507033757756723, 9);
    expectRelative(result.score_test.chisq, 8.1758208039275875, 12);
    expect(x!.ci95[0]).toBeLessThan(1e-10);
    expect(x!.ci95[1]).toBe(Infinity);
    expect(result.warnings).toEqual(['Loglik converged before variable 1; coefficient may be infinite.']);
  });

  it('flags only the separated covariate when another one is estimable', () => {
    // sep2 <- data.frame(time = c(2, 3, 5, 7, 8, 10, 12, 15, 18, 20), status = c(1, 1, 0, 1, 1, 0, 1, 1, 0, 1),
    //   x = c(1, 1, 1, 0, 0, 0, 0, 0, 0, 0), age = c(61, 45, 70, 52, 66, 58, 49, 73, 55, 62))
    // coxph(Surv(time, status) ~ x + age, data = sep2): coef 20.93992002032288 -0.025827483291857252,
    // se 15033.391195135471 0.045475279924360582, iter 18, loglik -10.722385938401633 -7.8478814270858361,
    // lr 5.7490090226315935; warning for variable 1 only.
    const result = fit(separatedWithAge);
    const [x, age] = result.coefficients;
    expect(x!.infinite).toBe(true);
    expect(age!.infinite).toBe(false);
    // The other coefficient keeps its information: estimable.
    expect([x!.diverges, age!.diverges]).toEqual([true, false]);
    expectRelative(x!.coef, 20.93992002032288, 6);
    expectRelative(age!.coef, -0.025827483291857252, 8);
    expectRelative(age!.se, 0.045475279924360582, 8);
    expect(result.iterations).toBe(18);
    expectRelative(result.likelihood_ratio_test.chisq, 5.7490090226315935, 9);
    expect(result.warnings).toEqual(['Loglik converged before variable 1; coefficient may be infinite.']);
  });

  it('fits a small review-sized cohort with a tie, Efron and Breslow', () => {
    // small <- data.frame(time = c(3, 8, 12, 12, 20, 25, 30, 36, 41, 48, 60, 6, 15, 18),
    //   status = c(1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1),
    //   age = c(54, 61, 47, 70, 39, 66, 52, 45, 58, 63, 41, 72, 50, 68), ivc = c(1, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1))
    // coxph(Surv(time, status) ~ age + ivc, data = small)
    expectMatchesR(fit(smallReview), {
      coef: [0.066890637902933744, 2.4964881035369415],
      se: [0.044363620642750283, 1.2017181931276082],
      z: [1.5077813067059651, 2.0774322281329098],
      p: [0.13161050798599633, 0.037761684250417107],
      lower: [0.98013941152129569, 1.1516131809255838],
      upper: [1.1663062885568645, 127.97212690263368],
      loglik: [-14.874300352445211, -9.8757891305468561],
      iter: 4,
      means: [56.142857142857146, 0],
      lr: 9.997022443796709,
      wald: 6.3016839553821891,
      score: 10.136421907355176,
      variance: [0.0019681308365338593, 0.0025708955498617999, 0.0025708955498617999, 1.4441266156938837],
    });
    // coxph(Surv(time, status) ~ age + ivc, data = small, ties = "breslow")
    expectMatchesR(fit(smallReview, { ties: 'breslow' }), {
      coef: [0.065848221723771985, 2.4533686224039428],
      se: [0.044080165945372118, 1.206588897725561],
      z: [1.493828807390986, 2.0333094619290639],
      p: [0.13522037000930223, 0.042021267836859749],
      lower: [0.97966234171202082, 1.0925318913361888],
      upper: [1.1644440460328427, 123.74703061021265],
      loglik: [-14.969610532249536, -10.153571928820021],
      iter: 5,
      means: [56.142857142857146, 0],
      lr: 9.6320772068590301,
      wald: 6.0887987165482755,
      score: 9.6381007057257957,
      variance: [0.0019430610297715436, 0.0025482102852441078, 0.0025482102852441078, 1.4558567681145842],
    });
  });

  it('reports running out of iterations as R does', () => {
    // coxph(Surv(futime, fustat) ~ age + ecog.ps, data = ovarian, control = coxph.control(iter.max = 2)):
    // warning "Ran out of iterations and did not converge", iter 3, coef 0.15750965564612138 0.0097066781811672807,
    // loglik -34.984940371162558 -27.841109604069821
    const data = {
      time: ovarian.futime,
      event: ovarian.fustat,
      covariates: ovarian.age.map((a, i) => [a, ovarian.ecogPs[i]!]),
    };
    const result = fit(data, { iterMax: 2 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(3);
    expectRelative(result.coefficients[0]!.coef, 0.15750965564612138);
    expectRelative(result.coefficients[1]!.coef, 0.0097066781811672807);
    expectRelative(result.loglik[1], -27.841109604069821);
    expect(result.warnings).toEqual(['Ran out of iterations and did not converge']);
    expect(result.coefficients.every((c) => !c.infinite)).toBe(true);
  });
});

/**
 * The shipped adrenal cohort's 9 patients with an outcome and a follow-up time (data/adrenal-lms, as of
 * ADRENAL_CASES_SHA256_OF_R_VALUES): each of the 3 deaths is the oldest patient at risk, so the
 * likelihood of age rises without end (monotone likelihood), and no death had surgery.
 *   a <- data.frame(time = c(21 / 30.4375, 6, 8, 10, 10, 12, 21, 31, 53), dead = c(1, 0, 1, 0, 0, 0, 0, 0, 1),
 *     age = c(73, 49, 71, 64, 34, 69, 60, 62, 48), surgery = c(0, 1, 0, 1, 1, 1, 1, 1, 1))
 */
const adrenal = {
  time: [21 / 30.4375, 6, 8, 10, 10, 12, 21, 31, 53],
  event: [1, 0, 1, 0, 0, 0, 0, 0, 1] as (0 | 1)[],
  age: [73, 49, 71, 64, 34, 69, 60, 62, 48],
  surgery: [0, 1, 0, 1, 1, 1, 1, 1, 1],
};

describe('coxRegression: monotone likelihood that coxph does not flag (the adrenal cohort, R reference values)', () => {
  it('age, each death the oldest at risk: runs out of iterations, and the coefficient is named diverging', () => {
    // coxph(Surv(time, dead) ~ age, data = a): warning "Ran out of iterations and did not converge" (and
    // no "coefficient may be infinite", which coxph checks only after converging); coef 8.6527137215707359,
    // se 2024.3274951074573, loglik -4.1431347263915326 -6.1006801388430176e-08, $logtest 8.2862693307694624
    // df 1 p 0.0039945971560664626, iter 21
    const result = fit({ time: adrenal.time, event: adrenal.event, covariates: adrenal.age.map((x) => [x]) });
    const [age] = result.coefficients;
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(21);
    expect(result.warnings).toEqual(['Ran out of iterations and did not converge']);
    expectRelative(age!.coef, 8.6527137215707359, 8);
    expectRelative(age!.se, 2024.3274951074573, 5);
    expectRelative(result.loglik[0], -4.1431347263915326, 13);
    expectRelative(result.likelihood_ratio_test.chisq, 8.2862693307694624, 10);
    expectRelative(result.likelihood_ratio_test.p_value, 0.0039945971560664626, 9);
    expect(age!.infinite).toBe(false);
    expect(age!.diverges).toBe(true);
  });

  it('age + surgery: both coefficients lose their information (every death is predicted), both diverge', () => {
    // coxph(Surv(time, dead) ~ age + surgery, data = a): "Ran out of iterations and did not converge";
    // coef 9.2897985220403871 -1.4250862636224502, se 4860.5147241659743 22078.104540891061 (R's se
    // after running out comes from a matrix it did not refactor: see coxRegression's comment),
    // loglik -4.1431347263915326 -1.0582198228803463e-08, $logtest 8.2862694316186687 df 2
    // p 0.015873016040987276, iter 21
    const result = fit({
      time: adrenal.time,
      event: adrenal.event,
      covariates: adrenal.age.map((x, i) => [x, adrenal.surgery[i]!]),
    });
    expect(result.converged).toBe(false);
    expectRelative(result.coefficients[0]!.coef, 9.2897985220403871, 7);
    expectRelative(result.coefficients[1]!.coef, -1.4250862636224502, 6);
    expectRelative(result.likelihood_ratio_test.chisq, 8.2862694316186687, 10);
    expectRelative(result.likelihood_ratio_test.p_value, 0.015873016040987276, 9);
    expect(result.coefficients.map((c) => [c.infinite, c.diverges])).toEqual([
      [false, true],
      [false, true],
    ]);
  });

  it('surgery, no death after surgery: flagged by coxph itself', () => {
    // coxph(Surv(time, dead) ~ surgery, data = a): "Loglik converged before variable  1 ; coefficient may
    // be infinite."; coef -24.568026638549362, $logtest 6.8999750912567359 p 0.0086196950554756502, iter 20
    const result = fit({
      time: adrenal.time,
      event: adrenal.event,
      covariates: adrenal.surgery.map((x) => [x]),
    });
    expect(result.iterations).toBe(20);
    expectRelative(result.coefficients[0]!.coef, -24.568026638549362, 6);
    expectRelative(result.likelihood_ratio_test.chisq, 6.8999750912567359, 10);
    expect([result.coefficients[0]!.infinite, result.coefficients[0]!.diverges]).toEqual([true, true]);
  });
});

describe('coxRegression: no model', () => {
  it('has no model without events', () => {
    expect(coxRegression({ time: [1, 2, 3], event: [0, 0, 0], covariates: [[1], [2], [3]] })).toEqual({
      status: 'no events',
      n: 3,
    });
  });

  it('names a covariate without variance instead of returning NaN', () => {
    expect(
      coxRegression({
        time: [1, 2, 3, 4],
        event: [1, 0, 1, 1],
        covariates: [
          [1, 5],
          [2, 5],
          [3, 5],
          [4, 5],
        ],
      }),
    ).toEqual({ status: 'constant covariate', covariate: 1 });
  });

  it('names a covariate collinear with an earlier one (R: coef NA for I(2 * age))', () => {
    // coxph(Surv(futime, fustat) ~ age + I(2 * age), data = ovarian): age 0.16161985740631596, I(2 * age) NA
    const result = coxRegression({
      time: ovarian.futime,
      event: ovarian.fustat,
      covariates: ovarian.age.map((a) => [a, 2 * a]),
    });
    expect(result).toEqual({ status: 'singular', covariates: [1] });
  });

  it('names a covariate that varies only outside every risk set with a death (no information)', () => {
    // d <- data.frame(time = c(1, 2, 3, 4, 5), status = c(0, 1, 1, 0, 1), x = c(5, 0, 0, 0, 0), z = c(1.5, 2, 0.3, 4, 1))
    // coef(coxph(Surv(time, status) ~ z + x, data = d)): z -0.3564217, x NA (synthetic data)
    const result = coxRegression({
      time: [1, 2, 3, 4, 5],
      event: [0, 1, 1, 0, 1],
      covariates: [
        [1.5, 5],
        [2, 0],
        [0.3, 0],
        [4, 0],
        [1, 0],
      ],
    });
    expect(result).toEqual({ status: 'singular', covariates: [1] });
  });

  it('throws on malformed input', () => {
    expect(() => coxRegression({ time: [1, 2], event: [1], covariates: [[1], [2]] })).toThrow(RangeError);
    expect(() => coxRegression({ time: [1, NaN], event: [1, 0], covariates: [[1], [2]] })).toThrow(
      RangeError,
    );
    expect(() => coxRegression({ time: [1, 2], event: [1, 2 as 1], covariates: [[1], [2]] })).toThrow(
      RangeError,
    );
    expect(() => coxRegression({ time: [1, 2], event: [1, 0], covariates: [[1], [Infinity]] })).toThrow(
      RangeError,
    );
    expect(() => coxRegression({ time: [1, 2], event: [1, 0], covariates: [[], []] })).toThrow(RangeError);
    expect(() =>
      coxRegression({ time: [1, 2], event: [1, 0], covariates: [[1], [2]] }, { iterMax: 0 }),
    ).toThrow(RangeError);
  });
});

describe('coxRegression: invariances (seeded synthetic data)', () => {
  function randomCohort(seed: number, n: number): CoxData {
    const random = seededRandom(seed);
    const time: number[] = [];
    const event: (0 | 1)[] = [];
    const covariates: number[][] = [];
    for (let i = 0; i < n; i++) {
      const age = randomInteger(random, 30, 80);
      const flag = random() < 0.4 ? 1 : 0;
      // Integer months, so that ties occur.
      time.push(1 + Math.floor(-Math.log(1 - random()) * 30 * Math.exp(-0.02 * (age - 55) - 0.7 * flag)));
      event.push(random() < 0.7 ? 1 : 0);
      covariates.push([age, flag]);
    }
    return { time, event, covariates };
  }

  it('does not depend on the order of the patients', () => {
    for (const seed of [1, 2, 3]) {
      const data = randomCohort(seed, 35);
      const random = seededRandom(seed + 100);
      const order = data.time.map((_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = randomInteger(random, 0, i);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const permuted: CoxData = {
        time: order.map((i) => data.time[i]!),
        event: order.map((i) => data.event[i]!),
        covariates: order.map((i) => data.covariates[i]!),
      };
      for (const ties of ['efron', 'breslow'] as const) {
        const a = fit(data, { ties });
        const b = fit(permuted, { ties });
        a.coefficients.forEach((c, j) => {
          expectRelative(b.coefficients[j]!.coef, c.coef, 9);
          expectRelative(b.coefficients[j]!.se, c.se, 9);
        });
        expectRelative(b.loglik[1], a.loglik[1], 12);
        expect(b.iterations).toBe(a.iterations);
      }
    }
  });

  it('scales a coefficient by 1/c when its covariate is scaled by c, and ignores shifts', () => {
    const data = randomCohort(9, 30);
    const base = fit(data);
    for (const c of [0.1, 12, -3]) {
      const scaled = fit({ ...data, covariates: data.covariates.map(([age, flag]) => [age! * c, flag!]) });
      expectRelative(scaled.coefficients[0]!.coef, base.coefficients[0]!.coef / c, 9);
      expectRelative(scaled.coefficients[0]!.se, base.coefficients[0]!.se / Math.abs(c), 9);
      expectRelative(scaled.coefficients[1]!.coef, base.coefficients[1]!.coef, 9);
      expectRelative(scaled.loglik[1], base.loglik[1], 12);
      expectRelative(scaled.coefficients[0]!.p_value, base.coefficients[0]!.p_value, 8);
    }
    const shifted = fit({ ...data, covariates: data.covariates.map(([age, flag]) => [age! - 1000, flag!]) });
    expectRelative(shifted.coefficients[0]!.coef, base.coefficients[0]!.coef, 9);
    expectRelative(shifted.loglik[0], base.loglik[0], 12);
  });

  it('recodes a 0/1 covariate as 1/0 by flipping the sign of its coefficient', () => {
    const data = randomCohort(4, 25);
    const base = fit(data);
    const flipped = fit({ ...data, covariates: data.covariates.map(([age, flag]) => [age!, 1 - flag!]) });
    expectRelative(flipped.coefficients[1]!.coef, -base.coefficients[1]!.coef, 9);
    expectRelative(flipped.coefficients[1]!.se, base.coefficients[1]!.se, 9);
  });

  it('agrees for Efron and Breslow when no death times are tied, and its tests are consistent', () => {
    const data = randomCohort(5, 20);
    const untied = { ...data, time: data.time.map((t, i) => t + i / 100) };
    const efron = fit(untied);
    const breslow = fit(untied, { ties: 'breslow' });
    efron.coefficients.forEach((c, j) => expectRelative(breslow.coefficients[j]!.coef, c.coef, 12));
    expect(efron.iterations).toBe(breslow.iterations);
    for (const result of [efron, breslow]) {
      expect(result.loglik[1]).toBeGreaterThanOrEqual(result.loglik[0]);
      expect(result.likelihood_ratio_test.chisq).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('coxRegressionOfColumns', () => {
  it('fits as coxRegression does from rows, bit for bit, on random data with tied times', () => {
    const random = seededRandom(404);
    for (let trial = 0; trial < 20; trial++) {
      const n = randomInteger(random, 20, 150);
      const time = Array.from({ length: n }, () => randomInteger(random, 1, 15) / 2);
      const event = Array.from({ length: n }, () => (random() < 0.6 ? 1 : 0) as 0 | 1);
      const covariates = Array.from({ length: n }, () => [randomInteger(random, 0, 1), 40 + 30 * random()]);
      const fromRows = coxRegression({ time, event, covariates });
      const fromColumns = coxRegressionOfColumns({
        time: Float64Array.from(time),
        event: Uint8Array.from(event),
        covariates: [0, 1].map((j) => Float64Array.from(covariates, (row) => row[j]!)),
      });
      expect(fromColumns).toEqual(fromRows);
      expect(fromRows.status).toBe('ok');
    }
  });

  it('takes a time order from the caller, checked', () => {
    const time = Float64Array.of(3, 1, 2, 1, 5, 4);
    const event = Uint8Array.of(1, 1, 0, 1, 1, 0);
    const covariates = [Float64Array.of(0, 1, 1, 0, 1, 0)];
    const own = coxRegressionOfColumns({ time, event, covariates });
    const given = coxRegressionOfColumns({
      time,
      event,
      covariates,
      timeOrder: Uint32Array.of(1, 3, 2, 0, 5, 4),
    });
    expect(given).toEqual(own);
    // Ties (times 1 at 1 and 3) must be in index order; every index exactly once.
    for (const timeOrder of [
      Uint32Array.of(3, 1, 2, 0, 5, 4),
      Uint32Array.of(1, 3, 2, 0, 5, 5),
      Uint32Array.of(1, 3, 2),
    ])
      expect(() => coxRegressionOfColumns({ time, event, covariates, timeOrder })).toThrow(RangeError);
  });

  it('rejects columns of different lengths and non-finite values', () => {
    const time = Float64Array.of(1, 2, 3);
    const event = Uint8Array.of(1, 0, 1);
    expect(() => coxRegressionOfColumns({ time, event, covariates: [Float64Array.of(1, 2)] })).toThrow(
      RangeError,
    );
    expect(() => coxRegressionOfColumns({ time, event, covariates: [Float64Array.of(1, NaN, 2)] })).toThrow(
      RangeError,
    );
    expect(() => coxRegressionOfColumns({ time, event, covariates: [] })).toThrow(RangeError);
  });
});
