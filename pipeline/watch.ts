import { watch, type FSWatcher } from 'node:fs';
import { basename } from 'node:path';
import { environmentMessage } from './io/environmentError.ts';
import type { RunResult } from './run.ts';

/**
 * Quiet time after the last change before a run starts: an editor's save is a burst of events (a
 * truncate and a write, or a temporary file renamed over the original) within a few milliseconds.
 */
export const DEBOUNCE_MS = 60;

/**
 * Files an editor or spreadsheet writes beside the one being edited, which are not input: Excel's
 * owner file (`~$cases.csv`) and its temporary save files (8 hex digits, no extension), LibreOffice's
 * lock (`.~lock.cases.csv#`), vim's swap, backup and probe files (`.cases.csv.swp`, `cases.csv~`,
 * `4913`), Emacs's lock and auto-save files (`.#cases.csv`, `#cases.csv#`), JetBrains' and gedit's
 * safe-write files, and `*.tmp`. Saving still triggers a run: the save ends with the input file itself.
 */
export function isEditorScratchFile(fileName: string): boolean {
  const name = basename(fileName);
  return (
    name.startsWith('~$') ||
    name.startsWith('.~lock.') ||
    /\.sw[a-p]$|\.swx$/i.test(name) ||
    name.endsWith('~') ||
    name === '4913' ||
    name.startsWith('.#') ||
    /^#.*#$/.test(name) ||
    /___jb_(tmp|old)___$/.test(name) ||
    name.startsWith('.goutputstream-') ||
    /\.tmp$/i.test(name) ||
    /^[0-9A-F]{8}$/.test(name)
  );
}

export type Job = { dir: string; out: string };

/** What a run came to: its result, or the sentence for a run that threw (a full disk, a bug). */
export type RunOutcome = { result: RunResult } | { failure: string };

export interface WatchHooks {
  /** One run of a cohort. */
  run: (job: Job) => Promise<RunResult>;
  print: (line: string) => void;
  /** The lines printed after a run (findings and summary). */
  summarize: (result: RunResult) => string[];
  /** Told after every run, the first included (e.g. --serve, to reload the page or show the findings). */
  afterRun?: (job: Job, outcome: RunOutcome) => void;
}

/**
 * Re-runs a cohort whenever a file in its folder changes (debounced, one run at a time; editors'
 * scratch files ignored), printing each run's findings. A failed run writes nothing, so the last good
 * report stays in place; a run that throws (a full disk, or a bug) is printed and watching goes on.
 * Resolves with 0 on Ctrl-C (SIGINT) or SIGTERM.
 */
export async function watchCohorts(jobs: readonly Job[], hooks: WatchHooks): Promise<number> {
  const { print } = hooks;
  const watchers: FSWatcher[] = [];
  const runJob = async (job: Job) => {
    let outcome: RunOutcome;
    try {
      const result = await hooks.run(job);
      hooks.summarize(result).forEach((line) => print(line));
      outcome = { result };
    } catch (e) {
      const environment = environmentMessage(e);
      const failure =
        environment !== null
          ? `casepool: ${environment}; nothing written, waiting for the next change`
          : `casepool: internal error (a bug in casepool, not in your files): ${(e as Error).stack ?? String(e)}\nwaiting for the next change`;
      print(failure);
      outcome = { failure };
    }
    hooks.afterRun?.(job, outcome);
  };
  for (const job of jobs) {
    await runJob(job);
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> = Promise.resolve();
    const watcher = watch(job.dir, (_event, fileName) => {
      if (fileName !== null && isEditorScratchFile(fileName)) return;
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
