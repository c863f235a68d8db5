import { ANALYSES } from '../analyses/index.ts';
import type { RenderedAnalysisFigure } from '../analyses/analysis.ts';
import { barPanelSpec, NOT_REPORTED_KEY, type PanelBar } from '../charts/barPanelSpec.ts';
import { combinedFigureSvg } from '../charts/combinedFigure.ts';
import {
  MIN_TEXT_PT,
  pngWidthPx,
  printSize,
  svgAtPrintSize,
  FIGURE_WIDTHS_CM,
  type FigureWidth,
} from '../charts/printSize.ts';
import { flowDiagramSvg, flowTitle } from '../charts/flowDiagramSvg.ts';
import type { FlowCounts } from '../cohortTables/flowCounts.ts';
import {
  figureRecord,
  layoutKey,
  manifestText,
  pngKey,
  readPreviousFigures,
  FIGURE_MANIFEST,
  type FigureRecord,
  type PreviousFigures,
} from '../charts/figureReuse.ts';
import { DEFAULT_DPI, renderSvg as layOutRemembered } from '../charts/renderChart.ts';
import { IN_THIS_THREAD, type ChartRenderer } from '../charts/renderPool.ts';
import { survivalChartSpec } from '../charts/survivalChartSpec.ts';
import { idList } from '../charts/theme.ts';
import type { PublishedFigure } from '../cohortTables/publishedFigures.ts';
import { cohortVariables } from '../dataPackage/variables.ts';
import { formatP, formatPercent, plural } from '../report/formatNumber.ts';
import { stripCode } from '../report/inlineCode.ts';
import { smallSampleCaution } from '../report/smallSampleCaution.ts';
import { citation, shortCitation } from '../report/citation.ts';
import { html, trusted, type Html } from '../report/escapeHtml.ts';
import { indexPage, type RenderedFigure } from '../report/indexPage.ts';
import { sortFindings } from '../report/runSummary.ts';
import { csvChunks } from '../io/toCsv.ts';
import type { CaseTable, Finding, PanelSpec, Source } from '../types.ts';
import type { Stats } from './analyze.ts';
import type { OutputFile, StageContext } from './context.ts';

export interface RenderInput {
  stats: Stats;
  cases: CaseTable;
  sources: Source[];
  published: PublishedFigure[];
  findings: Finding[];
  tidyFiles: string[];
  flow?: FlowCounts | null;
  extraSections?: Array<{ id: string; title: string; body: Html }>;
  /** Skip PNGs (watch mode and tests that only need the page). */
  png?: boolean;
  figures?: Partial<FigureOptions>;
  /**
   * Where charts are laid out and rasterised (default: this thread; a run uses a worker pool), and the
   * previous complete report under `--out`, whose figures are copied when nothing they are drawn
   * from changed (spec, dpi, width, renderer).
   */
  charts?: { renderer?: ChartRenderer; previousReport?: string | null };
}

/** How figures are laid out for a manuscript (`--dpi`, `--figure-width`, `--recomputed-only`). */
export interface FigureOptions {
  /** Resolution of the PNGs, written into them (pHYs). */
  dpi: number;
  /** Journal column the figures are sized for: 8.5 cm or 17.5 cm. */
  width: FigureWidth;
  /** Recomputed bars only, without the grey "as published" half: for the user's own paper. */
  recomputedOnly: boolean;
}

export const DEFAULT_FIGURE_OPTIONS: FigureOptions = {
  dpi: DEFAULT_DPI,
  width: 'double',
  recomputedOnly: false,
};

function panelBars(
  panel: PanelSpec,
  stats: Stats,
  published: PublishedFigure[],
  recomputedOnly: boolean,
): PanelBar[] {
  const publishedN = published.find((f) => f.statistic === 'n_included')?.value;
  const bars: PanelBar[] = [];
  for (const id of panel.statistics) {
    const s = stats.statistics.find((x) => x.id === id)!;
    const reported = stats.statistics.find((x) => x.id === `${id}.reported`) ?? s;
    const p = published.find((f) => f.statistic === id);
    const pPercent = p
      ? p.field === 'percent'
        ? p.value
        : publishedN
          ? (p.value / publishedN) * 100
          : null
      : null;
    const pText = p
      ? p.field === 'percent'
        ? `${p.value}%${publishedN ? ` of ${publishedN}` : ''}`
        : `${p.value}/${publishedN ?? '?'}`
      : '';
    // A cohort with no published figures gets the recomputed bars only, not a column of blanks.
    if (published.length > 0 && !recomputedOnly)
      bars.push({
        label: s.label,
        version: 'As published',
        percent: pPercent,
        notReportedPercent: null,
        text: pText,
        description: p
          ? `${s.label}, as published: ${pText}. "${p.quote}"`
          : `${s.label}: the paper printed no figure`,
      });
    const notReported = s.denominator - reported.denominator;
    const all = `${s.numerator}/${s.denominator} · ${formatPercent(s.percent)}`;
    bars.push({
      label: s.label,
      version: 'Recomputed',
      percent: s.percent,
      notReportedPercent: s.denominator > 0 ? (notReported / s.denominator) * 100 : 0,
      text: notReported > 0 ? `${all} · ${reported.numerator}/${reported.denominator}` : all,
      description:
        `${s.label}, recomputed: ${s.numerator} of ${plural(s.denominator, 'included patient')} (${formatPercent(s.percent)})` +
        (notReported > 0
          ? `; ${reported.numerator} of ${reported.denominator} for whom it is reported (${formatPercent(reported.percent)}); not reported for ${notReported}`
          : '') +
        `. Patients: ${idList(s.case_ids, s.numerator)}`,
      notReportedDescription: `${s.label}: not reported for ${notReported} of ${plural(s.denominator, 'included patient')}`,
    });
  }
  return bars;
}

/** PNGs still rasterising; awaited once all charts are laid out. */
type PendingFiles = Array<Promise<OutputFile>>;

/** The figure options of a run, with where its charts are drawn and what it may reuse. */
type FigureContext = FigureOptions & {
  png: boolean;
  renderer: ChartRenderer;
  previous: PreviousFigures;
  /** What the manifest will say of each figure written. */
  records: Map<string, FigureRecord>;
  /** The combined figure's panels as laid out, by layout key, for the next run. */
  parts: Map<string, string>;
};

/** What the page needs of a figure written to disk. */
interface WrittenFigure {
  /** The SVG at its screen size, for the page. */
  svg: string;
  files: { spec: string; svg: string; png: string };
  /** A sentence for the caption when its text prints under 6 pt at the chosen column width. */
  sizeNote: string;
}

/**
 * Writes a figure's SVG at print size (the journal column width, or its natural size when smaller)
 * and its PNG at that size and `dpi`; the spec too when there is one. The PNG is copied from the
 * previous report when that one was rasterised from the same SVG at the same size (and its file is
 * as that report wrote it).
 */
function writeFigure(
  id: string,
  svg: string,
  spec: Record<string, unknown> | null,
  options: FigureContext,
  files: OutputFile[],
  pending: PendingFiles,
): WrittenFigure {
  const paths = { spec: `specs/${id}.vl.json`, svg: `figures/${id}.svg`, png: `figures/${id}.png` };
  const size = printSize(svg, options.width);
  if (spec) files.push({ path: paths.spec, content: `${JSON.stringify(spec, null, 2)}\n` });
  const written = svgAtPrintSize(svg, size);
  files.push({ path: paths.svg, content: written });
  const layout = spec ? layoutKey(spec) : null;
  options.records.set(id, figureRecord(layout, svg, written, null));
  if (options.png) {
    const widthPx = pngWidthPx(size, options.dpi);
    const key = pngKey(svg, options.dpi, widthPx);
    const previous = options.previous.png(id, key);
    const png = previous
      ? Promise.resolve(previous)
      : options.renderer.png(svg, { dpi: options.dpi, widthPx });
    const file = png.then((content) => {
      options.records.set(id, figureRecord(layout, svg, written, { key, content }));
      return { path: paths.png, content };
    });
    // Awaited with the others at the end; failing before then is not an unhandled rejection.
    file.catch(() => {});
    pending.push(file);
  }
  const sizeNote =
    size.minTextPt < MIN_TEXT_PT
      ? `At ${FIGURE_WIDTHS_CM[options.width]} cm wide its smallest text prints at ${size.minTextPt.toFixed(1)} pt, under the ${MIN_TEXT_PT} pt journals ask for${options.width === 'single' ? ': use --figure-width double' : ''}.`
      : '';
  return { svg, files: paths, sizeNote };
}

/** A chart's figure files: its SVG taken from the previous report when its spec is unchanged, else laid out. */
async function figureFiles(
  id: string,
  spec: Record<string, unknown>,
  options: FigureContext,
  files: OutputFile[],
  pending: PendingFiles,
): Promise<WrittenFigure> {
  const svg =
    options.previous.svg(id, layoutKey(spec)) ?? (await layOutRemembered(spec, options.renderer.layout));
  return writeFigure(id, svg, spec, options, files, pending);
}

/**
 * Runs `draw` for every item at once, so their charts are laid out together (on the render pool's
 * workers) while this thread goes on with the tables; resolves when all are drawn.
 */
async function eachAtOnce<T>(items: readonly T[], draw: (item: T) => Promise<void>): Promise<void> {
  await Promise.all(items.map(draw));
}

/**
 * Sorts, in place, what `eachAtOnce` pushed as each was finished into the order of `order` (by id);
 * items whose id is not in it stay first, as they were.
 */
function putInOrder(items: Array<{ id: string }>, order: ReadonlyArray<{ id: string }>): void {
  const rank = new Map(order.map((o, i) => [o.id, i]));
  items.sort((a, b) => (rank.get(a.id) ?? -1) - (rank.get(b.id) ?? -1));
}

/**
 * The combined figure's grid: two panels a row within a 17.5 cm column, each with a 140 px plot;
 * one a row within 8.5 cm, each laid out as a single panel for that column.
 */
const COMBINED_LAYOUT = {
  double: { columns: 2, plotWidth: 140 },
  single: { columns: 1, plotWidth: undefined },
} as const;

/** Caption text of a figure: its own words, then the print-size note when there is one. */
const withSizeNote = (caption: string, out: WrittenFigure) =>
  out.sizeNote ? `${caption} ${out.sizeNote}` : caption;

/**
 * Charts (spec, SVG at print size, PNG at the chosen dpi per panel; the panels combined into one
 * figure) and the self-contained index.html.
 */
export async function render(input: RenderInput, context: StageContext): Promise<{ files: OutputFile[] }> {
  const { config } = context;
  const { stats } = input;
  const figureOptions: FigureContext = {
    ...DEFAULT_FIGURE_OPTIONS,
    ...input.figures,
    png: input.png !== false,
    renderer: input.charts?.renderer ?? IN_THIS_THREAD,
    previous: readPreviousFigures(input.charts?.previousReport ?? null),
    records: new Map(),
    parts: new Map(),
  };
  // The combined figure's panels: laid out where the other charts are, or taken from the previous report.
  const renderSvg = async (spec: Record<string, unknown>) => {
    const layout = layoutKey(spec);
    const svg =
      figureOptions.previous.part(layout) ?? (await layOutRemembered(spec, figureOptions.renderer.layout));
    figureOptions.parts.set(layout, svg);
    return svg;
  };
  const files: OutputFile[] = [];
  const pending: PendingFiles = [];
  const publishedN = input.published.find((f) => f.statistic === 'n_included')?.value;
  const showPublished = input.published.length > 0 && !figureOptions.recomputedOnly;
  const panels: RenderedFigure[] = [];
  const panelSvgs: Array<{ id: string; svg: string }> = [];
  await eachAtOnce(config.panels, async (panel) => {
    const subtitle = [
      showPublished
        ? `Published: n = ${publishedN ?? 'not given'} · Recomputed: n = ${stats.n_included} included`
        : `n = ${stats.n_included} included`,
      NOT_REPORTED_KEY,
    ];
    const bars = panelBars(panel, stats, input.published, figureOptions.recomputedOnly);
    const spec = barPanelSpec(panel, bars, subtitle, { width: figureOptions.width });
    const out = await figureFiles(`panel-${panel.id}`, spec, figureOptions, files, pending);
    // In the combined figure: no subtitle nor legend, the shared key written once under the panels.
    panelSvgs.push({
      id: panel.id,
      svg: await renderSvg(
        barPanelSpec(panel, bars, [], {
          plotWidth: COMBINED_LAYOUT[figureOptions.width].plotWidth,
          legend: false,
          width: figureOptions.width,
        }),
      ),
    });
    panels.push({
      id: panel.id,
      title: panel.title,
      svg: out.svg,
      files: out.files,
      caption: withSizeNote(
        `${panel.id}. ${panel.title}.${panel.note ? ` ${stripCode(panel.note)}` : ''}`,
        out,
      ),
    });
  });
  putInOrder(panels, config.panels);
  putInOrder(panelSvgs, config.panels);
  let combined: RenderedFigure | null = null;
  if (panelSvgs.length > 1) {
    const letters = `${panelSvgs[0]!.id}–${panelSvgs.at(-1)!.id}`;
    const svg = combinedFigureSvg(panelSvgs, `${config.title}: panels ${letters}`, {
      columns: COMBINED_LAYOUT[figureOptions.width].columns,
      key: [
        showPublished
          ? `Grey: as published (n = ${publishedN ?? 'not given'}). Blue: recomputed (n = ${stats.n_included} included).`
          : `n = ${stats.n_included} included patients.`,
        `${NOT_REPORTED_KEY}.`,
      ],
    });
    const out = writeFigure('figure-combined', svg, null, figureOptions, files, pending);
    combined = {
      id: 'combined',
      title: `Panels ${letters} in one figure`,
      svg: out.svg,
      files: out.files,
      caption: withSizeNote(
        `Panels ${letters} combined into one figure, ${FIGURE_WIDTHS_CM[figureOptions.width]} cm wide at most, for a manuscript.`,
        out,
      ),
    };
  }
  const survival: RenderedFigure[] = [];
  const s = stats.survival;
  if (s && config.survival) {
    const unit = s.time_unit;
    const o = s.overall;
    const overallSpec = survivalChartSpec([{ label: 'All patients', curve: o }], {
      title: 'Overall survival (Kaplan–Meier)',
      subtitle: [
        `n = ${o.n}, ${plural(o.events, 'death')}, ${o.censored} censored (ticks); ${o.excluded} left out: outcome or time not reported`,
        'Shaded: 95% pointwise confidence band (log-log)',
      ],
      riskTimes: config.survival.riskTimes,
      timeUnit: unit,
      width: figureOptions.width,
    });
    const out = await figureFiles('survival-overall', overallSpec, figureOptions, files, pending);
    survival.push({
      id: 'survival-overall',
      title: 'Overall survival',
      svg: out.svg,
      files: out.files,
      caption: withSizeNote('Kaplan–Meier estimate of overall survival with number at risk.', out),
    });
    for (const grouping of config.survival.groupings) {
      const g = s.groups[grouping.id]!;
      const curves = g.levels.map((l) => ({
        label: `${l.label} (n = ${g.curves[l.id]!.n}, ${plural(g.curves[l.id]!.events, 'death')})`,
        rowLabel: l.label,
        curve: g.curves[l.id]!,
      }));
      const lr = g.logrank;
      const caution = smallSampleCaution(
        g.levels.reduce((sum, l) => sum + g.curves[l.id]!.events, 0),
        g.levels.map((l) => g.curves[l.id]!.n),
      );
      const test = Number.isFinite(lr.p)
        ? `log-rank χ² = ${lr.chisq.toFixed(2)}, ${lr.df} df, ${formatP(lr.p)}${caution ? ` (${caution})` : ''}`
        : 'log-rank test not computable (it needs a death while at least two groups still have patients at risk)';
      const testLines = Number.isFinite(lr.p)
        ? [
            `log-rank χ² = ${lr.chisq.toFixed(2)}, ${lr.df} df, ${formatP(lr.p)}`,
            ...(caution ? [`Caution: ${caution}`] : []),
          ]
        : [
            'log-rank test not computable: it needs a death while at least',
            'two groups still have patients at risk',
          ];
      // Who is in no curve, so that the level sizes visibly add up to the overall n.
      const noTime = g.levels.reduce((sum, l) => sum + g.curves[l.id]!.excluded, 0);
      const leftOut = [
        ...g.excluded_reasons.map((r) => `${r.n} ${r.reason}`),
        ...(noTime > 0 ? [`${noTime} outcome or time not reported`] : []),
      ];
      const spec = survivalChartSpec(curves, {
        title: `Survival by ${grouping.label}`,
        subtitle: [
          ...testLines,
          `${g.excluded + noTime} of ${stats.n_included} included left out${leftOut.length ? `: ${leftOut.join('; ')}` : ''}`,
        ],
        riskTimes: config.survival.riskTimes,
        timeUnit: unit,
        width: figureOptions.width,
      });
      const id = `survival-${grouping.id}`;
      const r = await figureFiles(id, spec, figureOptions, files, pending);
      survival.push({
        id,
        title: `Survival by ${grouping.label}`,
        svg: r.svg,
        files: r.files,
        caption: withSizeNote(`Kaplan–Meier curves by ${grouping.label}; ${test}.`, r),
      });
    }
  }
  const extraSections = [...(input.extraSections ?? [])];
  // Each further analysis: its figures laid out like the others, then its section of the page.
  const results = stats as unknown as Record<string, unknown>;
  await eachAtOnce(ANALYSES, async (analysis) => {
    const result = results[analysis.id];
    if (result === undefined) return;
    const figures: RenderedAnalysisFigure[] = [];
    for (const f of analysis.figures?.(result, context, figureOptions.width) ?? []) {
      const out = await figureFiles(f.id, f.spec, figureOptions, files, pending);
      figures.push({ ...f, svg: out.svg, files: out.files });
    }
    files.push(
      ...((await analysis.files?.(result, context, { cases: input.cases, sources: input.sources })) ?? []),
    );
    extraSections.push({
      id: `${analysis.id}-section`,
      title: analysis.title,
      body: analysis.section(result, figures, context),
    });
  });
  putInOrder(
    extraSections,
    ANALYSES.map((a) => ({ id: `${a.id}-section` })),
  );
  if (input.flow) {
    const { scope } = input.flow;
    const source = scope.kind === 'source' ? input.sources.find((x) => x.id === scope.sourceId) : undefined;
    const svg = flowDiagramSvg(
      input.flow,
      flowTitle(scope, scope.kind === 'source' ? shortCitation(source, scope.sourceId) : ''),
      figureOptions.width,
    );
    const out = writeFigure('flow', svg, null, figureOptions, files, pending);
    extraSections.push({
      id: 'flow',
      title: 'Study flow',
      body: html`<figure id="figure-flow" data-panel="flow">
        ${trusted(svg)}
        <figcaption>
          Counts as given in <code>${input.flow.file}</code>; steps it does not give are shown as not
          reported. Boxes whose count does not follow from the boxes above are listed under Input checks.
          ${
            scope.kind === 'source'
              ? html`This is the literature search reported in ${citation(source)}, not this cohort's own: its
                included count is not compared with the rows of the case table.`
              : ''
          }
          ${out.sizeNote} Files: <a href="${out.files.png}">PNG (${figureOptions.dpi} dpi)</a> ·
          <a href="${out.files.svg}">SVG</a>
        </figcaption>
      </figure>`,
    });
  }
  const page = indexPage({
    config,
    stats,
    cases: input.cases,
    sources: input.sources,
    variables: cohortVariables(config),
    findings: input.findings,
    panels,
    combined,
    pngDpi: figureOptions.dpi,
    survival,
    extraSections,
    tidyFiles: input.tidyFiles,
    generatedAt: context.generatedAt,
  });
  files.push({ path: 'index.html', content: page }, ...(await Promise.all(pending)));
  files.push({ path: FIGURE_MANIFEST, content: manifestText(figureOptions.records, figureOptions.parts) });
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
