import { quantileTypeOf } from '../config/quantileRule.ts';
import type { QuantileType } from '../stats/quantile.ts';
import { resultsByKey, type Analysis, type AnalysisInput } from '../analyses/analysis.ts';
import { ANALYSES, type AnalysisResults } from '../analyses/index.ts';
import { appraisalInputTable, type AppraisalTable } from '../cohortTables/appraisalTable.ts';
import { flowTable } from '../cohortTables/flowTable.ts';
import { tablesByKey, type TablesRead } from '../cohortTables/inputTable.ts';
import { publishedTable } from '../cohortTables/publishedFigures.ts';
import { sourcesTable } from '../cohortTables/sourcesTable.ts';
import type { FlowCounts } from '../cohortTables/flowCounts.ts';
import type { PublishedFigure } from '../cohortTables/publishedFigures.ts';
import { caseViews } from '../conditions/caseViews.ts';
import { statsJsonText } from '../io/statsJson.ts';
import { includedCount } from '../conditions/includedCount.ts';
import type { CaseTable, Source } from '../types.ts';
import { softwareVersions, type SoftwareVersions } from '../versions.ts';
import type { FigureDrawing } from '../drawing/figureDrawing.ts';
import type { OutputFile, StageContext } from './context.ts';

/** stats.json: what the run read, then each analysis's section under its id (pipeline/analyses/). */
export interface Stats extends AnalysisResults {
  cohort: string;
  title: string;
  n_rows: number;
  n_included: number;
  n_excluded: number;
  input: { file: string; sha256: string };
  inputs: Array<{ role: string; file: string; sha256: string }>;
  /** R quantile()'s `type` of every quartile in the report (cohort.json quantileType; default 7). */
  quantile_type: QuantileType;
  /** The versions of casepool, Node and the chart libraries that made this report. */
  software: SoftwareVersions;
}

export interface AnalyzeInput {
  cases: CaseTable;
  published: readonly PublishedFigure[];
  inputs: Stats['inputs'];
  sources?: readonly Source[];
  appraisal?: AppraisalTable | null;
  flow?: FlowCounts | null;
  /** Every input table read (cohortTables/catalog.ts), for an analysis that reads one not named above. */
  tables?: TablesRead;
}

/** The input tables as the analyses read them, from those the run read (its checked case table). */
export function analysisTables(tables: TablesRead, cases: CaseTable): Required<Omit<AnalyzeInput, 'inputs'>> {
  return {
    cases,
    sources: tables.of(sourcesTable),
    published: tables.of(publishedTable),
    appraisal: tables.of(appraisalInputTable),
    flow: tables.of(flowTable),
    tables,
  };
}

/** What the analyses read; `results` is filled in as they compute, in list order. */
export function analysisInput(
  input: Omit<AnalyzeInput, 'inputs'>,
  results: Readonly<Record<string, unknown>>,
): AnalysisInput {
  return {
    cases: input.cases,
    sources: input.sources ?? [],
    appraisal: input.appraisal ?? null,
    published: input.published,
    flow: input.flow ?? null,
    tables: input.tables ?? tablesByKey({ cases: input.cases }, {}),
    results: resultsByKey(results),
    views: caseViews(input.cases),
  };
}

/** One analysis computed, and what it read: the run may start on its figures while the next computes. */
export interface AnalysisStep {
  analysis: Analysis<unknown>;
  result: unknown;
  read: AnalysisInput;
}

/**
 * Every number of the report, from the included patients: each analysis in turn, yielded as it is
 * computed (a configured one only), then stats.json. `analyze` runs it to the end.
 */
export function* analysisSteps(
  input: AnalyzeInput,
  context: StageContext,
  analyses: ReadonlyArray<Analysis<unknown>> = ANALYSES,
): Generator<AnalysisStep, { stats: Stats; files: OutputFile[] }> {
  const { cases } = input;
  const { config } = context;
  const nIncluded = includedCount(cases);
  const casesInput = input.inputs.find((f) => f.role === 'cases')!;
  const results: Record<string, unknown> = {};
  const read = analysisInput(input, results);
  for (const analysis of analyses) {
    const result = analysis.compute(read, context);
    if (result === null) continue;
    results[analysis.id] = result;
    yield { analysis: analysis as Analysis<unknown>, result, read };
  }
  const stats = {
    cohort: config.id,
    title: config.title,
    n_rows: cases.n,
    n_included: nIncluded,
    n_excluded: cases.n - nIncluded,
    input: { file: casesInput.file, sha256: casesInput.sha256 },
    inputs: input.inputs,
    quantile_type: quantileTypeOf(config),
    software: softwareVersions(),
    ...results,
  } as Stats;
  return { stats, files: [{ path: 'stats.json', content: statsJsonText(stats) }] };
}

/**
 * Every number of the report, each analysis's charts started as soon as it is computed: the workers lay
 * them out and rasterise them while this thread computes the next analyses (at 10^6 rows, seconds).
 */
export async function analyzeWhileDrawing(
  input: AnalyzeInput,
  context: StageContext,
  drawing: Pick<FigureDrawing, 'draw'>,
  analyses: ReadonlyArray<Analysis<unknown>> = ANALYSES,
): Promise<{ stats: Stats; files: OutputFile[] }> {
  const steps = analysisSteps(input, context, analyses);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    void drawing.draw(step.value.analysis, step.value.result, context, step.value.read);
    // The workers' answers are taken in between analyses, so the PNG of a chart laid out starts while
    // the next analysis computes.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Every number of the report, from the included patients: each analysis in turn. */
export function analyze(input: AnalyzeInput, context: StageContext): { stats: Stats; files: OutputFile[] } {
  const steps = analysisSteps(input, context);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
