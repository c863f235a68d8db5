import { caseView, caseViews, type CaseViews } from '../../conditions/caseViews.ts';
import {
  codeCounts,
  isObserved,
  OBSERVATION_REASONS,
  OBSERVATION_STATUSES,
  observationStatus,
  observationsByTime,
  type ExclusionReasons,
} from '../survival/survivalEstimates.ts';
import { formatNumber, plural } from '../../report/formatNumber.ts';
import { coxRegressionOfColumns } from '../../stats/coxRegression.ts';
import type { CaseTable, CohortConfig } from '../../types.ts';
import { belowMinimum, minimumData } from '../minimumData.ts';
import { LEVEL_NOT_REPORTED, variableKey, variableView, type VariableView } from '../variableReader.ts';
import type { CoxSpec } from './coxSpec.ts';

export interface CoxTerm {
  term: string;
  label: string;
  /** Hazard ratio per unit (numeric) or yes vs no; null when there is no estimate. */
  hr: number | null;
  /** Wald 95% CI as summary(coxph) prints it; null when there is no estimate. */
  ci95: [number, number] | null;
  /** Wald p as summary(coxph); null when there is no estimate. */
  p_value: number | null;
  /**
   * Why this term of a fitted model has no estimate: NOT_ESTIMABLE_MONOTONE (the coefficient runs off
   * to ±∞: no HR, interval or Wald p, though the model's likelihood-ratio test holds) or
   * NOT_ESTIMABLE_CONSTANT (the same for every patient in the model: dropped, as coxph's NA, and the
   * others fitted). null when estimated, or when the model as a whole has no fit (see `withheld`, `caution`).
   */
  not_estimable: string | null;
}

export const NOT_ESTIMABLE_MONOTONE = 'not estimable (monotone likelihood)';
export const NOT_ESTIMABLE_CONSTANT = 'not estimable (the same for every patient in the model)';

export interface CoxModel {
  id: string;
  label: string;
  terms: CoxTerm[];
  n: number;
  events: number;
  /** Included patients left out: a factor, the outcome or the time not reported. */
  excluded: number;
  excluded_reasons: ExclusionReasons;
  /** Likelihood-ratio test of all coefficients 0; null when there is no fit. */
  lr_test: { chisq: number; df: number; p: number } | null;
  events_per_variable: number;
  /** Why the numbers need care, in words; null when they do not. */
  caution: string | null;
  /**
   * Why the model is not estimated: fewer events than the cohort's minimum (cohort.json
   * `minimum.coxEvents`), e.g. "3 deaths; Cox regression needs at least 5". Its terms and test are then
   * null, unless the run was --show-all (then fitted, with the reason in `caution`). null: estimated.
   */
  withheld: string | null;
  /**
   * Whether its estimated terms are on the forest plot: at least `minimum.coxEventsPerVariable` events
   * per variable (or --show-all, for a model with a fit).
   */
  on_forest_plot: boolean;
}

type Factor = CoxSpec['factors'][number];

/** The run's view behind reportedMask() below: computed once per run and argument (conditions/caseViews.ts). */
const REPORTED_MASK_VIEW = caseView(
  'reportedMask',
  (_views: CaseViews, { view, n }: { factor: Factor; view: VariableView; n: number }) => {
    if (view.kind === 'continuous') return view.reported;
    const { levelIndex } = view;
    const mask = new Uint8Array(n);
    for (let i = 0; i < n; i++) mask[i] = levelIndex[i] === LEVEL_NOT_REPORTED ? 0 : 1;
    return mask;
  },
  ({ factor }) => variableKey(factor),
);

/** 1 where the factor is reported, per row; kept in the run's views (a factor is in several models). */
function reportedMask(factor: Factor, view: VariableView, views: CaseViews, n: number): Uint8Array {
  return views.of(REPORTED_MASK_VIEW, { factor, view, n });
}

/**
 * A factor's values at `rows` (every one reported): 1/0 for yes/no (a categorical level other than yes
 * reads 0), the number for a numeric column.
 */
export function factorValues(view: VariableView, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length);
  if (view.kind === 'continuous') {
    const { values } = view;
    for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]!]!;
  } else {
    const { levelIndex } = view;
    const valueOfLevel = new Float64Array(view.levels.length);
    view.levels.forEach((level, l) => (valueOfLevel[l] = level.id === 'yes' ? 1 : 0));
    for (let k = 0; k < rows.length; k++) out[k] = valueOfLevel[levelIndex[rows[k]!]!]!;
  }
  return out;
}

/**
 * One model on the included patients with every factor reported and a known outcome and time. Its
 * observations are taken in time order from the run's observationsByTime (one sort for every model
 * and curve), so the fit's time order is the identity.
 */
export function coxModel(
  cases: CaseTable,
  config: CohortConfig,
  model: { id: string; label: string; factors: readonly Factor[] },
  views: CaseViews = caseViews(cases),
  { showAll = false }: { showAll?: boolean } = {},
): CoxModel {
  const minimum = minimumData(config);
  const survival = config.survival!;
  const factorViews = model.factors.map((f) => variableView(cases, config, f, views));
  const reported = factorViews.map((view, j) => reportedMask(model.factors[j]!, view, views, cases.n));
  const status = observationStatus(cases, survival, views);
  // Each row's reason to be left out, as one code: the first factor not reported (0 … factors - 1),
  // else factors + its observation status (observed, or why not). Worked out a factor at a time
  // without a branch on the data, then counted with the codes in the order first met (row order).
  const nFactors = reported.length;
  // One byte a row while the codes fit (a model of up to 122 factors).
  const code = nFactors + OBSERVATION_STATUSES <= 127 ? new Int8Array(cases.n) : new Int32Array(cases.n);
  for (let i = 0; i < cases.n; i++) code[i] = nFactors + status[i]!;
  for (let j = nFactors - 1; j >= 0; j--) {
    const mask = reported[j]!;
    for (let i = 0; i < cases.n; i++) code[i] = mask[i] === 0 ? j : code[i]!;
  }
  const { counts, order } = codeCounts(code, views.includedRows(), nFactors + OBSERVATION_STATUSES);
  // Per factor, the patients left out for it (a count per factor, not a reason text per patient);
  // then, among those with every factor, who has no outcome or no time.
  const reasons = new Map<string, number>();
  for (const c of order.filter((c) => c < nFactors)) {
    const reason = `${model.factors[c]!.label} not reported`;
    reasons.set(reason, (reasons.get(reason) ?? 0) + counts[c]!);
  }
  const excluded: ExclusionReasons = order
    .filter((c) => c >= nFactors && !isObserved(c - nFactors))
    .map((c) => ({ reason: OBSERVATION_REASONS[c - nFactors]!, n: counts[c]! }));
  // The observations (the patients with every factor, an outcome and a time) in ascending time,
  // from the run's observationsByTime: their rows, times and events, then the factors' values.
  const byTime = observationsByTime(cases, survival, views);
  let nObservations = 0;
  for (let p = 0; p < byTime.rows.length; p++) nObservations += code[byTime.rows[p]!]! >= nFactors ? 1 : 0;
  // Every observation is written and the position moves on only past a kept one (no branch on it):
  // the slot after the last kept one takes the others, hence n + 1.
  const rowsWritten = new Uint32Array(nObservations + 1);
  const timeWritten = new Float64Array(nObservations + 1);
  const eventWritten = new Uint8Array(nObservations + 1);
  for (let p = 0, m = 0; p < byTime.rows.length; p++) {
    const i = byTime.rows[p]!;
    rowsWritten[m] = i;
    timeWritten[m] = byTime.columns.time[p]!;
    eventWritten[m] = byTime.columns.event[p]!;
    m += code[i]! >= nFactors ? 1 : 0;
  }
  const rows = rowsWritten.subarray(0, nObservations);
  const columns = {
    time: timeWritten.subarray(0, nObservations),
    event: eventWritten.subarray(0, nObservations),
  };
  const covariates = factorViews.map((view) => factorValues(view, rows));
  const excludedReasons: ExclusionReasons = [
    ...[...reasons].map(([reason, n]) => ({ reason, n })),
    ...excluded,
  ];
  let events = 0;
  for (let p = 0; p < nObservations; p++) events += columns.event[p]!;
  const eventsPerVariable = events / model.factors.length;
  const withheld =
    events < minimum.coxEvents
      ? `${plural(events, 'death')}; Cox regression needs at least ${minimum.coxEvents}`
      : null;
  const base = {
    id: model.id,
    label: model.label,
    n: nObservations,
    events,
    excluded: excludedReasons.reduce((s, r) => s + r.n, 0),
    excluded_reasons: excludedReasons,
    events_per_variable: eventsPerVariable,
    withheld,
  };
  const cautions: string[] = [];
  if (withheld !== null) cautions.push(belowMinimum(withheld));
  if (eventsPerVariable < minimum.coxEventsPerVariable)
    cautions.push(
      `${plural(events, 'event')} for ${model.factors.length} ${model.factors.length === 1 ? 'variable' : 'variables'} (${formatNumber(eventsPerVariable, 1)} per variable, fewer than ${minimum.coxEventsPerVariable}): the estimates are unreliable${showAll ? '' : ', and not on the forest plot'}`,
    );
  const noTerms = model.factors.map((f): CoxTerm => ({
    term: f.id,
    label: f.label,
    hr: null,
    ci95: null,
    p_value: null,
    not_estimable: null,
  }));
  const noModel = (why: string | null): CoxModel => ({
    ...base,
    terms: noTerms,
    lr_test: null,
    caution: why === null ? null : `${[why, ...cautions].join('; ')}.`,
    on_forest_plot: false,
  });
  if (withheld !== null && !showAll) return noModel(null);
  if (nObservations === 0) return noModel('no patients with every value reported');
  // A covariate the same for every patient in the model says nothing: dropped, the others fitted
  // (coxph's NA for it); a model of such covariates only has no fit.
  const constant = covariates.map((column) => column.every((v) => v === column[0]));
  const fitted = covariates.filter((_, k) => !constant[k]);
  if (fitted.length === 0)
    return noModel(
      `${model.factors.map((f) => f.label).join(', ')} ${model.factors.length === 1 ? 'is' : 'are'} the same for every patient: no model`,
    );
  const timeOrder = new Uint32Array(nObservations);
  for (let p = 0; p < nObservations; p++) timeOrder[p] = p;
  const fit = coxRegressionOfColumns({
    time: columns.time,
    event: columns.event,
    covariates: fitted,
    timeOrder,
  });
  const fittedFactors = model.factors.filter((_, k) => !constant[k]);
  if (fit.status !== 'ok') {
    const why =
      fit.status === 'no events'
        ? 'no events: no model'
        : fit.status === 'constant covariate'
          ? `${fittedFactors[fit.covariate]!.label} is the same for every patient: no model`
          : `${fit.covariates.map((k) => fittedFactors[k]!.label).join(', ')} cannot be estimated from these patients (singular information matrix; coxph gives NA): no model`;
    return noModel(why);
  }
  const diverging = fit.coefficients.some((c) => c.diverges);
  // A fit that runs out of iterations because a coefficient runs off is said by that coefficient's note.
  if (!fit.converged && !diverging)
    cautions.unshift(`the fit did not converge in ${fit.iterations - 1} iterations`);
  let next = 0;
  const terms = model.factors.map((f, k): CoxTerm => {
    const noEstimate = { term: f.id, label: f.label, hr: null, ci95: null, p_value: null };
    if (constant[k]) {
      cautions.unshift(
        `${f.label} is the same for every patient in this model: dropped from it (coxph gives NA) and the other ${fitted.length === 1 ? 'factor' : 'factors'} fitted without it`,
      );
      return { ...noEstimate, not_estimable: NOT_ESTIMABLE_CONSTANT };
    }
    const c = fit.coefficients[next++]!;
    if (c.diverges) {
      cautions.unshift(
        `${f.label}: ${NOT_ESTIMABLE_MONOTONE}: the likelihood keeps rising as its coefficient runs off${c.coef > 0 ? ' (the hazard ratio towards ∞)' : c.coef < 0 ? ' (the hazard ratio towards 0)' : ''}, as when every death has the ${c.coef > 0 ? 'highest' : 'lowest'} value of it among the patients still at risk, or the data hold no information about it (coxph: "coefficient may be infinite" or "did not converge"); no hazard ratio, interval or Wald p-value, and not on the forest plot; the likelihood-ratio test of the model still holds`,
      );
      return { ...noEstimate, not_estimable: NOT_ESTIMABLE_MONOTONE };
    }
    return {
      term: f.id,
      label: f.label,
      hr: c.hazard_ratio,
      ci95: c.ci95,
      p_value: c.p_value,
      not_estimable: null,
    };
  });
  const lr = fit.likelihood_ratio_test;
  return {
    ...base,
    terms,
    lr_test: { chisq: lr.chisq, df: lr.df, p: lr.p_value },
    caution: cautions.length > 0 ? `${cautions.join('; ')}.` : null,
    on_forest_plot: showAll || eventsPerVariable >= minimum.coxEventsPerVariable,
  };
}

/** Every univariable model, then the multivariable ones. */
export function coxModels(
  cases: CaseTable,
  config: CohortConfig,
  spec: CoxSpec,
  views: CaseViews = caseViews(cases),
  options: { showAll?: boolean } = {},
): CoxModel[] {
  const byId = new Map(spec.factors.map((f) => [f.id, f]));
  return [
    ...spec.factors.map((f) =>
      coxModel(cases, config, { id: f.id, label: f.label, factors: [f] }, views, options),
    ),
    ...spec.multivariable.map((m) =>
      coxModel(
        cases,
        config,
        { id: m.id, label: m.label, factors: m.factors.map((id) => byId.get(id)!) },
        views,
        options,
      ),
    ),
  ];
}
