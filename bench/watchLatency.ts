/**
 * Watch-mode refresh latency: the time from writing a cohort's cases.csv to its report being replaced,
 * with `--watch` already running (its start-up is paid once), over several edits.
 *
 *   npx tsx bench/watchLatency.ts [--cohort data/adrenal-lms] [--edits 5] [--edit add-row|cell|save]
 *
 * The cohort is copied to a temporary folder (inputs are never modified). Three kinds of edit:
 * `save` writes cases.csv back unchanged (a save with no change in a chart: the charts are drawn from
 * memory), `cell` changes one number of a patient each time (the first whole number after the id of
 * the last plain row, an age in the shipped cohorts: what a user correcting a value does), `add-row` appends one more synthetic patient each time (every count changes, so every
 * chart is drawn anew: the worst case for a re-run). "Replaced" is the moment the report's link
 * (reports/<cohort> → .casepool-<cohort>-<run>) points at a new folder, polled every 2 ms. The stage
 * times of each re-run come from --timings.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export type WatchEdit = 'save' | 'cell' | 'add-row';

export interface WatchLatency {
  cohort: string;
  edit: WatchEdit;
  edits: number;
  /** Write → report replaced, per edit, in ms. */
  latenciesMs: number[];
  medianMs: number;
  /** Median time of each stage over the re-runs (from --timings), in ms. */
  stagesMs: Record<string, number>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const linkTarget = (path: string) => {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
};

const ensureNewline = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

/** The first source id of the cohort's sources.csv (a synthetic row must cite a known source). */
function sourceId(cohort: string): string {
  const config = JSON.parse(readFileSync(join(cohort, 'cohort.json'), 'utf8')) as {
    files: { sources: string };
  };
  const lines = readFileSync(join(cohort, config.files.sources), 'utf8').split(/\r?\n/);
  return lines[1]!.split(',')[0]!.trim();
}

/** A made-up patient (benchmark only, in the temporary copy): id, source, age and sex; the rest not reported. */
function syntheticRow(cases: string, source: string, i: number): string {
  const header = cases
    .split(/\r?\n/, 1)[0]!
    .split(',')
    .map((h) => h.trim().toLowerCase());
  const cell: Record<string, string> = {
    case_id: `BENCH-SYNTHETIC-${i + 1}`,
    source_id: source,
    age: String(40 + (i % 30)),
    sex: i % 2 ? 'M' : 'F',
    include: 'yes',
    notes: 'synthetic benchmark row',
  };
  return `${header.map((h) => cell[h] ?? '').join(',')}\n`;
}

/**
 * cases.csv with one value changed, for the k-th edit (0, 1, …): in the last line without quotes
 * (one that is split at its commas safely), the first cell after the id that is a whole number gets
 * k + 1 added. Each edit changes the same cell, from its value in `cases`.
 */
export function withOneCellChanged(cases: string, k: number): string {
  const lines = cases.split('\n');
  for (let i = lines.length - 1; i > 0; i--) {
    if (lines[i]!.includes('"')) continue;
    const cells = lines[i]!.split(',');
    const at = cells.findIndex((c, j) => j > 0 && /^\d+$/.test(c.trim()));
    if (at === -1) continue;
    cells[at] = cells[at]!.replace(/\d+/, (n) => String(Number(n) + k + 1));
    return [...lines.slice(0, i), cells.join(','), ...lines.slice(i + 1)].join('\n');
  }
  throw new Error('watch --edit cell: no line of cases.csv without quotes holds a whole number');
}

/** Runs `command` (the pipeline, e.g. `node scripts/pipeline.mjs`) with --watch and times `edits` edits. */
export async function measureWatchLatency(
  command: string[],
  cohortDir: string,
  edit: WatchEdit,
  edits: number,
  cwd: string,
): Promise<WatchLatency> {
  const temp = mkdtempSync(join(tmpdir(), 'casepool-bench-watch-'));
  const cohort = join(temp, basename(cohortDir));
  cpSync(cohortDir, cohort, { recursive: true });
  const out = join(temp, 'report');
  const child = spawn(
    command[0]!,
    [...command.slice(1), '--watch', '--timings', '--cohort', cohort, '--out', out],
    {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let text = '';
  child.stdout.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr.on('data', (d: Buffer) => (text += d.toString()));
  const waitForText = async (pattern: RegExp, from = 0, ms = 60_000) => {
    const start = Date.now();
    while (!pattern.test(text.slice(from))) {
      if (Date.now() - start > ms || child.exitCode !== null)
        throw new Error(`watch: no ${pattern} in:\n${text}`);
      await sleep(10);
    }
  };
  try {
    await waitForText(/watching .* for changes/);
    const cases = join(cohort, 'cases.csv');
    const content = readFileSync(cases, 'utf8');
    const rows = (k: number) =>
      Array.from({ length: k }, (_, i) => syntheticRow(content, sourceId(cohort), i));
    const latenciesMs: number[] = [];
    const stageRuns: Array<Record<string, number>> = [];
    for (let k = 0; k < edits; k++) {
      await sleep(300); // let the previous run's last writes settle; not part of any measure
      const before = linkTarget(out);
      const offset = text.length;
      const start = performance.now();
      writeFileSync(
        cases,
        edit === 'save'
          ? content
          : edit === 'cell'
            ? withOneCellChanged(content, k)
            : ensureNewline(content) + rows(k + 1).join(''),
      );
      while (linkTarget(out) === before) {
        if (performance.now() - start > 60_000)
          throw new Error(`watch: no new report after an edit:\n${text}`);
        await sleep(2);
      }
      latenciesMs.push(Math.round(performance.now() - start));
      await waitForText(/report written to/, offset);
      const stages: Record<string, number> = {};
      for (const m of text.slice(offset).matchAll(/^\S+\s+(\w+)\s+(\d+) ms\b/gm))
        stages[m[1]!] = Number(m[2]);
      stageRuns.push(stages);
    }
    const names = Object.keys(stageRuns[0] ?? {});
    return {
      cohort: basename(cohortDir),
      edit,
      edits,
      latenciesMs,
      medianMs: median(latenciesMs),
      stagesMs: Object.fromEntries(names.map((s) => [s, median(stageRuns.map((r) => r[s] ?? 0))])),
    };
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
    rmSync(temp, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      cohort: { type: 'string', default: 'data/adrenal-lms' },
      edits: { type: 'string', default: '5' },
      edit: { type: 'string', default: 'add-row' },
    },
  });
  const root = resolve(fileURLToPath(import.meta.url), '..', '..');
  const result = await measureWatchLatency(
    [process.execPath, 'scripts/pipeline.mjs'],
    resolve(values.cohort),
    values.edit as WatchEdit,
    Number(values.edits),
    root,
  );
  console.log(JSON.stringify(result, null, 2));
}
