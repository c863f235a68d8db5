import { ANALYSES, type AnalysisResults } from '../analyses/index.ts';
import type { AppraisalTable } from '../cohortTables/appraisalTable.ts';
import { rowCondition } from '../conditions/rowCondition.ts';
import type { PublishedFigure } from '../cohortTables/publishedFigures.ts';
import {
  reconcile,
  type ProportionEntry,
  type ReconcileInput,
  type ReconciliationEntry,
} from '../summaries/reconcile.ts';
import { describe, type Summary } from '../stats/describe.ts';
import { fisherExact } from '../stats/fisherExact.ts';
import { statisticEntries, type StatisticEntry } from '../summaries/proportions.ts';
import { survivalAnalysis, type SurvivalSection } from '../summaries/survivalAnalysis.ts';
import type { CaseTable, Source } from '../types.ts';
import type { OutputFile, StageContext } from './context.ts';
import { numberReader } from '../values/columns.ts';

export type { StatisticEntry };

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

export interface Stats extends AnalysisResults {
  cohort: string;
  title: string;
  n_rows: number;
  n_included: number;
  n_excluded: number;
  input: { file: string; sha256: string };
  inputs: Array<{ role: string; file: string; sha256: string }>;
  statistics: StatisticEntry[];
  continuous: Record<string, Summary & { label: string; unit: string | null }>;
  reconciliation: ReconciliationEntry[];
  survival: SurvivalSection | null;
  tests: TestEntry[];
}

export interface AnalyzeInput {
  cases: CaseTable;
  published: PublishedFigure[];
  inputs: Stats['inputs'];
  sources?: readonly Source[];
  appraisal?: AppraisalTable | null;
}

function twoByTwo(cases: CaseTable, spec: StageContext['config']['tests'][number]): TestEntry {
  const table: [[number, number], [number, number]] = [
    [0, 0],
    [0, 0],
  ];
  const rows = spec.rows.map((row) => rowCondition(row.when, cases.columns));
  const columns = spec.columns.map((col) => rowCondition(col.when, cases.columns));
  for (let i = 0; i < cases.n; i++) {
    if (!cases.included[i]) continue;
    const r = rows.findIndex((holds) => holds(i) === true);
    const c = columns.findIndex((holds) => holds(i) === true);
    if (r >= 0 && c >= 0) table[r]![c]!++;
  }
  const total = table[0][0] + table[0][1] + table[1][0] + table[1][1];
  const result = total === 0 ? null : fisherExact(table);
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

/**
 * How stats.json writes an infinite number (an odds ratio or a confidence limit that is unbounded): as the
 * string "Infinity" or "-Infinity". JSON has no infinity and JSON.stringify would write null, which in
 * stats.json means "not computed" (no test, an undefined interval). NaN is written null.
 */
export function statsJsonReplacer(_key: string, value: unknown): unknown {
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

/**
 * Reads stats.json's infinities back as numbers: JSON.parse(text, statsJsonReviver). Every string value
 * "Infinity" or "-Infinity" becomes the number (stats.json has no text field that is exactly that word
 * unless a cohort names something so).
 */
export function statsJsonReviver(_key: string, value: unknown): unknown {
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  return value;
}

/** Every number of the report, from the included patients; published figures reconciled. */
export function analyze(input: AnalyzeInput, context: StageContext): { stats: Stats; files: OutputFile[] } {
  const { cases } = input;
  const { config } = context;
  const nIncluded = cases.included.filter(Boolean).length;
  const statistics = statisticEntries(cases, config.statistics);
  const all = new Map<string, ProportionEntry>();
  const reported = new Map<string, ProportionEntry>();
  config.statistics.forEach((spec, k) => {
    all.set(spec.id, statistics[2 * k]!);
    reported.set(spec.id, statistics[2 * k + 1]!);
  });
  const continuous: Stats['continuous'] = {};
  const continuousInput: ReconcileInput['continuous'] = new Map();
  for (const spec of config.continuous) {
    const valueOf = numberReader(cases.columns[spec.variable]);
    const values: number[] = [];
    // Which patients hold the extremes, so a range that differs from the paper's can be checked.
    let minCase: string | null = null;
    let maxCase: string | null = null;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < cases.n; i++) {
      const v = valueOf(i);
      if (!cases.included[i] || v === null) continue;
      if (v < min) [min, minCase] = [v, cases.caseIds[i]!];
      if (v > max) [max, maxCase] = [v, cases.caseIds[i]!];
      values.push(v);
    }
    const summary = describe(values);
    const unit = config.columns.find((c) => c.name === spec.variable)?.unit;
    continuous[spec.id] = { label: spec.label, unit: unit ?? null, ...summary };
    continuousInput.set(spec.id, {
      summary: summary as unknown as Record<string, number | null>,
      unit,
      n: summary.n,
      extremeCases: { min: minCase, max: maxCase },
    });
  }
  const reconciliation = reconcile(input.published, {
    nIncluded,
    proportions: all,
    reportedProportions: reported,
    continuous: continuousInput,
  });
  const casesInput = input.inputs.find((f) => f.role === 'cases')!;
  const stats: Stats = {
    cohort: config.id,
    title: config.title,
    n_rows: cases.n,
    n_included: nIncluded,
    n_excluded: cases.n - nIncluded,
    input: { file: casesInput.file, sha256: casesInput.sha256 },
    inputs: input.inputs,
    statistics,
    continuous,
    reconciliation,
    survival: config.survival
      ? survivalAnalysis(
          cases,
          config.survival,
          config.columns.find((c) => c.name === config.survival!.time)?.unit ?? 'months',
        )
      : null,
    tests: config.tests.map((t) => twoByTwo(cases, t)),
  };
  // Each further analysis adds its own section, keyed by its id (pipeline/analyses/).
  const results = stats as unknown as Record<string, unknown>;
  for (const analysis of ANALYSES) {
    const result = analysis.compute(
      { cases, sources: input.sources ?? [], appraisal: input.appraisal ?? null },
      context,
    );
    if (result !== null) results[analysis.id] = result;
  }
  return {
    stats,
    files: [{ path: 'stats.json', content: `${JSON.stringify(stats, statsJsonReplacer, 2)}\n` }],
  };
}
