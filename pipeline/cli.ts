import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EnvironmentError, environmentMessage } from './io/environmentError.ts';
import { pathsOverlap } from './io/pathsOverlap.ts';
import { casepoolVersion } from './versions.ts';
import { writeFileAtomically } from './io/writeOutputAtomically.ts';
import { cohortIndexPage, isCohortIndexPage, type CohortEntry } from './report/cohortIndexPage.ts';
import { progressLine, progressText, type ProgressTerminal } from './report/progressLine.ts';
import { PRINTED_FINDINGS, runSummary, terminalSafe } from './report/runSummary.ts';
import type { FigureWidth } from './charts/printSize.ts';
import type { RenderPool } from './drawing/renderPool.ts';
import type { RunResult } from './run.ts';

const USAGE = `Usage: npm run pipeline -- [options]

Runs every cohort folder under data/ into reports/<cohort>/ and writes reports/index.html.

Options:
  --cohort <dir>     run one cohort folder (with --out, into any folder)
  --out <dir>        output folder for --cohort (default: reports/<cohort folder name>)
  --data <dir>       folder of cohort folders (default: data)
  --reports <dir>    folder for the reports (default: reports)
  --strict           treat warnings as errors
  --no-png           skip the PNGs (faster)
  --png              write the PNGs also with --watch and --serve (skipped there by default)
  --dpi <n>          resolution of the PNGs, written into them (default 300)
  --figure-width <w> single (8.5 cm) or double (17.5 cm, default): the journal column figures fit
  --recomputed-only  bar panels without the grey "as published" bars, for your own paper
  --all-findings     print every finding (default: the ${PRINTED_FINDINGS} most severe, then a count)
  --timings          print each stage's time; --timings json: one JSON line at the end
  --watch            re-run a cohort whenever one of its files changes
  --serve            watch, and serve the report on http://127.0.0.1 with a page that reloads
                     itself after each good run and shows the findings of a failed one
  --port <n>         the port for --serve (default: a free one)
  --show-all         draw and estimate what falls below the cohort's minimum data (cohort.json
                     "minimum"), each with a caution, instead of withholding it
  --version          print casepool's version and Node's, and exit
  -h, --help         show this help

An output folder may not contain, equal or lie inside a cohort folder. casepool replaces only
folders (and reports/index.html) it wrote itself. While it writes an output folder it holds the
lock file .casepool-<name>.lock next to it; a second run on the same folder waits for the first
(up to 60 s, or CASEPOOL_LOCK_TIMEOUT seconds).

Exit codes: 0 report written, 1 errors in the input files (nothing written), 2 wrong usage,
3 internal error (a bug in casepool), 4 the machine prevented writing (full disk, no permission,
read-only, a file or a folder casepool did not write in the way, another run holding the lock).`;

class UsageError extends Error {}

/**
 * `--timings` alone asks for stage lines, `--timings json` for one JSON line; parseArgs knows no
 * option with an optional value, so the bare form is spelled out as `--timings=lines` first.
 */
function spellOutTimings(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] !== '--timings') out.push(argv[i]!);
    else if (argv[i + 1] !== 'json') out.push('--timings=lines');
    else {
      out.push('--timings=json');
      i++;
    }
  }
  return out;
}

function parse(argv: string[]) {
  try {
    const { values } = parseArgs({
      args: spellOutTimings(argv),
      options: {
        cohort: { type: 'string' },
        out: { type: 'string' },
        data: { type: 'string', default: 'data' },
        reports: { type: 'string', default: 'reports' },
        strict: { type: 'boolean', default: false },
        'no-png': { type: 'boolean', default: false },
        dpi: { type: 'string', default: '300' },
        'figure-width': { type: 'string', default: 'double' },
        'recomputed-only': { type: 'boolean', default: false },
        png: { type: 'boolean', default: false },
        'all-findings': { type: 'boolean', default: false },
        timings: { type: 'string' },
        watch: { type: 'boolean', default: false },
        serve: { type: 'boolean', default: false },
        port: { type: 'string' },
        'show-all': { type: 'boolean', default: false },
        version: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.timings !== undefined && values.timings !== 'json' && values.timings !== 'lines')
      throw new UsageError('--timings takes no value, or "json"');
    if (values.png && values['no-png']) throw new UsageError('--png and --no-png contradict each other');
    if (values.port !== undefined && !values.serve) throw new UsageError('--port needs --serve');
    if (values.port !== undefined && !/^\d{1,5}$/.test(values.port))
      throw new UsageError(`--port takes a port number, got "${values.port}"`);
    if (values.port !== undefined && Number(values.port) > 65535)
      throw new UsageError(`--port ${values.port}: a port number is at most 65535`);
    if (values.out !== undefined && values.cohort === undefined) throw new UsageError('--out needs --cohort');
    if (!/^[1-9][0-9]*$/.test(values.dpi) || Number(values.dpi) < 72 || Number(values.dpi) > 2400)
      throw new UsageError('--dpi takes a whole number from 72 to 2400');
    if (values['figure-width'] !== 'single' && values['figure-width'] !== 'double')
      throw new UsageError('--figure-width takes "single" or "double"');
    return values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Cohort folders under `dataDir`: those that hold a cohort.json, in name order. */
export function findCohorts(dataDir: string): string[] {
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory())
    throw new UsageError(`data folder ${dataDir} does not exist`);
  return readdirSync(dataDir)
    .filter((name) => existsSync(join(dataDir, name, 'cohort.json')))
    .sort()
    .map((name) => join(dataDir, name));
}

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
  let options: ReturnType<typeof parse>;
  // One pool of chart workers (runs with PNGs) for every cohort and, with --watch or --serve, every run.
  let renderPool: RenderPool | undefined;
  try {
    options = parse(argv);
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
    const { runCohort } = await import('./run.ts');
    const summaryLimit = options['all-findings'] ? Infinity : PRINTED_FINDINGS;
    const summarize = (result: RunResult) => runSummary(result, process.cwd(), { limit: summaryLimit });
    // A re-run is waited for, so PNGs (~1 s per cohort, the same at any size) only when asked.
    const png = options.png || (!options['no-png'] && !live);
    // Without PNGs the charts are laid out in this thread, as a worker's Vega, loaded and warmed up
    // apart, measured slower than laying out here while the tables are built.
    if (png) renderPool = new (await import('./drawing/renderPool.ts')).RenderPool();
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

/**
 * Output folders (and the reports folder) apart from every cohort folder, as typed and for real: an
 * output inside a cohort folder would be read as input (and re-trigger --watch), and replacing an
 * output that holds a cohort folder would delete it.
 */
function checkNoOverlap(jobs: ReadonlyArray<{ dir: string; out: string }>, reportsDir: string | null): void {
  const outputs = [
    ...jobs.map((j) => ({ flag: '--out', path: j.out })),
    ...(reportsDir ? [{ flag: '--reports', path: reportsDir }] : []),
  ];
  for (const job of jobs)
    for (const output of outputs)
      if (pathsOverlap(output.path, job.dir))
        throw new UsageError(
          `the output folder ${output.path} (${output.flag}) and the cohort folder ${job.dir} must not contain each other or be the same folder`,
        );
}

/** reports/index.html, the list of cohorts. */
function writeIndex(reportsDir: string, entries: readonly CohortEntry[]): void {
  checkIndexReplaceable(join(reportsDir, 'index.html'));
  writeFileAtomically(
    join(reportsDir, 'index.html'),
    cohortIndexPage([...entries], new Date().toISOString()),
  );
}

/** While watching, a list that cannot be written (or a bug in writing it) is said, and watching goes on. */
function writeIndexOrSay(
  reportsDir: string,
  entries: readonly CohortEntry[],
  print: (line: string) => void,
): void {
  try {
    writeIndex(reportsDir, entries);
  } catch (e) {
    const environment = environmentMessage(e);
    print(
      environment !== null
        ? `casepool: ${environment}; the list of cohorts was not updated`
        : `casepool: internal error (a bug in casepool, not in your files): ${(e as Error).stack ?? String(e)}`,
    );
  }
}

/** reports/index.html is replaced only when casepool wrote it. */
function checkIndexReplaceable(path: string): void {
  let text: string;
  try {
    if (!statSync(path).isFile())
      throw new EnvironmentError(`refusing to replace ${path}: it is not a file; choose another --reports`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  if (!isCohortIndexPage(text))
    throw new EnvironmentError(
      `refusing to replace ${path}: casepool did not write it; choose another --reports, or move it away`,
    );
}

/** What reports/index.html lists for a cohort: this run's result, or the report already on disk. */
function indexEntry(result: RunResult, reportsDir: string): CohortEntry {
  const href = relative(resolve(reportsDir), join(result.outDir, 'index.html')).split('\\').join('/');
  if (result.stats) {
    return {
      id: result.cohort,
      title: result.stats.title,
      n_included: result.stats.n_included,
      generatedAt: new Date().toISOString(),
      href,
      status: 'up to date',
    };
  }
  const previous = join(result.outDir, 'stats.json');
  if (existsSync(previous)) {
    const stats = readPreviousStats(previous);
    if (!stats)
      return {
        id: result.cohort,
        title: result.cohort,
        n_included: null,
        generatedAt: '–',
        href,
        status: 'last run failed, and the previous report could not be read',
      };
    return {
      id: result.cohort,
      title: stats.title,
      n_included: stats.n_included,
      generatedAt: statSync(previous).mtime.toISOString(),
      href,
      status: 'last run failed: showing the previous report',
    };
  }
  return {
    id: result.cohort,
    title: result.cohort,
    n_included: null,
    generatedAt: '–',
    href: null,
    status: 'last run failed: no report yet',
  };
}

/** Title and size from an earlier stats.json; null when it is unreadable, truncated or not ours. */
function readPreviousStats(path: string): { title: string; n_included: number | null } | null {
  try {
    const stats = JSON.parse(readFileSync(path, 'utf8')) as { title?: unknown; n_included?: unknown };
    if (typeof stats.title !== 'string') return null;
    return { title: stats.title, n_included: typeof stats.n_included === 'number' ? stats.n_included : null };
  } catch {
    return null;
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

// Run only when executed directly (tsx pipeline/cli.ts, node dist/pipeline/cli.js), not when imported
// by tests or by scripts/pipeline.mjs.
if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  runFromCommandLine(process.argv.slice(2));
}
