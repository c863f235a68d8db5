import { watch, type FSWatcher } from 'node:fs';
import { environmentMessage } from './io/environmentError.ts';
import { runSummary } from './report/runSummary.ts';
import { runCohort, type RunOptions } from './run.ts';

const DEBOUNCE_MS = 300;

/**
 * Re-runs a cohort whenever a file in its folder changes (debounced, one run at a time), printing
 * each run's findings. A failed run writes nothing, so the last good report stays in place; a run
 * that throws (a full disk, or a bug) is printed and watching goes on. Resolves with 0 on Ctrl-C
 * (SIGINT) or SIGTERM.
 */
export async function watchCohorts(
  jobs: ReadonlyArray<{ dir: string; out: string }>,
  options: RunOptions,
  print: (line: string) => void,
): Promise<number> {
  const quiet = { ...options, log: () => {}, notice: print };
  const watchers: FSWatcher[] = [];
  const runJob = async (job: { dir: string; out: string }) => {
    try {
      const result = await runCohort(job.dir, job.out, quiet);
      runSummary(result).forEach((line) => print(line));
    } catch (e) {
      const environment = environmentMessage(e);
      print(
        environment !== null
          ? `casepool: ${environment}; nothing written, waiting for the next change`
          : `casepool: internal error (a bug in casepool, not in your files): ${(e as Error).stack ?? String(e)}\nwaiting for the next change`,
      );
    }
  };
  for (const job of jobs) {
    await runJob(job);
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> = Promise.resolve();
    const watcher = watch(job.dir, () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        running = running.then(() => {
          print(`${new Date().toLocaleTimeString()} ${job.dir} changed: re-running`);
          return runJob(job);
        });
      }, DEBOUNCE_MS);
    });
    // E.g. the cohort folder was removed: say so; without a listener the process would die.
    watcher.on('error', (e) => print(`casepool: cannot watch ${job.dir} any more (${e.message})`));
    watchers.push(watcher);
  }
  print(`watching ${jobs.map((j) => j.dir).join(', ')} for changes (Ctrl-C to stop)`);
  return new Promise((resolve) => {
    const stop = () => {
      watchers.forEach((w) => w.close());
      print('stopped watching');
      resolve(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
