import { watch, type FSWatcher } from 'node:fs';
import { runSummary } from './report/runSummary.ts';
import { runCohort, type RunOptions } from './run.ts';

const DEBOUNCE_MS = 300;

/**
 * Re-runs a cohort whenever a file in its folder changes (debounced, one run at a time), printing
 * each run's findings. A failed run writes nothing, so the last good report stays in place.
 * Resolves with 0 on Ctrl-C (SIGINT) or SIGTERM.
 */
export async function watchCohorts(
  jobs: ReadonlyArray<{ dir: string; out: string }>,
  options: RunOptions,
  print: (line: string) => void,
): Promise<number> {
  const quiet = { ...options, log: () => {} };
  const watchers: FSWatcher[] = [];
  const runJob = async (job: { dir: string; out: string }) => {
    const result = await runCohort(job.dir, job.out, quiet);
    runSummary(result).forEach((line) => print(line));
  };
  for (const job of jobs) {
    await runJob(job);
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> = Promise.resolve();
    watchers.push(
      watch(job.dir, () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          running = running.then(() => {
            print(`${new Date().toLocaleTimeString()} ${job.dir} changed: re-running`);
            return runJob(job);
          });
        }, DEBOUNCE_MS);
      }),
    );
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
