import { forestPlotSpec } from '../charts/forestPlotSpec.ts';
import { wordTableDocx } from '../io/docxTables.ts';
import { toCsv } from '../io/toCsv.ts';
import { dataTable } from '../report/dataTable.ts';
import { html } from '../report/escapeHtml.ts';
import { figureBlock } from '../report/figureBlock.ts';
import { formatInterval, formatNumber, plural } from '../report/formatNumber.ts';
import type { CohortConfig } from '../types.ts';
import { unreadableReason, yesNoMissingAsAbsent } from './variableReader.ts';
import { defineAnalysis } from './analysis.ts';
import { formatPValue } from './table1.ts';
import { minimumData, notEstimated } from './minimumData.ts';
import type { ConfigScope } from '../config/configScope.ts';

import type { CoxSpec } from './cox/coxSpec.ts';

export type { CoxSpec };
export * from './cox/coxModels.ts';
import { type CoxModel, type CoxTerm, coxModels } from './cox/coxModels.ts';

declare module '../types.ts' {
  interface CohortConfig {
    cox?: CoxSpec;
  }
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
