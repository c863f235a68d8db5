import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { environmentMessage } from '../io/environmentError.ts';
import { casepoolVersion } from '../versions.ts';
import type { CohortEntry } from '../report/cohortIndexPage.ts';
import { checkNoOverlap, findCohorts, parseArguments, UsageError, USAGE } from './arguments.ts';
import { checkIndexReplaceable, indexEntry, writeIndex, writeIndexOrSay } from './cohortList.ts';
import { progressLine, progressText, type ProgressTerminal } from './progressLine.ts';
import { PRINTED_FINDINGS, runSummary, terminalSafe } from './runSummary.ts';
import type { FigureWidth } from '../charts/printSize.ts';
import type { RenderPool } from '../drawing/renderPool.ts';
import type { RunResult } from '../run.ts';

const printLine = (line: string) => console.log(line);

/** The process's stdout as a progress terminal: in place on a terminal, plain lines in a pipe or CI. */
const stdoutTerminal = (): ProgressTerminal => ({
  isTTY: process.stdout.isTTY === true,
  columns: process.stdout.columns,
  write: (text) => void process.stdout.write(text),
});

/**
 * `print` receives every line meant for the user; `terminal` the progress line. Given only `print`
 * (as tests do), progress goes to `print` as plain lines, as to a log.
 */
export async function main(
  argv: string[],
  print: (line: string) => void = printLine,
  terminal: ProgressTerminal = print === printLine
    ? stdoutTerminal()
    : { isTTY: false, write: (text) => print(text.replace(/\n$/, '')) },
): Promise<number> {
  let options: ReturnType<typeof parseArguments>;
  // One pool of chart workers (runs with PNGs) for every cohort and, with --watch or --serve, every run.
  let renderPool: RenderPool | undefined;
  try {
    options = parseArguments(argv);
    if (options.help) {
      print(USAGE);
      return 0;
    }
    if (options.version) {
      print(`casepool ${casepoolVersion()} (Node.js ${process.versions.node})`);
      return 0;
    }
    const live = options.watch || options.serve;
    const figures = {
      dpi: Number(options.dpi),
      width: options['figure-width'] as FigureWidth,
      recomputedOnly: options['recomputed-only'],
    };
    const jobs: Array<{ dir: string; out: string }> = options.cohort
      ? [
          {
            dir: options.cohort,
            out: options.out ?? join(options.reports, resolve(options.cohort).split(/[\\/]/).pop()!),
          },
        ]
      : findCohorts(options.data).map((dir) => ({
          dir,
          out: join(options.reports, dir.split(/[\\/]/).pop()!),
        }));
    if (jobs.length === 0)
      throw new UsageError(`no cohort folders (with a cohort.json) under ${options.data}`);
    if (options.cohort && !existsSync(options.cohort))
      throw new UsageError(`cohort folder ${options.cohort} does not exist`);
    if (options.cohort && !statSync(options.cohort).isDirectory())
      throw new UsageError(
        `--cohort ${options.cohort} is a file; give the cohort folder that holds cohort.json`,
      );
    const writesIndex = !options.cohort;
    checkNoOverlap(jobs, writesIndex ? options.reports : null);
    if (writesIndex) checkIndexReplaceable(join(options.reports, 'index.html'));
    // Loaded only now, so --help and usage errors answer without loading the stages and ajv.
    const { runCohort } = await import('../run.ts');
    const summaryLimit = options['all-findings'] ? Infinity : PRINTED_FINDINGS;
    const summarize = (result: RunResult) => runSummary(result, process.cwd(), { limit: summaryLimit });
    // A re-run is waited for, so PNGs (~1 s per cohort, the same at any size) only when asked.
    const png = options.png || (!options['no-png'] && !live);
    // Without PNGs the charts are laid out in this thread, as a worker's Vega, loaded and warmed up
    // apart, measured slower than laying out here while the tables are built.
    if (png) renderPool = new (await import('../drawing/renderPool.ts')).RenderPool();
    const runJob = async (job: { dir: string; out: string }, signal?: AbortSignal) => {
      const progress = progressLine(terminal);
      const result = await runCohort(job.dir, job.out, {
        signal,
        strict: options.strict,
        showAll: options['show-all'],
        png,
        figures,
        renderPool,
        progress: (step) => progress.update(progressText(step)),
        log:
          options.timings === 'lines'
            ? (line: string) => {
                progress.clear();
                print(line);
              }
            : undefined,
        // The lock-wait line: to stderr as ever, or with the findings while watching.
        notice: (line: string) => {
          progress.clear();
          (live ? print : console.error)(line);
        },
      });
      progress.clear();
      return result;
    };
    if (live) {
      const entries = new Map<string, CohortEntry>();
      const { watchCohorts } = await import('./watch.ts');
      const server = options.serve
        ? await startServer(options.cohort ? jobs[0]!.out : options.reports, options.port)
        : null;
      if (server) {
        const pages = options.cohort ? [server.url] : jobs.map((j) => server.pageUrl(j.out));
        print(`serving ${pages.join(', ')} on this machine only (Ctrl-C to stop)`);
      }
      try {
        return await watchCohorts(jobs, {
          run: runJob,
          print,
          summarize,
          afterRun: (job, outcome) => {
            if (writesIndex && 'result' in outcome) {
              // The list of cohorts follows the runs too, once every cohort has run once.
              entries.set(job.out, indexEntry(outcome.result, options.reports));
              if (entries.size === jobs.length)
                writeIndexOrSay(options.reports, [...entries.values()], print);
            }
            server?.publish(job.out, outcome);
          },
        });
      } finally {
        await server?.close();
      }
    }
    let exit = 0;
    const entries: CohortEntry[] = [];
    const allTimings: Record<string, RunResult['timings']> = {};
    for (const job of jobs) {
      const result = await runJob(job);
      summarize(result).forEach((line) => print(line));
      allTimings[result.cohort] = result.timings;
      exit = Math.max(exit, result.exitCode);
      entries.push(indexEntry(result, options.reports));
    }
    if (writesIndex) writeIndex(options.reports, entries);
    if (options.timings === 'json') print(JSON.stringify({ timings: allTimings }));
    return exit;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${terminalSafe(`casepool: ${e.message}`)}\n\n${USAGE}`);
      return 2;
    }
    const environment = environmentMessage(e);
    if (environment !== null) {
      console.error(`casepool: ${environment}`);
      return 4;
    }
    throw e;
  } finally {
    await renderPool?.close();
  }
}

/** The --serve server; a port already taken is the user's choice to change (exit 2), not a bug. */
async function startServer(root: string, port: string | undefined) {
  const { startReportServer } = await import('./serve.ts');
  try {
    return await startReportServer({ root, port: port === undefined ? 0 : Number(port) });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES')
      throw new UsageError(
        `port ${port} ${code === 'EADDRINUSE' ? 'is in use' : 'may not be used by you'}; choose another --port, or leave it out for a free one`,
      );
    throw e;
  }
}

/** The process entry: runs main() and sets the exit code; a bug is printed with its stack (exit 3). */
export function runFromCommandLine(argv: string[]): void {
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      console.error(
        `casepool: internal error (a bug in casepool, not in your files): ${(e as Error).stack ?? String(e)}`,
      );
      process.exitCode = 3;
    },
  );
}

// Run only when executed directly (tsx pipeline/cli/cli.ts, node dist/pipeline/cli/cli.js), not when imported
// by tests or by scripts/pipeline.mjs.
if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  runFromCommandLine(process.argv.slice(2));
}
