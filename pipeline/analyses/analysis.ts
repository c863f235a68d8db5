import type { FigureOptions } from '../charts/figureOptions.ts';
import type { AppraisalTable } from '../cohortTables/appraisalTable.ts';
import type { CaseViews } from '../conditions/caseViews.ts';
import type { FlowCounts } from '../cohortTables/flowCounts.ts';
import type { PublishedFigure } from '../cohortTables/publishedFigures.ts';
import type { Html } from '../report/escapeHtml.ts';
import type { OutputFile, StageContext } from '../stages/context.ts';
import type { ConfigScope } from '../config/configScope.ts';
import type { TablesRead } from '../cohortTables/inputTable.ts';
import type { CaseTable, CohortConfig, Finding, Source } from '../types.ts';

/** What every analysis reads: the normalised case table and the tables beside it. */
export interface AnalysisInput {
  cases: CaseTable;
  sources: readonly Source[];
  appraisal: AppraisalTable | null;
  /** The figures the reference paper printed (published.csv), for reconciliation and the grey bars. */
  published: readonly PublishedFigure[];
  /** The study-flow counts (flow.csv), when the cohort has them. */
  flow: FlowCounts | null;
  /** Every input table read (cohortTables/catalog.ts): `tables.of(someTable)` for one not named above. */
  tables: TablesRead;
  /**
   * The stats.json sections of the analyses listed before this one (all of them once every analysis
   * has computed): an analysis reads another's result here instead of computing it again.
   */
  results: ResultsSoFar;
  /**
   * What the analyses read from `cases` again and again (included rows, a condition's answers per row,
   * a grouping's level rows), worked out once for this run (conditions/caseViews.ts).
   */
  views: CaseViews;
}

/**
 * A chart an analysis asks for, in one of three forms: a Vega-Lite spec (laid out by the render
 * stage, which also writes the spec), an SVG the analysis drew itself, or an SVG composed from other
 * specs laid out for it (the parts are not written as figures of their own).
 */
export type AnalysisFigure = FigureText &
  (
    | { spec: Record<string, unknown> }
    | { svg: string }
    | { parts: ReadonlyArray<Record<string, unknown>>; compose: (partSvgs: string[]) => string }
  );

interface FigureText {
  /** Its id in the page (`#figure-<id>`). */
  id: string;
  /** The name of its files, `figures/<file>.svg` (default: the id). */
  file?: string;
  title: string;
  /** Plain text; the render stage adds a note when its smallest text prints under 6 pt. */
  caption: string;
}

/**
 * The cohort.json keys an analysis reads. Its TypeScript type is declared beside it, by adding the keys
 * to CohortConfig (`declare module '../types.ts' { interface CohortConfig { … } }`), so that the core's
 * types never name an analysis.
 */
export interface AnalysisConfig {
  /**
   * Each key's JSON Schema, added to the core schema (config/cohort.schema.json) under `properties`; it
   * may refer to the core's definitions (`#/definitions/condition`, `id`, `analysisVariable`, …).
   */
  schema: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Definitions its schema adds, referred to as `#/definitions/<name>`. */
  definitions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** The value of a key cohort.json leaves out (e.g. `[]`), so that the analysis never reads undefined. */
  defaults?: Readonly<Record<string, unknown>>;
  /** What a schema cannot check: that the names the block uses are defined in cohort.json. */
  check?(config: CohortConfig, scope: ConfigScope): void;
}

/** A sentence of the page's Methods under the heading of its paragraph ("Confidence intervals"). */
export interface MethodsSentence {
  topic: string;
  text: Html;
}

/** The figure as rendered, for the report section. */
export interface RenderedFigure {
  id: string;
  title: string;
  /** The figure's caption with its print-size note, when there is one. */
  caption: string;
  /** The print-size note alone ('' when the figure prints large enough). */
  sizeNote: string;
  /** The SVG at its screen size, for the page. */
  svg: string;
  /**
   * Paths of its files in the report; `spec` is null for a figure drawn without Vega-Lite, `png` in a
   * run without PNGs (--no-png, --watch), so the page links no file that is not there.
   */
  files: { spec: string | null; svg: string; png: string | null };
}

/**
 * One analysis: from the case table and its cohort.json block to its stats.json section, its figures,
 * its files and its report section. Each is a module in pipeline/analyses/ listed in index.ts, in the
 * order of the page (an analysis may read the results of those before it); the analyze and render
 * stages and the page only walk that list. The maths lives in pipeline/stats/.
 */
export interface Analysis<Result, Id extends string = string> {
  /** The key of the result in stats.json. */
  id: Id;
  /**
   * Computed for every cohort (its result may be empty, never null), so its stats.json section is
   * always there.
   */
  always?: boolean;
  /** The heading of its report section. */
  title: string | ((result: Result, input: AnalysisInput) => string);
  /** The section's short name in the page's navigation (default: the title). */
  nav?: string;
  /** The id of its report section in the page (default: `<id>-section`). */
  sectionId?: string;
  /**
   * Whether the cohort configures charts of this analysis, so that a render worker starts loading Vega
   * while the input is read (an analysis that rarely draws leaves it out: workers start when asked).
   */
  drawsEarly?(config: CohortConfig): boolean;
  /** Its block(s) of cohort.json: their schema, defaults and the checks a schema cannot make. */
  config?: AnalysisConfig;
  /**
   * Its checks of the input tables it reads, beyond each table's own (run by the validate stage, before
   * anything is computed): e.g. survival's groupings whose levels overlap.
   */
  checkInput?(tables: TablesRead, context: StageContext): Finding[];
  /** The result, or null when the cohort does not configure this analysis (nothing is shown). */
  compute(input: AnalysisInput, context: StageContext): Result | null;
  /**
   * Its headline cards at the top of the page. The page shows them by `rank` (the patients 10, their
   * findings 20, their outcome 30), then in list order.
   */
  headline?: {
    rank: number;
    cards(result: Result, context: StageContext, input: AnalysisInput): Html[];
  };
  /**
   * Its sentences in the page's Methods, each under the heading of its paragraph (a paragraph is
   * placed where its heading is first used; sentences under one heading are joined in list order).
   */
  methods?(result: Result, context: StageContext, input: AnalysisInput): MethodsSentence[];
  /** Its charts, laid out for the journal column and with the options of the run. */
  figures?(
    result: Result,
    context: StageContext,
    options: FigureOptions,
    input: AnalysisInput,
  ): AnalysisFigure[];
  /** Further files (tables as CSV and Word, …), relative to the output folder; may be written asynchronously. */
  files?(result: Result, context: StageContext, input: AnalysisInput): OutputFile[] | Promise<OutputFile[]>;
  /** Its report section's body, or null when it has nothing to show (e.g. no comparison configured). */
  section(
    result: Result,
    figures: readonly RenderedFigure[],
    context: StageContext,
    input: AnalysisInput,
  ): Html | null;
}

/**
 * Keeps an analysis's Result type and its id (as a literal type, so that stats.json's type is derived
 * from the list in index.ts) while listing it beside others: `defineAnalysis<Result>()({ id: 'x', … })`.
 */
export const defineAnalysis =
  <Result>() =>
  <const Id extends string, const Always extends boolean = false>(
    analysis: Analysis<Result, Id> & { always?: Always },
  ): Analysis<Result, Id> & { always?: Always } =>
    analysis;

/** The result type of an analysis. */
export type ResultOf<A> = A extends Analysis<infer Result, string> ? Result : never;

/**
 * The results of the analyses computed so far in this run: an analysis reads another's result by the
 * analysis itself (typed), never by its key or position.
 */
export interface ResultsSoFar {
  of<Result>(analysis: Analysis<Result, string>): Result | undefined;
}

/** Results keyed by analysis id (stats.json's sections) as ResultsSoFar. */
export const resultsByKey = (results: Readonly<Record<string, unknown>>): ResultsSoFar => ({
  of: <Result>(analysis: Analysis<Result, string>) => results[analysis.id] as Result | undefined,
});

/** The heading of an analysis's section for its result. */
export const sectionTitle = <Result>(
  analysis: Analysis<Result, string>,
  result: Result,
  input: AnalysisInput,
) => (typeof analysis.title === 'string' ? analysis.title : analysis.title(result, input));

/** The id of an analysis's section in the page. */
export const sectionId = (analysis: Analysis<unknown>) => analysis.sectionId ?? `${analysis.id}-section`;
