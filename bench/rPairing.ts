/**
 * The R side of `npm run bench` (issue #12): bench/r/pipeline.R run on the same synthetic cohorts as
 * fresh processes, its wall time and peak memory, and the targets set against it (casepool's wall
 * time ≤ 0.3 × R's at 50 patients, ≤ 0.5 × at 100,000 and 1,000,000; casepool's peak memory < 1 GB at
 * 1,000,000).
 *
 * Peak memory and CPU time of the R process: GNU time's `%M %U %S` (the child's ru_maxrss and user and
 * system time from wait4, exact, over the whole run) when /usr/bin/time is GNU time; otherwise VmHWM
 * from /proc/<pid>/status polled every 10 ms (Rscript execs R in the same process, and VmHWM is a
 * high-water mark, so polling misses only what the last ~10 ms add) and no CPU time; null where
 * neither exists. CPU time is what to compare when other work shares the machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alignColumns } from './alignColumns.ts';

export const R_SCRIPT = join('bench', 'r', 'pipeline.R');
export const R_PACKAGES = ['data.table', 'survival', 'ggplot2', 'jsonlite'] as const;
export const R_INSTALL =
  'apt-get install r-base-core r-cran-survival r-cran-data.table r-cran-ggplot2 r-cran-jsonlite';

/** casepool's wall time over R's, at most, for the sizes the issue sets a target for. */
export const TIME_TARGETS: ReadonlyMap<number, number> = new Map([
  [50, 0.3],
  [100_000, 0.5],
  [1_000_000, 0.5],
]);
/** casepool's peak RSS, below, in MB (2^20 bytes, as every memory number of the bench): "< 1 GB". */
export const MEMORY_TARGET = { n: 1_000_000, belowMB: 1024 } as const;

/** Why bench/r/pipeline.R cannot run here (Rscript or a package missing), or null when it can. */
export function rUnavailable(): string | null {
  const check = `missing <- Filter(function(p) !requireNamespace(p, quietly = TRUE), c(${R_PACKAGES.map((p) => `"${p}"`).join(', ')})); cat(missing)`;
  const probe = spawnSync('Rscript', ['-e', check], { encoding: 'utf8' });
  if (probe.error)
    return `Rscript not found (${(probe.error as NodeJS.ErrnoException).code ?? probe.error.message})`;
  if (probe.status !== 0) return `Rscript -e failed: ${probe.stderr.trim().split('\n').at(-1) ?? ''}`;
  const missing = probe.stdout.trim();
  return missing ? `R package(s) not installed: ${missing.split(/\s+/).join(', ')}` : null;
}

export const GNU_TIME_FORMAT = '%M %U %S';

/**
 * What GNU time's `-f "%M %U %S"` wrote, from its last line (after any "Command exited…"): the peak RSS
 * in kB and the user + system CPU time in ms.
 */
export function parseGnuTime(text: string): { maxRssKB: number; cpuMs: number } | null {
  const last = text.trim().split('\n').at(-1)?.trim() ?? '';
  const m = /^(\d+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/.exec(last);
  return m ? { maxRssKB: Number(m[1]), cpuMs: Math.round((Number(m[2]) + Number(m[3])) * 1000) } : null;
}

/** VmHWM (the resident-set high-water mark) of a /proc/<pid>/status text, in kB. */
export function parseVmHwmKB(status: string): number | null {
  const m = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  return m ? Number(m[1]) : null;
}

let gnuTime: boolean | undefined;
/** Whether /usr/bin/time is GNU time (takes -f and -o); asked once. */
function hasGnuTime(): boolean {
  if (gnuTime === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'casepool-time-'));
    const probe = spawnSync('/usr/bin/time', ['-f', GNU_TIME_FORMAT, '-o', join(dir, 'm'), 'true']);
    gnuTime = probe.status === 0 && parseGnuTime(readFileSync(join(dir, 'm'), 'utf8')) !== null;
    rmSync(dir, { recursive: true, force: true });
  }
  return gnuTime;
}

export interface RMeasure {
  totalMs: number;
  /** Peak resident set of the R process, in MB; null where it cannot be measured. */
  peakRssMB: number | null;
  /** User + system CPU time of the R process, in ms; null without GNU time. */
  cpuMs: number | null;
}

/**
 * One run of bench/r/pipeline.R as a fresh process (`--figures png|svg`), wall time from spawn to exit.
 * Rejects with the end of its output when it fails.
 */
export function runR(
  cohortDir: string,
  outDir: string,
  figures: 'png' | 'svg',
  cwd: string,
): Promise<RMeasure> {
  const script = ['Rscript', R_SCRIPT, cohortDir, outDir, '--figures', figures];
  const timeDir = hasGnuTime() ? mkdtempSync(join(tmpdir(), 'casepool-time-')) : null;
  const timeFile = timeDir ? join(timeDir, 'm') : null;
  const [command, ...args] = timeFile
    ? ['/usr/bin/time', '-f', GNU_TIME_FORMAT, '-o', timeFile, ...script]
    : script;
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const child = spawn(command!, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => output.push(b));
    child.stderr.on('data', (b: Buffer) => output.push(b));
    let polledKB: number | null = null;
    const statusFile = `/proc/${child.pid}/status`;
    const poll =
      timeFile === null && existsSync('/proc/self/status')
        ? setInterval(() => {
            try {
              polledKB = Math.max(polledKB ?? 0, parseVmHwmKB(readFileSync(statusFile, 'utf8')) ?? 0);
            } catch {
              // The process has just ended: the last reading stands.
            }
          }, 10)
        : null;
    child.on('error', (e) => {
      if (poll) clearInterval(poll);
      reject(e);
    });
    child.on('close', (code) => {
      const totalMs = performance.now() - start;
      if (poll) clearInterval(poll);
      const timed = timeFile && existsSync(timeFile) ? parseGnuTime(readFileSync(timeFile, 'utf8')) : null;
      const kB = timeFile ? (timed?.maxRssKB ?? null) : polledKB;
      if (timeDir) rmSync(timeDir, { recursive: true, force: true });
      if (code !== 0) {
        const tail = Buffer.concat(output).toString('utf8').trimEnd().split('\n').slice(-10).join('\n');
        reject(new Error(`Rscript ${R_SCRIPT} on ${cohortDir} exited with ${code}:\n${tail}`));
        return;
      }
      resolvePromise({ totalMs, peakRssMB: kB === null ? null : kB / 1024, cpuMs: timed?.cpuMs ?? null });
    });
  });
}

/** What the pairing table needs of a measured size. */
export interface PairedSize {
  n: number;
  totalMs: number;
  peakRssMB: number;
  cpuMs: number;
  rMs?: number;
  rPeakRssMB?: number | null;
  rCpuMs?: number | null;
}

/** The issue's time target for n, and whether casepool's ratio meets it; null where none is set. */
export function timeVerdict(n: number, ratio: number): { maxRatio: number; met: boolean } | null {
  const maxRatio = TIME_TARGETS.get(n);
  return maxRatio === undefined ? null : { maxRatio, met: ratio <= maxRatio };
}

/** The issue's memory target for n, and whether casepool's peak meets it; null where none is set. */
export function memoryVerdict(n: number, peakRssMB: number): { belowMB: number; met: boolean } | null {
  return n === MEMORY_TARGET.n
    ? { belowMB: MEMORY_TARGET.belowMB, met: peakRssMB < MEMORY_TARGET.belowMB }
    : null;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * patients · casepool · R · ratio · target · peak memory casepool / R · cpu casepool / R, one row per
 * paired size.
 */
export function formatPairingTable(sizes: readonly PairedSize[]): string {
  const paired = sizes.filter((s) => s.rMs !== undefined).sort((a, b) => a.n - b.n);
  if (paired.length === 0) return '';
  const head = [
    'patients',
    'casepool',
    'R',
    'ratio',
    'target',
    'peak memory casepool / R',
    'cpu casepool / R',
  ];
  const rows = paired.map((s) => {
    const ratio = s.totalMs / s.rMs!;
    const time = timeVerdict(s.n, ratio);
    const memory = memoryVerdict(s.n, s.peakRssMB);
    const rMemory = s.rPeakRssMB == null ? '?' : s.rPeakRssMB.toFixed(0);
    return [
      s.n.toLocaleString('en-US'),
      seconds(s.totalMs),
      seconds(s.rMs!),
      `${ratio.toFixed(2)}×`,
      time ? `≤ ${time.maxRatio}×: ${time.met ? 'met' : 'NOT met'}` : '—',
      `${s.peakRssMB.toFixed(0)} / ${rMemory} MB` +
        (memory ? ` (< ${memory.belowMB} MB: ${memory.met ? 'met' : 'NOT met'})` : ''),
      `${seconds(s.cpuMs)} / ${s.rCpuMs == null ? '?' : seconds(s.rCpuMs)}`,
    ];
  });
  // patients and the two verdicts read as text, the times and the ratio as numbers.
  return alignColumns([head, ...rows], (c) => c === 0 || c >= 4).join('\n');
}
