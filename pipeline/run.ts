import { join, relative, resolve } from 'node:path';
import { capFindings } from './checks/capFindings.ts';
import { casesTable } from './cohortTables/casesTable.ts';
import { sourcesTable } from './cohortTables/sourcesTable.ts';
import { loadCohort } from './config/loadCohort.ts';
import { columnKey } from './parse/columnKey.ts';
import { previousReportDir } from './io/previousReport.ts';
import { writeOutputAtomically } from './io/writeOutputAtomically.ts';
import { IN_THIS_THREAD } from './drawing/renderPool.ts';
import { nameWorkbookCell } from './parse/cellReference.ts';
import { accept } from './stages/accept.ts';
import { analysisTables, analyzeWhileDrawing } from './stages/analyze.ts';
import { ANALYSES } from './analyses/index.ts';
import type { LaterFile, OutputFile, StageContext } from './stages/context.ts';
import { extract } from './stages/extract.ts';
import { normalize } from './stages/normalize.ts';
import { figureDrawing } from './drawing/figureDrawing.ts';
import { render } from './stages/render.ts';
import { tidy } from './stages/tidy.ts';
import { validate } from './stages/validate.ts';
import type { Finding } from './types.ts';
import type { RunOptions, RunResult } from './runOptions.ts';
import { stageTimer } from './stages/stageTimer.ts';
import { rawRowCount } from './parse/rawRows.ts';

export type { RunOptions, RunResult } from './runOptions.ts';
export type { StageTiming } from './stages/stageTimer.ts';

/** Runs one cohort folder through every stage into `outDir`; writes nothing unless all succeed. */
export async function runCohort(
  cohortDir: string,
  outDir: string,
  options: RunOptions = {},
): Promise<RunResult> {
  const pool: NonNullable<RunOptions['renderPool']> = options.renderPool ?? IN_THIS_THREAD;
  const cwd = options.cwd ?? process.cwd();
  const parts = options.parts ?? {};
  const display = (p: string) => relative(cwd, p) || p;
  const log = options.log ?? (() => {});
  const absoluteDir = resolve(cwd, cohortDir);
  const target = resolve(cwd, outDir);
  // The report --out holds now: unchanged figures are copied from it. Fixed here, before anything is read.
  const previousReport = previousReportDir(target);
  const findings: Finding[] = [];
  let cohort = display(absoluteDir);
  let rows: number | null = null;
  const { time, timings } = stageTimer({ log, progress: options.progress, signal: options.signal }, () => ({
    cohort,
    rows,
  }));
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
    loadCohort(absoluteDir, display(join(absoluteDir, 'cohort.json')), options.parts),
  );
  note(loaded.findings);
  // Only errors stop here: under --strict a warning about cohort.json stops the run once
  // accepted.csv has been read (below), which may accept it.
  if (!loaded.config || findings.some((f) => f.severity === 'error')) return stop();
  const config = loaded.config;
  cohort = config.id;
  // One worker loads Vega while the input is read and checked, on the other core (more would take
  // this thread's), when an analysis says it will draw; otherwise workers start when a chart is asked for.
  if ((parts.analyses ?? ANALYSES).some((a) => a.drawsEarly?.(config))) pool.start?.(1);
  const context: StageContext = {
    cohortDir: absoluteDir,
    config,
    display,
    generatedAt: (options.now ?? (() => new Date()))().toISOString(),
    showAll: options.showAll === true,
  };

  const raw = await time('extract', () => extract(null, context, parts.tables));
  for (const t of Object.values(raw.raw)) if (t?.sheet) workbookFiles.add(t.file);
  note(raw.findings);
  const rawCases = raw.raw[casesTable.key];
  rows = rawCases ? rawRowCount(rawCases) : null;
  // The raw rows are not read after normalize: each is let go once read, and the table after it
  // (~0.6 GB at 10^6 rows, which would otherwise be held beside the values).
  const { tables, findings: normalizeFindings } = await time('normalize', () =>
    normalize(raw, context, { releaseRows: true }, parts.tables),
  );
  note(normalizeFindings);
  raw.raw[casesTable.key] = null;
  note(
    (await time('validate', () => validate({ tables, findings: [] }, context, parts.tables, parts.analyses)))
      .findings,
  );
  // Warnings accepted.csv records as decisions are marked; findings of one code beyond the first
  // FINDINGS_PER_CODE are counted, not listed.
  const accepted = await time('accept', () => capFindings(accept(findings, tables, context, parts.tables)));
  findings.length = 0;
  for (const f of accepted) findings.push(f);
  const cases = tables.of(casesTable);
  if (!cases || blocking()) return stop();
  const sources = tables.of(sourcesTable);
  const sourceHeader = (tables.raw(sourcesTable)?.header ?? ['source_id']).map(columnKey);
  const tidied = await time('tidy', () => tidy({ cases, sources, sourceHeader }, context));
  // Each analysis's charts start as soon as it is computed: the workers lay them out and rasterise
  // them while this thread computes the next analyses (at 10^6 rows, seconds of them).
  const drawing = figureDrawing({
    png: options.png,
    figures: options.figures,
    charts: { renderer: pool, previousReport },
  });
  const read = { ...analysisTables(tables, cases), inputs: raw.inputs };
  const analyzed = await time('analyze', () => analyzeWhileDrawing(read, context, drawing, parts.analyses));
  const rendered = await time('render', () =>
    render(
      { ...read, stats: analyzed.stats, findings, tidyFiles: tidied.tables.map((t) => t.path), drawing },
      context,
      parts.analyses,
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
