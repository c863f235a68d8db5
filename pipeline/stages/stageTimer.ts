const MB = 2 ** 20;

/** One stage's time, and the process's memory when the stage ended. */
export interface StageTiming {
  stage: string;
  ms: number;
  /**
   * The resident-set high-water mark of the whole process so far (process.resourceUsage().maxRSS), in
   * MB: the peak of this stage or of any before it, not this stage's own peak.
   */
  maxRssSoFarMB: number;
  /** Resident set size when the stage ended, in MB. */
  rssMB: number;
  /** V8 heap in use when the stage ended (before any collection), in MB. */
  heapUsedMB: number;
}

/** What a stage timer reports to: the timing lines, the progress line, the abort signal. */
export interface StageTimerOptions {
  log: (line: string) => void;
  progress?: (step: { cohort: string; stage: string; rows: number | null }) => void;
  signal?: AbortSignal;
}

/**
 * Runs each stage of a run, in turn: stops between stages when the run is aborted, reports the stage as
 * it starts, and records its time and the process's memory when it ends (`timings`, --timings).
 */
export function stageTimer(options: StageTimerOptions, now: () => { cohort: string; rows: number | null }) {
  const timings: StageTiming[] = [];
  const time = async <T>(stage: string, work: () => T | Promise<T>): Promise<T> => {
    options.signal?.throwIfAborted();
    const { cohort, rows } = now();
    options.progress?.({ cohort, stage, rows });
    const start = performance.now();
    const result = await work();
    const ms = performance.now() - start;
    const memory = process.memoryUsage();
    const maxRssSoFarMB = (process.resourceUsage().maxRSS * 1024) / MB;
    timings.push({ stage, ms, maxRssSoFarMB, rssMB: memory.rss / MB, heapUsedMB: memory.heapUsed / MB });
    options.log(
      `${cohort.padEnd(14)} ${stage.padEnd(10)} ${ms.toFixed(0).padStart(6)} ms ${maxRssSoFarMB.toFixed(0).padStart(6)} MB peak RSS so far`,
    );
    return result;
  };
  return { time, timings };
}
