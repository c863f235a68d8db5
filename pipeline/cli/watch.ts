import { statSync, watch, type FSWatcher } from 'node:fs';
import { basename } from 'node:path';
import { environmentMessage } from '../io/environmentError.ts';
import type { RunResult } from '../run.ts';

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
  /** One run of a cohort; `signal` is aborted on Ctrl-C (SIGINT) or SIGTERM, to end it early. */
  run: (job: Job, signal: AbortSignal) => Promise<RunResult>;
  print: (line: string) => void;
  /** The lines printed after a run (findings and summary). */
  summarize: (result: RunResult) => string[];
  /** Told after every run, the first included (e.g. --serve, to reload the page or show the findings). */
  afterRun?: (job: Job, outcome: RunOutcome) => void;
}

/**
 * How often the cohort folder itself is looked at: a folder replaced by a copy (unzip, a restore, a
 * sync tool) is a new folder the old watcher never hears of, so it is noticed by its identity.
 */
export const FOLDER_CHECK_MS = 1_000;

/** The identity of a folder (device and inode), or null when it is not there (or not a folder). */
function folderIdentity(dir: string): string | null {
  try {
    const st = statSync(dir);
    return st.isDirectory() ? `${st.dev}:${st.ino}` : null;
  } catch {
    return null;
  }
}

/**
 * Re-runs a cohort whenever a file in its folder or any folder below it changes (debounced, one run at
 * a time; editors' scratch files ignored), printing each run's findings. Every file a cohort reads is
 * inside its folder (cohort.json may name files in subfolders, never outside). A folder replaced by a
 * copy is watched again (said in one line, and run); a removed one is said, and watched again when
 * it is back. A failed run writes nothing, so the last good report stays in place; a run that throws
 * (a full disk, or a bug) is printed and watching goes on. Resolves with 0 on Ctrl-C (SIGINT) or
 * SIGTERM at any moment, the first runs included: a run under way is aborted (its lock wait at once,
 * its stages at the next one) and nothing more is printed of it.
 */
export async function watchCohorts(jobs: readonly Job[], hooks: WatchHooks): Promise<number> {
  const { print } = hooks;
  const stopping = new AbortController();
  const cleanups: Array<() => void> = [];
  let finish!: (code: number) => void;
  const finished = new Promise<number>((resolve) => (finish = resolve));
  const stop = () => {
    if (stopping.signal.aborted) return;
    stopping.abort();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    cleanups.forEach((cleanup) => cleanup());
    print('stopped watching');
    finish(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const runJob = async (job: Job) => {
    if (stopping.signal.aborted) return;
    let outcome: RunOutcome;
    try {
      const result = await hooks.run(job, stopping.signal);
      if (stopping.signal.aborted) return;
      hooks.summarize(result).forEach((line) => print(line));
      outcome = { result };
    } catch (e) {
      // Ended by Ctrl-C: 'stopped watching' says it all.
      if (stopping.signal.aborted) return;
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

  /** Watches one cohort: its folder tree, and the folder's identity. */
  const watchJob = (job: Job) => {
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> = Promise.resolve();
    let watcher: FSWatcher | null = null;
    let identity = folderIdentity(job.dir);
    const rerun = (why: string) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        running = running.then(() => {
          if (stopping.signal.aborted) return;
          print(`${new Date().toLocaleTimeString()} ${job.dir} ${why}: re-running`);
          return runJob(job);
        });
      }, DEBOUNCE_MS);
    };
    const attach = () => {
      watcher?.close();
      watcher = null;
      try {
        watcher = watch(job.dir, { recursive: true }, (_event, fileName) => {
          if (fileName !== null && isEditorScratchFile(fileName)) return;
          rerun('changed');
        });
      } catch (e) {
        print(`casepool: cannot watch ${job.dir} (${(e as Error).message}); watching again when it is back`);
        identity = null;
        return;
      }
      // E.g. the cohort folder was removed: the folder check below says so and watches again.
      watcher.on('error', () => {
        watcher?.close();
        watcher = null;
      });
    };
    attach();
    const check = setInterval(() => {
      const now = folderIdentity(job.dir);
      if (now === identity) return;
      const was = identity;
      identity = now;
      if (now === null) {
        watcher?.close();
        watcher = null;
        print(`casepool: ${job.dir} is gone; watching for it to come back`);
      } else {
        print(
          `casepool: ${job.dir} was ${was === null ? 'put back' : 'replaced by another folder'}; watching the new one`,
        );
        attach();
        rerun('replaced');
      }
    }, FOLDER_CHECK_MS);
    cleanups.push(() => {
      clearTimeout(timer);
      clearInterval(check);
      watcher?.close();
    });
  };

  void (async () => {
    for (const job of jobs) {
      await runJob(job);
      if (stopping.signal.aborted) return;
      watchJob(job);
    }
    print(
      `watching ${jobs.map((j) => j.dir).join(', ')} and the folders in them for changes (Ctrl-C to stop)`,
    );
  })();
  return finished;
}
