import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomically, UnsafeOutputError } from './io/writeOutputAtomically.ts';
import { cohortIndexPage, type CohortEntry } from './report/cohortIndexPage.ts';
import { runSummary } from './report/runSummary.ts';
import type { FigureWidth } from './charts/printSize.ts';
import { runCohort, type RunResult } from './run.ts';

const USAGE = `Usage: npm run pipeline -- [options]

Runs every cohort folder under data/ into reports/<cohort>/ and writes reports/index.html.

Options:
  --cohort <dir>     run one cohort folder (with --out, into any folder)
  --out <dir>        output folder for --cohort (default: reports/<cohort folder name>)
  --data <dir>       folder of cohort folders (default: data)
  --reports <dir>    folder for the reports (default: reports)
  --strict           treat warnings as errors
  --no-png           skip the PNGs (faster)
  --dpi <n>          resolution of the PNGs, written into them (default 300)
  --figure-width <w> single (8.5 cm) or double (17.5 cm, default): the journal column figures fit
  --recomputed-only  bar panels without the grey "as published" bars, for your own paper
  --timings json     print stage timings as one JSON line at the end
  --watch            re-run a cohort whenever one of its files changes
  -h, --help         show this help

Exit codes: 0 report written, 1 errors in the input files (nothing written), 2 wrong usage.`;

class UsageError extends Error {}

function parse(argv: string[]) {
  try {
    const { values } = parseArgs({
      args: argv,
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
        timings: { type: 'string' },
        watch: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.timings !== undefined && values.timings !== 'json')
      throw new UsageError('--timings takes "json"');
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

export async function main(argv: string[], print = (s: string) => console.log(s)): Promise<number> {
  let options: ReturnType<typeof parse>;
  try {
    options = parse(argv);
    if (options.help) {
      print(USAGE);
      return 0;
    }
    const runOptions = {
      strict: options.strict,
      png: !options['no-png'],
      figures: {
        dpi: Number(options.dpi),
        width: options['figure-width'] as FigureWidth,
        recomputedOnly: options['recomputed-only'],
      },
      log: (line: string) => print(line),
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
    if (options.watch) {
      // Output inside the watched folder would trigger a new run with every run.
      const inside = jobs.find((j) => `${resolve(j.out)}${sep}`.startsWith(`${resolve(j.dir)}${sep}`));
      if (inside)
        throw new UsageError(
          `--watch needs the output (${inside.out}) outside the cohort folder (${inside.dir})`,
        );
      const { watchCohorts } = await import('./watch.ts');
      return await watchCohorts(jobs, runOptions, print);
    }
    let exit = 0;
    const entries: CohortEntry[] = [];
    const allTimings: Record<string, RunResult['timings']> = {};
    for (const job of jobs) {
      const result = await runCohort(job.dir, job.out, runOptions);
      runSummary(result).forEach((line) => print(line));
      allTimings[result.cohort] = result.timings;
      exit = Math.max(exit, result.exitCode);
      entries.push(indexEntry(result, options.reports));
    }
    if (!options.cohort) {
      writeFileAtomically(
        join(options.reports, 'index.html'),
        cohortIndexPage(entries, new Date().toISOString()),
      );
    }
    if (options.timings === 'json') print(JSON.stringify({ timings: allTimings }));
    return exit;
  } catch (e) {
    if (e instanceof UsageError || e instanceof UnsafeOutputError) {
      console.error(`casepool: ${e.message}\n\n${e instanceof UsageError ? USAGE : ''}`.trimEnd());
      return 2;
    }
    throw e;
  }
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
    const stats = JSON.parse(readFileSync(previous, 'utf8')) as { title: string; n_included: number };
    const when = statSync(previous).mtime.toISOString();
    return {
      id: result.cohort,
      title: stats.title,
      n_included: stats.n_included,
      generatedAt: when,
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

// Run only when executed directly, not when imported by tests.
if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  main(process.argv.slice(2)).then(
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
