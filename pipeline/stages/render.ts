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
import { DEFAULT_DPI, renderPng, renderSvg } from '../charts/renderChart.ts';
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
import { toCsv } from '../io/toCsv.ts';
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
 * and its PNG at that size and `dpi`; the spec too when there is one.
 */
function writeFigure(
  id: string,
  svg: string,
  spec: Record<string, unknown> | null,
  options: FigureOptions & { png: boolean },
  files: OutputFile[],
  pending: PendingFiles,
): WrittenFigure {
  const paths = { spec: `specs/${id}.vl.json`, svg: `figures/${id}.svg`, png: `figures/${id}.png` };
  const size = printSize(svg, options.width);
  if (spec) files.push({ path: paths.spec, content: `${JSON.stringify(spec, null, 2)}\n` });
  files.push({ path: paths.svg, content: svgAtPrintSize(svg, size) });
  if (options.png)
    pending.push(
      renderPng(svg, { dpi: options.dpi, widthPx: pngWidthPx(size, options.dpi) }).then((content) => ({
        path: paths.png,
        content,
      })),
    );
  const sizeNote =
    size.minTextPt < MIN_TEXT_PT
      ? `At ${FIGURE_WIDTHS_CM[options.width]} cm wide its smallest text prints at ${size.minTextPt.toFixed(1)} pt, under the ${MIN_TEXT_PT} pt journals ask for${options.width === 'single' ? ': use --figure-width double' : ''}.`
      : '';
  return { svg, files: paths, sizeNote };
}

async function figureFiles(
  id: string,
  spec: Record<string, unknown>,
  options: FigureOptions & { png: boolean },
  files: OutputFile[],
  pending: PendingFiles,
): Promise<WrittenFigure> {
  return writeFigure(id, await renderSvg(spec), spec, options, files, pending);
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
  const figureOptions = { ...DEFAULT_FIGURE_OPTIONS, ...input.figures, png: input.png !== false };
  const files: OutputFile[] = [];
  const pending: PendingFiles = [];
  const publishedN = input.published.find((f) => f.statistic === 'n_included')?.value;
  const showPublished = input.published.length > 0 && !figureOptions.recomputedOnly;
  const panels: RenderedFigure[] = [];
  const panelSvgs: Array<{ id: string; svg: string }> = [];
  for (const panel of config.panels) {
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
  }
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
  for (const analysis of ANALYSES) {
    const result = results[analysis.id];
    if (result === undefined) continue;
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
  }
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
  files.push({
    path: 'findings.csv',
    content: toCsv(
      ['file', 'line', 'column', 'severity', 'code', 'message', 'accepted'],
      sortFindings(input.findings).map((f) => [
        f.file,
        f.line,
        f.column,
        f.severity,
        f.code,
        f.message,
        f.accepted ?? null,
      ]),
    ),
  });
  return { files };
}
