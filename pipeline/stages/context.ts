import type { ReadyContent } from '../io/textChunks.ts';
import type { CohortConfig } from '../types.ts';

/** What every stage may know besides its input. No stage reads global state. */
export interface StageContext {
  /** Absolute path of the cohort folder. */
  cohortDir: string;
  config: CohortConfig;
  /** How a path is shown to the user in findings (relative to the working directory). */
  display: (absolutePath: string) => string;
  /** ISO timestamp of the run, shown in the report. */
  generatedAt: string;
  /**
   * --show-all: what falls below the cohort's minimum data (cohort.json `minimum`) is estimated and
   * drawn with a caution instead of withheld. Absent: withheld.
   */
  showAll?: boolean;
}

/**
 * A file a stage produces, relative to the cohort's output folder. The runner writes it. A large table
 * is given as text chunks made while it is written, so that it is never held whole in memory.
 */
export interface OutputFile {
  path: string;
  content: ReadyContent;
}

/**
 * A file still being made when its stage ends (a PNG rasterising on a render worker): the runner
 * writes it after the others, so the workers finish it meanwhile.
 */
export interface LaterFile {
  path: string;
  content: Promise<string | Uint8Array>;
}
