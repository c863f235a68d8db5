import { sectionId, sectionTitle, type Analysis } from '../analyses/analysis.ts';
import { ANALYSES } from '../analyses/index.ts';
import type { AppraisalTable } from '../cohortTables/appraisalTable.ts';
import type { FlowCounts } from '../cohortTables/flowCounts.ts';
import type { PublishedFigure } from '../cohortTables/publishedFigures.ts';
import { cohortVariables } from '../dataPackage/variables.ts';
import { figureDrawing, type FigureDrawing, type FigureSettings } from '../drawing/figureDrawing.ts';
import { csvChunks } from '../io/toCsv.ts';
import type { Html } from '../report/escapeHtml.ts';
import { indexPage, type ReportSection } from '../report/indexPage.ts';
import { sortFindings } from '../report/findingOrder.ts';
import type { CaseTable, Finding, Source } from '../types.ts';
import { analysisInput, type Stats } from './analyze.ts';
import type { LaterFile, OutputFile, StageContext } from './context.ts';

export interface RenderInput extends FigureSettings {
  stats: Stats;
  cases: CaseTable;
  sources: readonly Source[];
  published: readonly PublishedFigure[];
  appraisal?: AppraisalTable | null;
  flow?: FlowCounts | null;
  findings: Finding[];
  tidyFiles: string[];
  /**
   * The run's figures as started while the analyses computed (run.ts: each analysis's charts are laid
   * out on the workers while the next one computes). Without it, render starts them all itself, with
   * the settings above; with it, those settings are the drawing's.
   */
  drawing?: FigureDrawing;
}

/**
 * Every analysis's charts (spec, SVG at print size, PNG at the chosen dpi), files and report section,
 * and the self-contained index.html. Charts not started yet (`input.drawing`) are all started at once,
 * so they are laid out together (on the render pool's workers) while this thread goes on with the tables.
 */
export async function render(
  input: RenderInput,
  context: StageContext,
  analyses: ReadonlyArray<Analysis<unknown>> = ANALYSES,
): Promise<{ files: Array<OutputFile | LaterFile> }> {
  const { config } = context;
  const { stats } = input;
  const drawing = input.drawing ?? figureDrawing(input);
  const figureOptions = drawing.options;
  const files = figureOptions.files;
  const read = analysisInput(input, stats as unknown as Record<string, unknown>);
  const results = stats as unknown as Record<string, unknown>;
  const headlineCards = analyses
    .flatMap((analysis) => {
      const result = results[analysis.id];
      if (result === undefined || !analysis.headline) return [];
      return [{ rank: analysis.headline.rank, cards: analysis.headline.cards(result, context, read) }];
    })
    // A stable sort: cards of the same rank stay in list order.
    .sort((a, b) => a.rank - b.rank)
    .flatMap((a) => a.cards);
  // The Methods paragraphs: a heading where it is first used, its sentences in list order.
  const methods = new Map<string, Html[]>();
  for (const analysis of analyses) {
    const result = results[analysis.id];
    if (result === undefined) continue;
    for (const { topic, text } of analysis.methods?.(result, context, read) ?? [])
      methods.set(topic, [...(methods.get(topic) ?? []), text]);
  }
  const sections = await Promise.all(
    analyses.map(async (analysis): Promise<ReportSection | null> => {
      const result = results[analysis.id];
      if (result === undefined) return null;
      const drawn = drawing.draw(analysis, result, context, read);
      // Every analysis's charts are started before this thread builds any of the tables, and its
      // tables are built while the workers still draw its charts.
      await null;
      files.push(...((await analysis.files?.(result, context, read)) ?? []));
      const figures = await drawn;
      const body = analysis.section(result, figures, context, read);
      if (body === null) return null;
      const title = sectionTitle(analysis, result, read);
      return { id: sectionId(analysis), title, nav: analysis.nav ?? title, body };
    }),
  );
  const page = indexPage({
    config,
    stats,
    cases: input.cases,
    sources: input.sources,
    variables: cohortVariables(config),
    findings: input.findings,
    sections: sections.filter((s): s is ReportSection => s !== null),
    headlineCards,
    methods: [...methods].map(([topic, sentences]) => ({ topic, sentences })),
    pngDpi: figureOptions.png ? figureOptions.dpi : null,
    tidyFiles: input.tidyFiles,
    generatedAt: context.generatedAt,
  });
  files.push({ path: 'index.html', content: page }, ...drawing.lastFiles());
  files.push({
    path: 'findings.csv',
    // Made while written: a table with a problem on every one of 10^6 rows has as many findings.
    content: findingsCsv(sortFindings(input.findings)),
  });
  // Charts finish in any order: the files are listed by path, the same on every run.
  return { files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}

function findingsCsv(sorted: readonly Finding[]) {
  return csvChunks(
    ['file', 'line', 'column', 'severity', 'code', 'message', 'accepted'],
    sorted.length,
    (k) => {
      const f = sorted[k]!;
      return [f.file, f.line, f.column, f.severity, f.code, f.message, f.accepted ?? null];
    },
  );
}
