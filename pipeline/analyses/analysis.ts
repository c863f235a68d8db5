import type { FigureWidth } from '../charts/printSize.ts';
import type { AppraisalTable } from '../cohortTables/appraisalTable.ts';
import type { Html } from '../report/escapeHtml.ts';
import type { OutputFile, StageContext } from '../stages/context.ts';
import type { CaseTable, Source } from '../types.ts';

/** What every analysis reads: the normalised case table and the tables beside it. */
export interface AnalysisInput {
  cases: CaseTable;
  sources: readonly Source[];
  appraisal: AppraisalTable | null;
}

/** A chart an analysis asks for: the render stage lays it out and writes its spec, SVG and PNG. */
export interface AnalysisFigure {
  id: string;
  title: string;
  caption: string;
  spec: Record<string, unknown>;
}

/** The figure as rendered, for the report section. */
export interface RenderedAnalysisFigure extends AnalysisFigure {
  svg: string;
  files: { spec: string; svg: string; png: string };
}

/**
 * One analysis: from the case table and its cohort.json block to its stats.json section, its figures,
 * its files and its report section. Each is a module in pipeline/analyses/ listed in index.ts; the
 * analyze and render stages only walk that list. The maths lives in pipeline/stats/.
 */
export interface Analysis<Result> {
  /** The key of the result in stats.json and the id of its report section. */
  id: string;
  title: string;
  /** The result, or null when the cohort does not configure this analysis (nothing is shown). */
  compute(input: AnalysisInput, context: StageContext): Result | null;
  /** Its charts, laid out for the journal column `width` (`--figure-width`; default double). */
  figures?(result: Result, context: StageContext, width?: FigureWidth): AnalysisFigure[];
  /** Further files (tables as CSV and Word, …), relative to the output folder; may be written asynchronously. */
  files?(
    result: Result,
    context: StageContext,
    data: Pick<AnalysisInput, 'cases' | 'sources'>,
  ): OutputFile[] | Promise<OutputFile[]>;
  section(result: Result, figures: readonly RenderedAnalysisFigure[], context: StageContext): Html;
}

/** Keeps an analysis's Result type while listing it beside others. */
export const defineAnalysis = <Result>(analysis: Analysis<Result>): Analysis<Result> => analysis;
