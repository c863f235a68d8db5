import type { CaseViews } from '../conditions/caseViews.ts';
import { dataTable } from '../report/dataTable.ts';
import { html, type Html } from '../report/escapeHtml.ts';
import { formatInterval, formatNumber, formatP } from '../report/formatNumber.ts';
import { smallSampleCaution } from '../report/smallSampleCaution.ts';
import { fisherExact } from '../stats/fisherExact.ts';
import type { CaseTable, Condition } from '../types.ts';
import { defineAnalysis } from './analysis.ts';
import { runLogFactorials } from './exactTests.ts';
import { missingAsAbsentReason, missingAsAbsentVariables } from '../conditions/countsMissingAsAbsent.ts';
import { ANSWER_TRUE, answerPairIndex, answerPairTable } from '../conditions/answerKernels.ts';

export interface TwoByTwoSpec {
  id: string;
  label: string;
  rows: [{ label: string; when: Condition }, { label: string; when: Condition }];
  columns: [{ label: string; when: Condition }, { label: string; when: Condition }];
}

declare module '../types.ts' {
  interface CohortConfig {
    /** 2×2 comparisons tested with Fisher's exact test. */
    tests: TwoByTwoSpec[];
  }
}

/** A 2×2 comparison of cohort.json `tests` with Fisher's exact test. */
export interface TestEntry {
  id: string;
  label: string;
  rows: [string, string];
  columns: [string, string];
  table: [[number, number], [number, number]];
  p_value: number | null;
  odds_ratio: number | null;
  odds_ratio_ci95: [number, number] | null;
  method: string;
}

/** Of two answers a, b, which holds first: 0 when a is true, else 1 when b is, else 2 (neither). */
const FIRST_THAT_HOLDS = answerPairTable((a, b) => (a === ANSWER_TRUE ? 0 : b === ANSWER_TRUE ? 1 : 2));

/** The 2×2 table of a comparison: included patients for whom a row and a column condition hold. */
function twoByTwo(cases: CaseTable, spec: TwoByTwoSpec, views: CaseViews): TestEntry {
  const table: [[number, number], [number, number]] = [
    [0, 0],
    [0, 0],
  ];
  const [row0, row1] = spec.rows.map((row) => views.answers(row.when)) as [Int8Array, Int8Array];
  const [column0, column1] = spec.columns.map((col) => views.answers(col.when)) as [Int8Array, Int8Array];
  const included = views.includedRows();
  // Each patient counted in cell (first row that holds, first column that holds) of a 3 × 3 tally
  // whose last row and column are "none holds", by table lookup: no branch on the answers (which look
  // random to the processor).
  const cells = new Float64Array(9);
  for (let k = 0; k < included.length; k++) {
    const i = included[k]!;
    const r = FIRST_THAT_HOLDS[answerPairIndex(row0[i]!, row1[i]!)]!;
    const c = FIRST_THAT_HOLDS[answerPairIndex(column0[i]!, column1[i]!)]!;
    cells[r * 3 + c]!++;
  }
  table[0][0] = cells[0]!;
  table[0][1] = cells[1]!;
  table[1][0] = cells[3]!;
  table[1][1] = cells[4]!;
  const total = table[0][0] + table[0][1] + table[1][0] + table[1][1];
  const result = total === 0 ? null : fisherExact(table, runLogFactorials(views));
  return {
    id: spec.id,
    label: spec.label,
    rows: [spec.rows[0].label, spec.rows[1].label],
    columns: [spec.columns[0].label, spec.columns[1].label],
    table,
    p_value: result?.p_value ?? null,
    odds_ratio: result?.odds_ratio ?? null,
    odds_ratio_ci95: result?.ci95 ?? null,
    method: "Fisher's exact test, two-sided (as R fisher.test); conditional maximum-likelihood odds ratio",
  };
}

/** Every 2×2 comparison of cohort.json `tests` (stats.json `tests`, empty when there is none). */
export const comparisonsAnalysis = defineAnalysis<TestEntry[]>()({
  id: 'tests',
  always: true,
  config: {
    schema: {
      tests: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'label', 'rows', 'columns'],
          properties: {
            id: { $ref: '#/definitions/id' },
            label: { type: 'string' },
            rows: {
              type: 'array',
              minItems: 2,
              maxItems: 2,
              items: { $ref: '#/definitions/labelledCondition' },
            },
            columns: {
              type: 'array',
              minItems: 2,
              maxItems: 2,
              items: { $ref: '#/definitions/labelledCondition' },
            },
          },
        },
      },
    },
    defaults: { tests: [] },
    check(config, { error, checkCondition }) {
      config.tests.forEach((t, k) => {
        t.rows.forEach((r, i) => checkCondition(r.when, `/tests/${k}/rows/${i}/when`));
        t.columns.forEach((c, i) => checkCondition(c.when, `/tests/${k}/columns/${i}/when`));
        // A 2×2 table counts each patient as in a row or not: a "no" must be a no.
        for (const [side, cells] of [
          ['rows', t.rows],
          ['columns', t.columns],
        ] as const)
          cells.forEach((cell, i) => {
            const behind = missingAsAbsentVariables(cell.when, config);
            if (behind.length > 0)
              error(`/tests/${k}/${side}/${i}/when`, missingAsAbsentReason('this 2×2 condition', behind));
          });
      });
    },
  },
  title: 'Comparisons (2×2 tables)',
  nav: 'Comparisons',
  methods: (result) =>
    result.length === 0
      ? []
      : [
          {
            topic: 'Confidence intervals',
            text: html`Fisher's exact test, two-sided as R's fisher.test, with the conditional
            maximum-likelihood odds ratio.`,
          },
        ],
  compute: (input, context) => context.config.tests.map((t) => twoByTwo(input.cases, t, input.views)),
  section: (result) => (result.length > 0 ? testsTable(result) : null),
});

/** A 2×2 test on a group (row) under 5 patients or under 10 patients in its rarer column is cautioned. */
function fisherCaution(t: TestEntry): Html {
  if (t.p_value === null) return html``;
  const rows = t.table.map((r) => r[0] + r[1]);
  const rarer = Math.min(t.table[0][0] + t.table[1][0], t.table[0][1] + t.table[1][1]);
  const caution = smallSampleCaution(rarer, rows, 'patient');
  return caution ? html`<br /><span class="caution">${caution}</span>` : html``;
}

export function testsTable(tests: readonly TestEntry[]): Html {
  if (tests.length === 0) return html``;
  const rows = tests.map(
    (t) =>
      html`<tr>
        <td>${t.label}</td>
        <td>
          ${t.rows[0]}: ${t.table[0][0]} ${t.columns[0].toLowerCase()}, ${t.table[0][1]}
          ${t.columns[1].toLowerCase()}<br />${t.rows[1]}: ${t.table[1][0]} ${t.columns[0].toLowerCase()},
          ${t.table[1][1]} ${t.columns[1].toLowerCase()}
        </td>
        <td class="num">${formatP(t.p_value)}${fisherCaution(t)}</td>
        <td class="num">${formatNumber(t.odds_ratio, 2)} (${formatInterval(t.odds_ratio_ci95, false, 2)})</td>
      </tr>`,
  );
  return html`${dataTable('tests', ['Comparison', 'Table', { num: 'Fisher exact' }, { num: 'Odds ratio (95% CI)' }], rows)}
    <p class="note">
      Only patients for whom both variables are reported are counted. With so few patients these tests have
      little power; a large p-value is not evidence of no difference.
    </p>`;
}
