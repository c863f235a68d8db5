/**
 * How the pipeline scales with the number of rows:
 *
 *   npm run bench -- [--sizes 50,1000,10000,100000,1000000] [--runs 3] [--seed 1] [--png] [--no-shipped]
 *                    [--edits 5] [--no-r] [--heap MB]
 *
 * `--heap 2048` runs every synthetic size under `node --max-old-space-size=2048` (e.g. a 200 MB
 * cases.csv on an 8 GB laptop's budget); such entries are kept as `n<rows>-heap<MB>`, beside the ones
 * with Node's default heap.
 * Builds dist/ when a source is newer (scripts/build.mjs), as `npm run pipeline` does. Measures the
 * start-up alone first: `--help` and a run that stops at a broken cohort.json, each as a fresh process
 * of `node scripts/pipeline.mjs` (what `npm run pipeline` runs) and, for comparison, of
 * `tsx pipeline/cli/cli.ts` (the sources through the transpiler). Then the watch-mode refresh latency
 * (bench/watchLatency.ts: writing cases.csv of a copy of data/adrenal-lms → the report replaced, over
 * `--edits` edits, for a save without change and for a patient added each time).
 * Then generates each synthetic cohort once (bench/synth.ts) into bench/runs/, and runs the pipeline on it
 * `--runs` times, each cold (into a new output folder, so no figure is reused from an earlier report) and
 * as a fresh Node process (bench/measure.mjs → dist/pipeline/cli/cli.js main()), recording
 * the wall time of the whole process (Node start-up included), the time until the pipeline's modules are
 * loaded, every stage's time (from --timings json) and the peak resident memory. The shipped cohorts
 * under data/ are measured too (unless --no-shipped), cold and then warm (`--runs` more runs onto the
 * report just written: unchanged figures are copied from it, as when a user re-runs after an edit). PNGs are skipped unless --png: their cost does
 * not depend on n. Results are merged into bench/results.json (an entry per cohort, replaced when
 * measured again) and printed as a table with the growth ratio from one size to the next, and a table of
 * each stage's memory (the process's peak RSS so far when the stage ended, from --timings json).
 *
 * Paired with R (issue #12): for each synthetic size, bench/r/pipeline.R runs on the same cohort as
 * many times, each R run right after a casepool run, as fresh processes (bench/rPairing.ts: wall time,
 * peak RSS by GNU time). It writes its figures as PNGs with --png and as SVGs without, as casepool does.
 * The medians go into results.json (rMs, rPeakRssMB, ratio = casepool / R) and a table with the
 * issue's targets, met or not. --no-r skips it; without Rscript or one of its packages the bench says so
 * once and measures casepool alone.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { alignColumns } from './alignColumns.ts';
import { formatPairingTable, R_INSTALL, rUnavailable, runR, type RMeasure } from './rPairing.ts';
import { writeSyntheticCohort } from './synth.ts';
import { measureWatchLatency, type WatchLatency } from './watchLatency.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS_DIR = join(ROOT, 'bench', 'runs');
const RESULTS = join(ROOT, 'bench', 'results.json');
const DEFAULT_SIZES = [50, 1000, 10000, 100000, 1000000];

/** The process's memory when a stage ended (--timings json), in MB. */
export interface StageMemory {
  /** Peak RSS of the process so far: this stage's peak or an earlier one's. */
  maxRssSoFar: number;
  rss: number;
  heapUsed: number;
}

interface RunMeasure {
  totalMs: number;
  cpuMs: number;
  loadMs: number;
  maxRssMB: number;
  stages: Record<string, number>;
  stageMemory: Record<string, StageMemory>;
}

export interface SizeResult {
  /** `n<rows>` for synthetic cohorts, the folder name for shipped ones. */
  id: string;
  kind: 'synthetic' | 'shipped';
  n: number;
  casesMB: number;
  png: boolean;
  runs: number;
  date: string;
  /** Medians over the runs, in ms. */
  totalMs: number;
  /** User + system CPU time of the process (less disturbed by other load than wall time). */
  cpuMs: number;
  loadMs: number;
  stagesMs: Record<string, number>;
  /** Every run's total wall time, in ms. */
  totalsMs: number[];
  /** 1-minute load average of the machine when the runs started (other work skews wall times). */
  loadAverage: number;
  /** Largest peak RSS over the runs. */
  peakRssMB: number;
  outputMB: number;
  /**
   * Medians of as many warm runs (the same run again onto the report just written, so unchanged
   * figures are taken from it), measured for the shipped cohorts after their cold runs.
   */
  warmTotalMs?: number;
  warmCpuMs?: number;
  /** The V8 heap limit the runs had (--heap: node --max-old-space-size); absent: Node's default. */
  heapLimitMB?: number;
  /** Per stage, the memory when it ended, each field the largest over the runs. */
  stageMemoryMB?: Record<string, StageMemory>;
  /** The paired R runs (bench/r/pipeline.R), absent when not run. Median wall time, in ms. */
  rMs?: number;
  rTotalsMs?: number[];
  /** Largest peak RSS of the R process over the runs; null where it could not be measured. */
  rPeakRssMB?: number | null;
  /** Median user + system CPU time of the R process; null where it could not be measured. */
  rCpuMs?: number | null;
  /** totalMs / rMs: casepool's wall time over R's. */
  ratio?: number;
  /** The figure format R wrote: png with --png, svg without (casepool writes SVGs only then). */
  rFigures?: 'png' | 'svg';
}

/** Wall time of processes that end before any stage runs: what every run pays before its work. */
export interface StartupResult {
  /** What was run, e.g. `node scripts/pipeline.mjs --help`. */
  command: string;
  runs: number;
  /** Median wall time of the whole process, in ms. */
  medianMs: number;
  totalsMs: number[];
}

export interface Results {
  machine: Record<string, unknown>;
  note: string;
  results: SizeResult[];
  startup?: StartupResult[];
  watch?: WatchLatency[];
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * A fixed loop of pure JS, timed: the same number on the same machine when it is as fast as usual.
 * On a shared or throttled VM it shows how fast the CPU was at the time (wall times move with it).
 */
function cpuProbeMs(): number {
  const start = performance.now();
  let x = 0;
  for (let i = 0; i < 1e8; i++) x += i % 7;
  if (x < 0) console.log(x);
  return round(performance.now() - start);
}

function machine(): Record<string, unknown> {
  const c = cpus();
  return {
    cpus: c.length,
    cpuModel: c[0]?.model.trim() ?? 'unknown',
    memoryGB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    os: `${osType()} ${release()}`,
    date: new Date().toISOString(),
  };
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return total;
}

/** Node's arguments for one measured run: the heap limit first (a V8 flag), then the pipeline's. */
export function runArguments(
  cohortDir: string,
  outDir: string,
  png: boolean,
  heapMB: number | null,
): string[] {
  return [
    ...(heapMB === null ? [] : [`--max-old-space-size=${heapMB}`]),
    join('bench', 'measure.mjs'),
    '--cohort',
    cohortDir,
    '--out',
    outDir,
    ...(png ? [] : ['--no-png']),
    '--timings',
    'json',
  ];
}

/** The results.json entry of a synthetic size: with --heap kept beside the default-heap one. */
export const sizeId = (n: number, heapMB: number | null) =>
  heapMB === null ? `n${n}` : `n${n}-heap${heapMB}`;

/** One pipeline run in a fresh process. */
function runOnce(
  cohortDir: string,
  outDir: string,
  png: boolean,
  heapMB: number | null = null,
): Promise<RunMeasure> {
  const args = runArguments(cohortDir, outDir, png, heapMB);
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const totalMs = performance.now() - start;
      const lines = Buffer.concat(out).toString('utf8').trimEnd().split('\n');
      const last = (prefix: string) => [...lines].reverse().find((l) => l.startsWith(prefix));
      const measureLine = last('{"measure"');
      const timingsLine = last('{"timings"');
      if (code !== 0 || !measureLine || !timingsLine) {
        reject(
          new Error(
            `pipeline on ${cohortDir} exited with ${code}:\n${lines.slice(-20).join('\n')}\n${Buffer.concat(err).toString('utf8')}`,
          ),
        );
        return;
      }
      const m = (JSON.parse(measureLine) as { measure: { loadMs: number; cpuMs: number; maxRssMB: number } })
        .measure;
      const t = JSON.parse(timingsLine) as {
        timings: Record<
          string,
          Array<{ stage: string; ms: number; maxRssSoFarMB: number; rssMB: number; heapUsedMB: number }>
        >;
      };
      const stages: Record<string, number> = {};
      const stageMemory: Record<string, StageMemory> = {};
      for (const list of Object.values(t.timings))
        for (const s of list) {
          stages[s.stage] = s.ms;
          stageMemory[s.stage] = { maxRssSoFar: s.maxRssSoFarMB, rss: s.rssMB, heapUsed: s.heapUsedMB };
        }
      resolvePromise({
        totalMs,
        cpuMs: m.cpuMs,
        loadMs: m.loadMs,
        maxRssMB: m.maxRssMB,
        stages,
        stageMemory,
      });
    });
  });
}

/** Each stage's memory fields, the largest over the runs. */
function largestStageMemory(measures: readonly RunMeasure[]): Record<string, StageMemory> {
  const out: Record<string, StageMemory> = {};
  for (const stage of Object.keys(measures[0]!.stageMemory)) {
    const of = (field: keyof StageMemory) =>
      round(Math.max(...measures.map((m) => m.stageMemory[stage]?.[field] ?? 0)));
    out[stage] = { maxRssSoFar: of('maxRssSoFar'), rss: of('rss'), heapUsed: of('heapUsed') };
  }
  return out;
}

/** The R runs' fields of a SizeResult: medians, and the largest peak (null if any run could not tell). */
function rSummary(rMeasures: readonly RMeasure[], casepoolMs: number, figures: 'png' | 'svg') {
  const rMs = round(median(rMeasures.map((m) => m.totalMs)));
  const peaks = rMeasures.map((m) => m.peakRssMB);
  const cpus = rMeasures.map((m) => m.cpuMs);
  return {
    rMs,
    rTotalsMs: rMeasures.map((m) => round(m.totalMs)),
    rPeakRssMB: peaks.some((p) => p === null) ? null : round(Math.max(...(peaks as number[]))),
    rCpuMs: cpus.some((c) => c === null) ? null : round(median(cpus as number[])),
    ratio: round(casepoolMs / rMs, 3),
    rFigures: figures,
  };
}

async function measureCohort(
  id: string,
  n: number,
  kind: SizeResult['kind'],
  cohortDir: string,
  runs: number,
  png: boolean,
  withR = false,
  heapMB: number | null = null,
  warmRuns = false,
): Promise<SizeResult> {
  // Every timed run is cold: its own new output folder, so no figure is taken from a previous report
  // (as R draws every figure anew). The folder holds the report's link and its versioned siblings.
  const coldDir = join(RUNS_DIR, `cold-${id}`);
  const outDir = join(coldDir, 'out');
  const rOutDir = join(RUNS_DIR, `out-r-${id}`);
  const figures = png ? 'png' : 'svg';
  const casesFile = join(cohortDir, 'cases.csv');
  const loadAverage = round(loadavg()[0]!, 2);
  const measures: RunMeasure[] = [];
  const rMeasures: RMeasure[] = [];
  let rFailed = !withR;
  for (let r = 0; r < runs; r++) {
    rmSync(coldDir, { recursive: true, force: true });
    const m = await runOnce(cohortDir, outDir, png, heapMB);
    measures.push(m);
    console.log(
      `  ${id} run ${r + 1}/${runs}: ${m.totalMs.toFixed(0)} ms wall, ${m.maxRssMB.toFixed(0)} MB peak RSS`,
    );
    if (rFailed) continue;
    // A fresh folder for each R run, as casepool writes a new one each time.
    rmSync(rOutDir, { recursive: true, force: true });
    try {
      const rm = await runR(cohortDir, rOutDir, figures, ROOT);
      rMeasures.push(rm);
      console.log(
        `  ${id} R run ${r + 1}/${runs}: ${rm.totalMs.toFixed(0)} ms wall, ${rm.peakRssMB?.toFixed(0) ?? '?'} MB peak RSS, ${rm.cpuMs ?? '?'} ms CPU`,
      );
    } catch (e) {
      console.log(`  ${id}: the R run failed, so this size is measured without R: ${(e as Error).message}`);
      rFailed = true;
    }
  }
  // Warm runs (shipped cohorts): the same run again onto the last report, as a user re-running after
  // an edit that leaves the figures as they were.
  const warm: RunMeasure[] = [];
  for (let r = 0; r < (warmRuns ? runs : 0); r++) {
    const m = await runOnce(cohortDir, outDir, png, heapMB);
    warm.push(m);
    console.log(`  ${id} warm run ${r + 1}/${runs}: ${m.totalMs.toFixed(0)} ms wall`);
  }
  const stageNames = Object.keys(measures[0]!.stages);
  const totalMs = round(median(measures.map((m) => m.totalMs)));
  return {
    id,
    kind,
    n,
    casesMB: round(statSync(casesFile).size / 1e6, 2),
    png,
    runs,
    date: new Date().toISOString(),
    totalMs,
    cpuMs: round(median(measures.map((m) => m.cpuMs))),
    loadMs: round(median(measures.map((m) => m.loadMs))),
    stagesMs: Object.fromEntries(
      stageNames.map((s) => [s, round(median(measures.map((m) => m.stages[s] ?? 0)))]),
    ),
    totalsMs: measures.map((m) => round(m.totalMs)),
    loadAverage,
    peakRssMB: round(Math.max(...measures.map((m) => m.maxRssMB))),
    outputMB: round(folderBytes(outDir) / 1e6, 2),
    stageMemoryMB: largestStageMemory(measures),
    ...(heapMB === null ? {} : { heapLimitMB: heapMB }),
    ...(warm.length > 0
      ? {
          warmTotalMs: round(median(warm.map((m) => m.totalMs))),
          warmCpuMs: round(median(warm.map((m) => m.cpuMs))),
        }
      : {}),
    ...(!rFailed && rMeasures.length === runs ? rSummary(rMeasures, totalMs, figures) : {}),
  };
}

/** Wall time of one process of `args` (any exit code: a run stopping at an input error is the point). */
function timeProcess(args: readonly string[]): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolvePromise(performance.now() - start));
  });
}

/**
 * Start-up alone: `--help`, and a run that stops when cohort.json does not parse (exit 1, after
 * loading the runner and ajv), built and through tsx.
 */
async function measureStartup(runs: number): Promise<StartupResult[]> {
  const broken = join(RUNS_DIR, 'broken-config');
  mkdirSync(broken, { recursive: true });
  writeFileSync(join(broken, 'cohort.json'), '{"id": "broken",');
  const stopAtConfig = ['--cohort', broken, '--out', join(RUNS_DIR, 'out-broken')];
  const commands: Array<[string, string[]]> = [
    ['node -e 0 (Node alone)', ['-e', '0']],
    ['node scripts/pipeline.mjs --help', ['scripts/pipeline.mjs', '--help']],
    ['tsx pipeline/cli/cli.ts --help', ['--import', 'tsx', 'pipeline/cli/cli.ts', '--help']],
    ['node scripts/pipeline.mjs, stops at cohort.json', ['scripts/pipeline.mjs', ...stopAtConfig]],
    [
      'tsx pipeline/cli/cli.ts, stops at cohort.json',
      ['--import', 'tsx', 'pipeline/cli/cli.ts', ...stopAtConfig],
    ],
  ];
  const results: StartupResult[] = [];
  for (const [command, args] of commands) {
    await timeProcess(args); // untimed: file cache and tsx's transform cache warm
    const totals: number[] = [];
    for (let r = 0; r < runs; r++) totals.push(round(await timeProcess(args)));
    results.push({ command, runs, medianMs: round(median(totals)), totalsMs: totals });
    console.log(`  ${command}: ${median(totals).toFixed(0)} ms (median of ${runs})`);
  }
  return results;
}

/** Data rows of a (small, shipped) CSV file; quoted cells may hold line breaks. */
function countRows(file: string): number {
  const records = parse(readFileSync(file, 'utf8'), { skip_empty_lines: true }) as unknown[];
  return records.length - 1;
}

const fmtMs = (ms: number) => (ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)}`);

/** The table: one row per cohort, then growth ratios between consecutive synthetic sizes. */
export function formatTable(results: readonly SizeResult[]): string {
  const stageNames = [...new Set(results.flatMap((r) => Object.keys(r.stagesMs)))];
  const head = ['cohort', 'n', 'total', 'warm', 'cpu', 'load', ...stageNames, 'RSS MB', 'loadavg'];
  const rows = results.map((r) => [
    r.id,
    String(r.n),
    fmtMs(r.totalMs),
    r.warmTotalMs === undefined ? '' : fmtMs(r.warmTotalMs),
    fmtMs(r.cpuMs),
    fmtMs(r.loadMs),
    ...stageNames.map((s) => (r.stagesMs[s] === undefined ? '' : fmtMs(r.stagesMs[s]!))),
    r.peakRssMB.toFixed(0),
    r.loadAverage === undefined ? '' : r.loadAverage.toFixed(1),
  ]);
  const synthetic = results.filter((r) => r.kind === 'synthetic').sort((a, b) => a.n - b.n);
  const growth: string[][] = [];
  for (let k = 1; k < synthetic.length; k++) {
    const a = synthetic[k - 1]!;
    const b = synthetic[k]!;
    const ratio = (x: number | undefined, y: number | undefined) =>
      x === undefined || y === undefined || x === 0 ? '' : `${(y / x).toFixed(1)}×`;
    growth.push([
      `${a.n}→${b.n}`,
      `×${b.n / a.n}`,
      ratio(a.totalMs, b.totalMs),
      '',
      ratio(a.cpuMs, b.cpuMs),
      ratio(a.loadMs, b.loadMs),
      ...stageNames.map((s) => ratio(a.stagesMs[s], b.stagesMs[s])),
      ratio(a.peakRssMB, b.peakRssMB),
    ]);
  }
  const lines = alignColumns([head, ...rows, ...growth]);
  const out = lines.slice(0, 1 + rows.length);
  if (growth.length)
    out.push(
      '',
      'growth from one size to the next (time ratio; n ratio in column 2):',
      ...lines.slice(1 + rows.length),
    );
  return `${out.join('\n')}\n(times in ms, medians over runs; total = wall time of the whole process incl. Node start-up; cpu = its user + system CPU time; load = start-up + imports; loadavg = the machine's 1-minute load average when the runs began)`;
}

/** One row per cohort: the process's peak RSS so far at the end of each stage (a high-water mark). */
export function formatStageMemoryTable(results: readonly SizeResult[]): string {
  const measured = results.filter((r) => r.stageMemoryMB !== undefined);
  if (measured.length === 0) return '';
  const stageNames = [...new Set(measured.flatMap((r) => Object.keys(r.stageMemoryMB!)))];
  const head = ['cohort', 'n', ...stageNames, 'peak RSS'];
  const rows = measured.map((r) => [
    r.id,
    String(r.n),
    ...stageNames.map((s) => r.stageMemoryMB![s]?.maxRssSoFar.toFixed(0) ?? ''),
    r.peakRssMB.toFixed(0),
  ]);
  return `${alignColumns([head, ...rows]).join('\n')}\n(MB: the process's peak RSS so far when each stage ended, a high-water mark, so a stage's column holds the largest of it and every earlier stage; the RSS and V8 heap in use at each stage's end are in results.json, stageMemoryMB)`;
}

async function main(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string' },
      runs: { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      png: { type: 'boolean', default: false },
      'no-shipped': { type: 'boolean', default: false },
      edits: { type: 'string', default: '5' },
      'no-r': { type: 'boolean', default: false },
      heap: { type: 'string' },
    },
    strict: true,
  });
  const sizes = values.sizes ? values.sizes.split(',').map((s) => Number(s.trim())) : DEFAULT_SIZES;
  const runs = Number(values.runs);
  const heapMB = values.heap === undefined ? null : Number(values.heap);
  if (heapMB !== null && !(Number.isInteger(heapMB) && heapMB > 0))
    throw new Error(`--heap takes a number of megabytes, got ${values.heap}`);
  const seed = Number(values.seed);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`--sizes: positive integers, got ${values.sizes}`);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs: a positive integer, got ${values.runs}`);

  const edits = Number(values.edits);
  if (!Number.isInteger(edits) || edits < 1)
    throw new Error(`--edits: a positive integer, got ${values.edits}`);

  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('the build failed');
  const probeBefore = cpuProbeMs();
  console.log('start-up alone (no stage runs)');
  const startup = await measureStartup(Math.max(runs, 5));
  console.log(
    `watch-mode refresh${values.png ? ' with --png' : ''} (data/adrenal-lms copy; write cases.csv → report replaced)`,
  );
  const watch: WatchLatency[] = [];
  for (const edit of ['save', 'cell', 'add-row'] as const) {
    const w = await measureWatchLatency(
      [process.execPath, 'scripts/pipeline.mjs', ...(values.png ? ['--png'] : [])],
      join(ROOT, 'data', 'adrenal-lms'),
      edit,
      edits,
      ROOT,
    );
    watch.push(w);
    console.log(`  ${edit}: median ${w.medianMs} ms (${w.latenciesMs.join(', ')} ms)`);
  }
  const rMissing = values['no-r'] ? null : rUnavailable();
  const withR = !values['no-r'] && rMissing === null;
  if (rMissing !== null)
    console.log(`R pairing skipped: ${rMissing} (${R_INSTALL}); measuring casepool alone`);
  const measured: SizeResult[] = [];
  // One untimed run first, so the file cache is warm for every timed run.
  const warm = join(ROOT, 'data', 'adrenal-lms');
  await runOnce(warm, join(RUNS_DIR, 'out-warmup'), values.png);

  if (!values['no-shipped']) {
    for (const name of readdirSync(join(ROOT, 'data')).sort()) {
      const dir = join(ROOT, 'data', name);
      if (!existsSync(join(dir, 'cohort.json'))) continue;
      console.log(`${name} (shipped)`);
      measured.push(
        await measureCohort(
          name,
          countRows(join(dir, 'cases.csv')),
          'shipped',
          dir,
          runs,
          values.png,
          false,
          null,
          true,
        ),
      );
    }
  }
  for (const n of sizes) {
    const dir = join(RUNS_DIR, `n${n}-seed${seed}`);
    const start = performance.now();
    const bytes = writeSyntheticCohort({ n, seed, out: dir });
    console.log(
      `n = ${n}: generated ${(bytes / 1e6).toFixed(1)} MB in ${(performance.now() - start).toFixed(0)} ms`,
    );
    if (withR && n === sizes[0]) {
      // Untimed, as casepool's warm-up: R and its packages read from disk once.
      await runR(dir, join(RUNS_DIR, 'out-r-warmup'), values.png ? 'png' : 'svg', ROOT).catch(() => {});
    }
    // With --heap the entry is kept beside the one with Node's default heap, not in its place.
    const id = sizeId(n, heapMB);
    measured.push(await measureCohort(id, n, 'synthetic', dir, runs, values.png, withR, heapMB));
  }

  // Merge: a cohort measured now replaces its earlier entry; the others are kept.
  const previous: Results | null = existsSync(RESULTS)
    ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Results)
    : null;
  const byId = new Map((previous?.results ?? []).map((r) => [r.id, r]));
  for (const r of measured) byId.set(r.id, r);
  const results: Results = {
    machine: { ...machine(), cpuProbeMs: [probeBefore, cpuProbeMs()] },
    note: 'Times in ms (medians over runs), memory in MB. totalMs: wall time of the whole process incl. Node start-up; cpuMs: user + system CPU time of that process; machine.cpuProbeMs: a fixed JS loop timed before and after the runs (higher = slower CPU at the time); loadMs: start-up + imports of the built pipeline (dist/) before main(); stagesMs: --timings json; startup: wall time of processes that stop before any stage (--help, a broken cohort.json), built and through tsx; watch: --watch refresh, write cases.csv → report replaced, per edit; stageMemoryMB: per stage, the peak RSS of the process so far (a high-water mark, not the own peak of the stage), RSS and V8 heap in use when the stage ended, each the largest over the runs; rMs, rTotalsMs, rPeakRssMB, rCpuMs: bench/r/pipeline.R on the same cohort, each run right after a casepool run, as a fresh process (peak RSS and user + system CPU: GNU time %M %U %S), figures as rFigures (png with --png, else svg, as casepool); ratio: totalMs / rMs. Written by npm run bench.',
    results: [...byId.values()].sort((a, b) =>
      a.kind === b.kind ? a.n - b.n || a.id.localeCompare(b.id) : a.kind === 'shipped' ? -1 : 1,
    ),
    startup,
    watch,
  };
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  const extra = [
    'start-up alone (wall time of the whole process, median):',
    ...startup.map((r) => `  ${r.command.padEnd(48)} ${r.medianMs.toFixed(0).padStart(6)} ms`),
    `--watch${values.png ? ' --png' : ''} refresh, ${edits} edits of a data/adrenal-lms copy (write cases.csv → report replaced, median):`,
    ...watch.map(
      (w) =>
        `  ${(w.edit === 'save' ? 'save without change' : w.edit === 'cell' ? 'one value changed (an age)' : 'a patient added each time').padEnd(48)} ${w.medianMs.toFixed(0).padStart(6)} ms  (render ${w.stagesMs.render ?? '?'} ms)`,
    ),
  ];
  const pairing = formatPairingTable(results.results.filter((r) => r.kind === 'synthetic'));
  const sections = [
    formatTable(results.results),
    formatStageMemoryTable(results.results),
    pairing &&
      `paired with bench/r/pipeline.R (medians of wall time; ratio = casepool / R; targets of issue #12):\n${pairing}`,
    extra.join('\n'),
  ];
  console.log(`\n${sections.filter((s) => s).join('\n\n')}\n\nwritten to ${RESULTS}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(`bench: ${(e as Error).stack ?? String(e)}`);
    process.exitCode = 1;
  });
}
