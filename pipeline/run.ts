import { join, relative, resolve } from 'node:path';
import { COHORT_FILE, loadCohort } from './config/loadCohort.ts';
import { columnKey } from './parse/columnKey.ts';
import { tableFile } from './parse/tableFile.ts';
import { applyAccepted, type AcceptableTable } from './cohortTables/acceptedFindings.ts';
import { capFindings } from './checks/capFindings.ts';
import { findingPlace, sortedIds, tableIds, type PlacedFile } from './cohortTables/findingPlace.ts';
import { previousReportDir } from './io/previousReport.ts';
import { writeOutputAtomically } from './io/writeOutputAtomically.ts';
import { IN_THIS_THREAD, type ChartRenderer } from './drawing/renderPool.ts';
import { nameWorkbookCell } from './parse/cellReference.ts';
import { analysisSteps, type Stats } from './stages/analyze.ts';
import type { LaterFile, OutputFile, StageContext } from './stages/context.ts';
import { extract, type ExtractOutput } from './stages/extract.ts';
import { normalize, type NormalizeOutput } from './stages/normalize.ts';
import type { FigureOptions } from './charts/figureOptions.ts';
import { figureDrawing } from './drawing/figureDrawing.ts';
import { render } from './stages/render.ts';
import { tidy } from './stages/tidy.ts';
import { validate } from './stages/validate.ts';
import type { Finding, RawTable } from './types.ts';
import { rawRowCount } from './parse/rawRows.ts';

export interface RunOptions {
  /** Warnings stop the run as errors do. */
  strict?: boolean;
  /** Write the PNGs (default true). */
  png?: boolean;
  /** Estimate and draw what falls below the cohort's minimum data, with a caution (--show-all). */
  showAll?: boolean;
  /** Figure layout for a manuscript: dpi, journal column width, recomputed bars only. */
  figures?: Partial<FigureOptions>;
  /** Working directory paths are shown relative to. */
  cwd?: string;
  /** Stage timing lines, one per stage as it ends (--timings). */
  log?: (line: string) => void;
  /** Called as each stage starts, with the number of case rows read so far (null before extract). */
  progress?: (step: { cohort: string; stage: string; rows: number | null }) => void;
  /** Lines the user must see even when progress is not shown (default stderr). */
  notice?: (line: string) => void;
  now?: () => Date;
  /** Ends the run between two stages (and its lock wait at once): --watch and --serve on Ctrl-C. */
  signal?: AbortSignal;
  /**
   * Where the charts are laid out and rasterised: the command line's pool of workers (for runs with
   * PNGs; one per process, kept between the runs of --watch and --serve, closed by the command line
   * at the end), or a test's own renderer. `start(1)` is called once cohort.json is read, so one worker loads Vega
   * on the other core while the input is read and checked. Without one, charts are drawn in this
   * thread.
   */
  renderPool?: ChartRenderer & { start?(count?: number): void };
}

/** One stage's time, and the process's memory when the stage ended. */
export interface StageTiming {
  stage: string;
  ms: number;
  /**
   * The resident-set high-water mark of the whole process so far (process.resourceUsage().maxRSS), in
   * MB: the peak of this stage or of any before it, not this stage's own peak.
   */
  maxRssSoFarMB: number;
  /** Resident set size when the stage ended, in MB. */
  rssMB: number;
  /** V8 heap in use when the stage ended (before any collection), in MB. */
  heapUsedMB: number;
}

const MB = 2 ** 20;

export interface RunResult {
  cohort: string;
  outDir: string;
  /** 0: report written; 1: errors in the input, nothing written. */
  exitCode: 0 | 1;
  findings: Finding[];
  timings: StageTiming[];
  stats: Stats | null;
  /** Whether warnings counted as errors (--strict); accepted warnings never do. */
  strict: boolean;
}

/** Runs one cohort folder through every stage into `outDir`; writes nothing unless all succeed. */
export async function runCohort(
  cohortDir: string,
  outDir: string,
  options: RunOptions = {},
): Promise<RunResult> {
  const pool: NonNullable<RunOptions['renderPool']> = options.renderPool ?? IN_THIS_THREAD;
  const cwd = options.cwd ?? process.cwd();
  const display = (p: string) => relative(cwd, p) || p;
  const log = options.log ?? (() => {});
  const absoluteDir = resolve(cwd, cohortDir);
  const target = resolve(cwd, outDir);
  // The report --out holds now: unchanged figures are copied from it. Fixed here, before anything is read.
  const previousReport = previousReportDir(target);
  const timings: RunResult['timings'] = [];
  const findings: Finding[] = [];
  let cohort = display(absoluteDir);
  let rows: number | null = null;
  const time = async <T>(stage: string, work: () => T | Promise<T>): Promise<T> => {
    options.signal?.throwIfAborted();
    options.progress?.({ cohort, stage, rows });
    const start = performance.now();
    const result = await work();
    const ms = performance.now() - start;
    const memory = process.memoryUsage();
    const maxRssSoFarMB = (process.resourceUsage().maxRSS * 1024) / MB;
    timings.push({ stage, ms, maxRssSoFarMB, rssMB: memory.rss / MB, heapUsedMB: memory.heapUsed / MB });
    log(
      `${cohort.padEnd(14)} ${stage.padEnd(10)} ${ms.toFixed(0).padStart(6)} ms ${maxRssSoFarMB.toFixed(0).padStart(6)} MB peak RSS so far`,
    );
    return result;
  };
  const strict = options.strict === true;
  const stop = (): RunResult => ({
    cohort,
    outDir: target,
    exitCode: 1,
    findings,
    timings,
    stats: null,
    strict,
  });
  // Tables read from a workbook: their findings name the cell (G42) as well as the row and column.
  const workbookFiles = new Set<string>();
  // A loop, not findings.push(...more): spreading ~10^5 findings or more overflows the stack.
  const note = (more: readonly Finding[]) => {
    for (const f of more) findings.push(workbookFiles.size ? nameWorkbookCell(f, workbookFiles) : f);
  };
  // An accepted warning is a recorded decision, so --strict lets it pass; every other warning stops it.
  const blocking = () =>
    findings.some(
      (f) =>
        f.severity === 'error' || (options.strict && f.severity === 'warning' && f.accepted === undefined),
    );

  const loaded = await time('config', () =>
    loadCohort(absoluteDir, display(join(absoluteDir, 'cohort.json'))),
  );
  note(loaded.findings);
  // Only errors stop here: under --strict a warning about cohort.json stops the run once
  // accepted.csv has been read (below), which may accept it.
  if (!loaded.config || findings.some((f) => f.severity === 'error')) return stop();
  const config = loaded.config;
  cohort = config.id;
  // One worker loads Vega while the input is read and checked, on the other core (more would take
  // this thread's); a cohort without bar panels or survival starts workers only if an analysis
  // asks for a chart.
  if (config.panels.length > 0 || config.survival) pool.start?.(1);
  const context: StageContext = {
    cohortDir: absoluteDir,
    config,
    display,
    generatedAt: (options.now ?? (() => new Date()))().toISOString(),
    showAll: options.showAll === true,
  };

  const raw = await time('extract', () => extract(null, context));
  for (const t of [raw.cases, raw.sources, raw.published, raw.flow]) if (t?.sheet) workbookFiles.add(t.file);
  note(raw.findings);
  rows = raw.cases ? rawRowCount(raw.cases) : null;
  // The raw rows are not read after normalize: each is let go once read, and the table after it
  // (~0.6 GB at 10^6 rows, which would otherwise be held beside the values).
  const normalized = await time('normalize', () => normalize(raw, context, { releaseRows: true }));
  note(normalized.findings);
  raw.cases = null;
  const checked = await time('validate', () => validate(normalized, context));
  note(checked.findings);
  acceptFindings(findings, normalized, raw, context);
  // Findings of one code beyond the first FINDINGS_PER_CODE are counted, not listed.
  const capped = capFindings(findings);
  findings.length = 0;
  for (const f of capped) findings.push(f);
  if (!normalized.cases || blocking()) return stop();
  const cases = normalized.cases;

  const tidied = await time('tidy', () =>
    tidy(
      {
        cases,
        sources: normalized.sources,
        sourceHeader: (raw.sources?.header ?? ['source_id']).map(columnKey),
      },
      context,
    ),
  );
  // Each analysis's charts start as soon as it is computed: the workers lay them out and rasterise
  // them while this thread computes the next analyses (at 10^6 rows, seconds of them).
  const drawing = figureDrawing({
    png: options.png,
    figures: options.figures,
    charts: { renderer: pool, previousReport },
  });
  const analyzed = await time('analyze', async () => {
    const steps = analysisSteps(
      {
        cases,
        published: normalized.published,
        inputs: raw.inputs,
        sources: normalized.sources,
        appraisal: normalized.appraisal,
        flow: normalized.flow,
      },
      context,
    );
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      void drawing.draw(step.value.analysis, step.value.result, context, step.value.read);
      // The workers' answers are taken in between analyses, so the PNG of a chart laid out starts
      // while the next analysis computes.
      await new Promise((resolve) => setImmediate(resolve));
    }
  });
  const rendered = await time('render', () =>
    render(
      {
        stats: analyzed.stats,
        cases,
        sources: normalized.sources,
        published: normalized.published,
        appraisal: normalized.appraisal,
        findings,
        tidyFiles: tidied.tables.map((t) => t.path),
        flow: normalized.flow,
        drawing,
      },
      context,
    ),
  );
  const files: Array<OutputFile | LaterFile> = [...tidied.files, ...analyzed.files, ...rendered.files];
  // The writer's one line, when another run is writing to the same folder, is shown even when
  // progress lines are not: the run would otherwise seem to hang.
  await time('write', () =>
    writeOutputAtomically(target, files, { log: options.notice, signal: options.signal }),
  );
  return { cohort, outDir: target, exitCode: 0, findings, timings, stats: analyzed.stats, strict };
}

/** Marks, in place, the warnings that the cohort's accepted.csv records as deliberate decisions. */
function acceptFindings(
  findings: Finding[],
  normalized: NormalizeOutput,
  raw: ExtractOutput,
  context: StageContext,
): void {
  const { files } = context.config;
  if (files.accepted === undefined) return;
  // A table is shown by its file (a workbook's sheet, `#Patients`, is not part of the path); an
  // accepted.csv row names it as cohort.json does.
  const shown = (name: string) => context.display(join(context.cohortDir, tableFile(name).path));
  const cases = normalized.cases;
  // accepted.csv keys a decision by the table's role, so it outlives a change of file (cases.csv to
  // cases.xlsx); a table not read this run cannot have its decisions found unused.
  const placed: Array<PlacedFile & AcceptableTable> = [
    { role: 'cohort', name: COHORT_FILE, file: shown(COHORT_FILE), idAt: () => null, read: true },
    {
      role: 'cases',
      name: files.cases,
      file: shown(files.cases),
      idAt: cases ? sortedIds(cases.lines, cases.caseIds) : () => null,
      read: cases !== null,
    },
  ];
  const byId: Array<[string, string | undefined, RawTable | null, string]> = [
    ['sources', files.sources, raw.sources, 'source_id'],
    ['published', files.published, raw.published, 'id'],
    ['flow', files.flow, raw.flow, 'step'],
    ['appraisal', files.appraisal, raw.appraisal, 'source_id'],
  ];
  for (const [role, name, table, idColumn] of byId)
    if (name !== undefined)
      placed.push({ role, name, file: shown(name), idAt: tableIds(table, idColumn), read: table !== null });
  const marked = applyAccepted(
    findings,
    normalized.accepted,
    findingPlace(placed),
    placed,
    shown(files.accepted),
  );
  findings.length = 0;
  for (const f of marked) findings.push(f);
}
