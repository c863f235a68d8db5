import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathsOverlap } from '../io/pathsOverlap.ts';
import { PRINTED_FINDINGS } from './runSummary.ts';

export const USAGE = `Usage: npm run pipeline -- [options]

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

/** A mistake in the command line: said with the usage, exit 2. */
export class UsageError extends Error {}

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

/** The options of a command line, checked; a mistake throws a UsageError. */
export function parseArguments(argv: string[]) {
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

/**
 * Output folders (and the reports folder) apart from every cohort folder, as typed and for real: an
 * output inside a cohort folder would be read as input (and re-trigger --watch), and replacing an
 * output that holds a cohort folder would delete it.
 */
export function checkNoOverlap(
  jobs: ReadonlyArray<{ dir: string; out: string }>,
  reportsDir: string | null,
): void {
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
