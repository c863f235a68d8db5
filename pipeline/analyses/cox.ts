import { forestPlotSpec } from '../charts/forestPlotSpec.ts';
import { caseViews, type CaseViews } from '../conditions/caseViews.ts';
import {
  codeCounts,
  isObserved,
  OBSERVATION_REASONS,
  OBSERVATION_STATUSES,
  observationStatus,
  observationsByTime,
  type ExclusionReasons,
} from './survival/survivalEstimates.ts';
import { wordTableDocx } from '../io/docxTables.ts';
import { toCsv } from '../io/toCsv.ts';
import { dataTable } from '../report/dataTable.ts';
import { html } from '../report/escapeHtml.ts';
import { figureBlock } from '../report/figureBlock.ts';
import { formatInterval, formatNumber, plural } from '../report/formatNumber.ts';
import { coxRegressionOfColumns } from '../stats/coxRegression.ts';
import type { AnalysisVariable, CaseTable, CohortConfig } from '../types.ts';
import { unreadableReason, yesNoMissingAsAbsent } from './variableReader.ts';
import { defineAnalysis } from './analysis.ts';
import { formatPValue } from './table1.ts';
import { belowMinimum, minimumData, notEstimated } from './minimumData.ts';
import { LEVEL_NOT_REPORTED, variableKey, variableView, type VariableView } from './variableReader.ts';
import type { ConfigScope } from '../config/configScope.ts';

/** Cox proportional-hazards models on the survival block's time and event. */
export interface CoxSpec {
  /** Each factor is a univariable model and may enter the multivariable models. */
  factors: Array<AnalysisVariable & { id: string }>;
  multivariable: Array<{ id: string; label: string; factors: string[] }>;
}

declare module '../types.ts' {
  interface CohortConfig {
    cox?: CoxSpec;
  }
}

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

/** 1 where the factor is reported, per row; kept in the run's views (a factor is in several models). */
function reportedMask(factor: Factor, view: VariableView, views: CaseViews, n: number): Uint8Array {
  return views.kept(`reportedMask ${variableKey(factor)}`, () => {
    if (view.kind === 'continuous') return view.reported;
    const { levelIndex } = view;
    const mask = new Uint8Array(n);
    for (let i = 0; i < n; i++) mask[i] = levelIndex[i] === LEVEL_NOT_REPORTED ? 0 : 1;
    return mask;
  });
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

/** Two decimals; a finite HR that would round to 0 is "< 0.01"; a term without one says why. */
const formatHr = (t: CoxTerm) =>
  t.not_estimable ?? (t.hr === null ? '–' : t.hr > 0 && t.hr < 0.005 ? '< 0.01' : formatNumber(t.hr, 2));

/** The models shown as estimates: those not withheld (every one under --show-all, which fits them all). */
const shownModels = (result: readonly CoxModel[], showAll: boolean | undefined) =>
  result.filter((m) => showAll === true || m.withheld === null);

/** The forest plot's rows: the estimated terms of the models drawn on it. */
export const forestRows = (result: readonly CoxModel[]) =>
  result
    .filter((m) => m.on_forest_plot)
    .flatMap((m) =>
      m.terms
        .filter((t) => t.hr !== null)
        .map((t) => ({ model: m.label, term: t.label, hr: t.hr, ci95: t.ci95, n: m.n, events: m.events })),
    );
const formatCi = (ci: [number, number] | null) => (ci ? formatInterval(ci, false, 2) : '–');

/** The models as text cells, a header row first: what the CSV and the Word table hold. */
export function coxCells(result: readonly CoxModel[]): string[][] {
  const header = [
    'Model',
    'Term',
    'HR',
    '95% CI',
    'p-value',
    'n',
    'Events',
    'Left out',
    'LR test',
    'Caution',
  ];
  const rows = result.flatMap((m) =>
    m.terms.map((t, k) => [
      k === 0 ? m.label : '',
      t.label,
      formatHr(t),
      formatCi(t.ci95),
      formatPValue(t.p_value),
      k === 0 ? String(m.n) : '',
      k === 0 ? String(m.events) : '',
      k === 0 ? String(m.excluded) : '',
      k === 0 && m.lr_test
        ? `chi2 = ${formatNumber(m.lr_test.chisq, 2)}, df = ${m.lr_test.df}, p = ${formatPValue(m.lr_test.p)}`
        : '',
      k === 0 ? (m.caution ?? (m.withheld === null ? '' : notEstimated(m.withheld))) : '',
    ]),
  );
  return [header, ...rows];
}

export const COX_METHODS =
  'Cox proportional-hazards regression as R survival::coxph with its defaults (Efron ties); hazard ratios with Wald 95% CIs and p-values as summary(coxph) prints them; likelihood-ratio test of the model. Time: the survival time column; event: death; patients alive are censored at their last follow-up. Each model uses the included patients with every factor, the outcome and the time reported (available case); the others are counted as left out. Yes/no factors compare yes with no; numeric factors are per unit. A coefficient whose likelihood keeps rising as it runs off to ±∞ (monotone likelihood: coxph warns "coefficient may be infinite" or runs out of iterations), or about which the data hold no information, is not estimable: no hazard ratio, interval or Wald p-value, and not drawn, while the likelihood-ratio test of its model is still given. A factor that is the same for every patient of a multivariable model is dropped from it and the others are fitted, as coxph does (NA for it).';

/** The cohort's minimum data for Cox models, as the page and the Word table say it. */
const minimumText = (config: CohortConfig) => {
  const minimum = minimumData(config);
  return `A model is fitted from at least ${plural(minimum.coxEvents, 'death')} and drawn on the forest plot from at least ${minimum.coxEventsPerVariable} deaths per variable (cohort.json "minimum"; --show-all fits and draws every model, with a caution).`;
};

export const coxAnalysis = defineAnalysis<CoxModel[]>()({
  id: 'cox',
  config: {
    schema: {
      cox: {
        type: 'object',
        additionalProperties: false,
        required: ['factors', 'multivariable'],
        description:
          'Cox proportional-hazards models on survival.time and survival.event (censored: survival.censored): one univariable model per factor, and the multivariable models. Patients with a factor not reported are left out of its models and counted.',
        properties: {
          factors: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'label'],
              oneOf: [{ required: ['variable'] }, { required: ['statistic'] }],
              description:
                'A factor: `id`, `label` and either `variable` (a boolean column: yes vs no; a number, size or duration column: per unit) or `statistic` (yes vs no from its condition).',
              properties: {
                id: { $ref: '#/definitions/id' },
                label: { type: 'string' },
                variable: { type: 'string' },
                statistic: { type: 'string' },
              },
            },
          },
          multivariable: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'label', 'factors'],
              properties: {
                id: { $ref: '#/definitions/id' },
                label: { type: 'string' },
                factors: { type: 'array', minItems: 2, items: { type: 'string' } },
              },
            },
          },
        },
      },
    },
    check: checkCoxConfig,
  },
  title: 'Prognostic factors: Cox regression',
  nav: 'Cox regression',
  compute: (input, context) => {
    const spec = context.config.cox;
    return spec && context.config.survival
      ? coxModels(input.cases, context.config, spec, input.views, { showAll: context.showAll })
      : null;
  },
  figures: (result, _context, { width }) => {
    const rows = forestRows(result);
    if (rows.length === 0) return [];
    return [
      {
        id: 'cox-forest',
        title: 'Hazard ratios (Cox regression)',
        caption:
          'Hazard ratios with Wald 95% CIs on a log scale, univariable models first, then the multivariable ones; n and events per model. Limits beyond the axis are drawn as arrows at its edge. Models with too few events per variable and terms that are not estimable are not drawn (see the table).',
        spec: forestPlotSpec(rows, width),
      },
    ];
  },
  files: async (result, context) => {
    const [header, ...rows] = coxCells(shownModels(result, context.showAll));
    const withheld = result.filter((m) => !shownModels(result, context.showAll).includes(m));
    return [
      { path: 'tables/cox.csv', content: toCsv(header!, rows) },
      {
        path: 'tables/cox.docx',
        content: await wordTableDocx({
          caption:
            'Table 3. Hazard ratios of death: univariable and multivariable Cox proportional-hazards models.',
          header: header!,
          rows,
          numericColumns: [2, 3, 4, 5, 6, 7],
          widths: [2, 2, 0.8, 1.1, 0.8, 0.5, 0.7, 0.7, 1.6, 4.5],
          landscape: true,
          footnotes: [
            'HR, hazard ratio; CI, confidence interval (Wald); LR test, likelihood-ratio test of the model (chi2, df, p); n, patients in the model; Left out, included patients with a factor, the outcome or the follow-up time not reported.',
            COX_METHODS,
            minimumText(context.config),
            ...withheld.map((m) => notEstimated(`${m.label}, ${m.withheld}`)),
            'Events per variable below the minimum, a fit that did not converge, or a term that is not estimable make the numbers unreliable: see Caution.',
          ],
        }),
      },
    ];
  },
  section: (result, figures, context) => {
    const shown = shownModels(result, context.showAll);
    const withheld = result.filter((m) => !shown.includes(m));
    const body = shown.flatMap((m) =>
      m.terms.map(
        (t, k) =>
          html`<tr>
            <td>${k === 0 ? m.label : ''}</td>
            <td>${t.label}</td>
            <td class="num">${formatHr(t)}</td>
            <td class="num">${formatCi(t.ci95)}</td>
            <td class="num">${formatPValue(t.p_value)}</td>
            <td class="num">${k === 0 ? m.n : ''}</td>
            <td class="num">${k === 0 ? m.events : ''}</td>
            <td class="num">${k === 0 ? m.excluded : ''}</td>
            <td>${k === 0 && m.caution ? html`<span class="caution">${m.caution}</span>` : ''}</td>
          </tr>`,
      ),
    );
    const notDrawn = shown.length > 0 && figures.length === 0;
    return html`${withheld.map((m) => html`<p class="withheld">${notEstimated(`${m.label}, ${m.withheld}`)}</p>`)}
      ${
        shown.length > 0
          ? html`<p>
                Hazard ratios of death for each prognostic factor alone, then together. Also as
                <a href="tables/cox.csv">tables/cox.csv</a> and <a href="tables/cox.docx">tables/cox.docx</a>;
                every number (with the likelihood-ratio tests and the reasons patients were left out) in
                <a href="stats.json">stats.json</a> (<code>cox</code>).
              </p>
              ${dataTable(
                'cox-table',
                [
                  'Model',
                  'Term',
                  { num: 'HR' },
                  { num: '95% CI' },
                  { num: 'p-value' },
                  { num: 'n' },
                  { num: 'Events' },
                  { num: 'Left out' },
                  'Caution',
                ],
                body,
              )}`
          : html``
      }
      ${notDrawn ? html`<p class="note">No forest plot: no model has enough events per variable.</p>` : html``}
      <div class="panels">${figures.map(figureBlock)}</div>
      <p class="note">${COX_METHODS} ${minimumText(context.config)}</p>`;
  },
});

/** The cox block: the survival block there, each factor readable as yes/no or a number, ids known and unique. */
function checkCoxConfig(config: CohortConfig, { error, hint }: ConfigScope): void {
  if (!config.cox) return;
  if (!config.survival) error('/cox', 'a cox block needs the survival block (time, event, censored)');
  const ids = new Set<string>();
  config.cox.factors.forEach((f, k) => {
    if (ids.has(f.id)) error(`/cox/factors/${k}/id`, `factor "${f.id}" is defined twice`);
    ids.add(f.id);
    const reason = unreadableReason(config, f) ?? yesNoMissingAsAbsent(config, f);
    if (reason) error(`/cox/factors/${k}`, reason);
    else if ('variable' in f) {
      const column = config.columns.find((c) => c.name === f.variable);
      const derived = config.derived.find((d) => d.id === f.variable);
      if ((column?.type ?? derived?.type) === 'category')
        error(
          `/cox/factors/${k}/variable`,
          `"${f.variable}" is a category; name a statistic (yes vs no) instead`,
        );
    }
  });
  config.cox.multivariable.forEach((m, k) =>
    m.factors.forEach((id, i) => {
      if (!ids.has(id))
        error(`/cox/multivariable/${k}/factors/${i}`, `"${id}" is not a cox factor id${hint(id, ids)}`);
    }),
  );
}
