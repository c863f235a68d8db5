import { dataTable } from '../report/dataTable.ts';
import { html, type Html } from '../report/escapeHtml.ts';
import { formatNumber } from '../report/formatNumber.ts';
import { describe, type Summary } from '../stats/describe.ts';
import { quantileTypeOf } from '../config/quantileRule.ts';
import { quantileRuleText } from '../stats/quantile.ts';
import { continuousValues } from './continuous/continuousValues.ts';
import { defineAnalysis } from './analysis.ts';

export interface ContinuousSpec {
  id: string;
  label: string;
  variable: string;
  /** What its headline card gives: median (IQR), the default, or mean (SD). */
  headline?: 'median' | 'mean';
}

declare module '../types.ts' {
  interface CohortConfig {
    continuous: ContinuousSpec[];
  }
}

/** Per continuous variable of cohort.json (by its id): its label, unit and summary. */
export type ContinuousSummaries = Record<string, Summary & { label: string; unit: string | null }>;

/** n, range, mean, median, SD and quartiles of each continuous variable over the included patients. */
export const continuousAnalysis = defineAnalysis<ContinuousSummaries>()({
  id: 'continuous',
  always: true,
  config: {
    schema: {
      continuous: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'label', 'variable'],
          properties: {
            id: { $ref: '#/definitions/id' },
            label: { type: 'string' },
            variable: { type: 'string' },
            headline: {
              enum: ['median', 'mean'],
              description:
                'What its headline card gives: the median (IQR), the default because follow-up, sizes and delays are skewed; or the mean (SD) when the cohort asks for it (e.g. to compare with a paper that gave means).',
            },
          },
        },
      },
    },
    defaults: { continuous: [] },
    check(config, { error, kindOf, hint }) {
      const numeric = (v: string) => ['number', 'size', 'duration'].includes(kindOf.get(v) ?? '');
      config.continuous.forEach((c, k) => {
        if (!kindOf.has(c.variable))
          error(
            `/continuous/${k}/variable`,
            `"${c.variable}" is not a column${hint(c.variable, kindOf.keys())}`,
          );
        else if (!numeric(c.variable))
          error(`/continuous/${k}/variable`, `"${c.variable}" is not a number, size or duration column`);
      });
    },
  },
  title: 'Continuous variables',
  nav: 'Continuous',
  methods: (_result, context) => [
    {
      topic: 'Quartiles',
      text: html`Every quartile and interquartile range of this report (Continuous variables, Table 1) is
      computed one way: ${quantileRuleText(quantileTypeOf(context.config))}.`,
    },
  ],
  headline: { rank: 10, cards: (result, context) => continuousCards(result, context.config.continuous) },
  compute: (input, context) => {
    const { config } = context;
    const result: ContinuousSummaries = {};
    for (const spec of config.continuous) {
      const unit = config.columns.find((c) => c.name === spec.variable)?.unit;
      result[spec.id] = {
        label: spec.label,
        unit: unit ?? null,
        ...describe(continuousValues(input.cases, spec.variable, input.views).sorted, quantileTypeOf(config)),
      };
    }
    return result;
  },
  section: (result) => (Object.keys(result).length > 0 ? continuousTable(result) : null),
});

/**
 * The headline card of each continuous variable with values: its median (IQR), or its mean (SD) when
 * cohort.json asks (`continuous[].headline`), with its range and n.
 */
export function continuousCards(
  continuous: ContinuousSummaries,
  specs: readonly Pick<ContinuousSpec, 'id' | 'headline'>[] = [],
): Html[] {
  const asMean = new Set(specs.filter((c) => c.headline === 'mean').map((c) => c.id));
  const cards: Html[] = [];
  for (const [id, c] of Object.entries(continuous)) {
    if (c.n === 0) continue;
    const range = `range ${formatNumber(c.min)}–${formatNumber(c.max)}, n = ${c.n}`;
    cards.push(
      asMean.has(id)
        ? html`<div>
            <span class="value" data-stat="${id}.mean">${formatNumber(c.mean)}</span>
            <span class="label">mean ${c.label} (SD ${formatNumber(c.sd)}); ${range}</span>
          </div>`
        : html`<div>
            <span class="value" data-stat="${id}.median">${formatNumber(c.median)}</span>
            <span class="label"
              >median ${c.label} (IQR ${formatNumber(c.q1)}–${formatNumber(c.q3)}); ${range}</span
            >
          </div>`,
    );
  }
  return cards;
}

export function continuousTable(continuous: ContinuousSummaries): Html {
  const rows = Object.entries(continuous).map(
    ([id, c]) =>
      html`<tr>
        <td><code>${id}</code></td>
        <td>${c.label}</td>
        <td class="num">${c.n}</td>
        <td class="num">${formatNumber(c.min, 2)}</td>
        <td class="num">${formatNumber(c.q1, 2)}</td>
        <td class="num">${formatNumber(c.median, 2)}</td>
        <td class="num">${formatNumber(c.mean, 2)}</td>
        <td class="num">${formatNumber(c.q3, 2)}</td>
        <td class="num">${formatNumber(c.max, 2)}</td>
        <td class="num">${formatNumber(c.sd, 2)}</td>
      </tr>`,
  );
  return html`${dataTable(
    'continuous',
    ['Id', 'Variable', ...['n', 'Min', 'Q1', 'Median', 'Mean', 'Q3', 'Max', 'SD'].map((num) => ({ num }))],
    rows,
  )}`;
}
