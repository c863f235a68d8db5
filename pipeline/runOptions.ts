import type { Analysis } from './analyses/analysis.ts';
import type { FigureOptions } from './charts/figureOptions.ts';
import type { InputTable } from './cohortTables/inputTable.ts';
import type { ChartRenderer } from './drawing/renderPool.ts';
import type { Stats } from './stages/analyze.ts';
import type { StageTiming } from './stages/stageTimer.ts';
import type { Finding } from './types.ts';

/** How runCohort runs (run.ts): the command line's options and a test's own parts. */
export interface RunOptions {
  /** Warnings stop the run as errors do. */
  strict?: boolean;
  /** Write the PNGs (default true). */
  png?: boolean;
  /** Estimate and draw what falls below the cohort's minimum data, with a caution (--show-all). */
  showAll?: boolean;
  /** Figure layout for a manuscript: dpi, journal column width, recomputed bars only. */
  figures?: Partial<FigureOptions>;
  /** Working directory paths are shown relative to. */
  cwd?: string;
  /** Stage timing lines, one per stage as it ends (--timings). */
  log?: (line: string) => void;
  /** Called as each stage starts, with the number of case rows read so far (null before extract). */
  progress?: (step: { cohort: string; stage: string; rows: number | null }) => void;
  /** Lines the user must see even when progress is not shown (default stderr). */
  notice?: (line: string) => void;
  now?: () => Date;
  /** Ends the run between two stages (and its lock wait at once): --watch and --serve on Ctrl-C. */
  signal?: AbortSignal;
  /**
   * The analyses and input tables of the run (default: those shipped, analyses/index.ts and
   * cohortTables/catalog.ts): a test adds its own without touching either list.
   */
  parts?: {
    analyses?: ReadonlyArray<Analysis<unknown>>;
    tables?: ReadonlyArray<InputTable<string, unknown>>;
  };
  /**
   * Where the charts are laid out and rasterised: the command line's pool of workers (for runs with
   * PNGs; one per process, kept between the runs of --watch and --serve, closed by the command line
   * at the end), or a test's own renderer. `start(1)` is called once cohort.json is read, so one worker loads Vega
   * on the other core while the input is read and checked. Without one, charts are drawn in this
   * thread.
   */
  renderPool?: ChartRenderer & { start?(count?: number): void };
}

export interface RunResult {
  cohort: string;
  outDir: string;
  /** 0: report written; 1: errors in the input, nothing written. */
  exitCode: 0 | 1;
  findings: Finding[];
  timings: StageTiming[];
  stats: Stats | null;
  /** Whether warnings counted as errors (--strict); accepted warnings never do. */
  strict: boolean;
}
