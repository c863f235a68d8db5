import type { CaseViews } from '../conditions/caseViews.ts';
import { ANSWER_TRUE } from '../conditions/conditionAnswers.ts';
import { testsTable } from '../report/sections.ts';
import { fisherExact } from '../stats/fisherExact.ts';
import type { CaseTable, TwoByTwoSpec } from '../types.ts';
import { defineAnalysis } from './analysis.ts';
import { runLogFactorials } from './exactTests.ts';

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

/** The 2×2 table of a comparison: included patients for whom a row and a column condition hold. */
function twoByTwo(cases: CaseTable, spec: TwoByTwoSpec, views: CaseViews): TestEntry {
  const table: [[number, number], [number, number]] = [
    [0, 0],
    [0, 0],
  ];
  const [row0, row1] = spec.rows.map((row) => views.answers(row.when)) as [Int8Array, Int8Array];
  const [column0, column1] = spec.columns.map((col) => views.answers(col.when)) as [Int8Array, Int8Array];
  const included = views.includedRows();
  for (let k = 0; k < included.length; k++) {
    const i = included[k]!;
    // The first row (column) whose condition holds.
    const r: number = row0[i] === ANSWER_TRUE ? 0 : row1[i] === ANSWER_TRUE ? 1 : -1;
    const c: number = column0[i] === ANSWER_TRUE ? 0 : column1[i] === ANSWER_TRUE ? 1 : -1;
    if (r >= 0 && c >= 0) table[r]![c]!++;
  }
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
export const comparisonsAnalysis = defineAnalysis<TestEntry[]>({
  id: 'tests',
  title: 'Comparisons (2×2 tables)',
  nav: 'Comparisons',
  compute: (input, context) => context.config.tests.map((t) => twoByTwo(input.cases, t, input.views)),
  section: (result) => (result.length > 0 ? testsTable(result) : null),
});
