import { ANALYSES } from '../analyses/index.ts';
import type { RenderedAnalysisFigure } from '../analyses/analysis.ts';
import { barPanelSpec, type PanelBar } from '../charts/barPanelSpec.ts';
import { flowDiagramSvg, flowTitle } from '../charts/flowDiagramSvg.ts';
import type { FlowCounts } from '../engine/flowCounts.ts';
import { renderPng, renderSvg } from '../charts/renderChart.ts';
import { survivalChartSpec } from '../charts/survivalChartSpec.ts';
import { idList } from '../charts/theme.ts';
import type { PublishedFigure } from '../engine/publishedFigures.ts';
import { cohortVariables } from '../engine/variables.ts';
import { formatP, formatPercent, plural } from '../report/formatNumber.ts';
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
}

function panelBars(panel: PanelSpec, stats: Stats, published: PublishedFigure[]): PanelBar[] {
  const publishedN = published.find((f) => f.statistic === 'n_included')?.value;
  const bars: PanelBar[] = [];
  for (const id of panel.statistics) {
    const s = stats.statistics.find((x) => x.id === id)!;
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
    if (published.length > 0)
      bars.push({
        label: s.label,
        version: 'As published',
        percent: pPercent,
        text: pText,
        description: p
          ? `${s.label}, as published: ${pText}. "${p.quote}"`
          : `${s.label}: the paper printed no figure`,
      });
    bars.push({
      label: s.label,
      version: 'Recomputed',
      percent: s.percent,
      text: `${s.numerator}/${s.denominator} · ${formatPercent(s.percent)}`,
      description: `${s.label}, recomputed: ${s.numerator} of ${s.denominator} included patients (${formatPercent(s.percent)}). Patients: ${idList(s.case_ids, s.numerator)}`,
    });
  }
  return bars;
}

/** PNGs still rasterising; awaited once all charts are laid out. */
type PendingFiles = Array<Promise<OutputFile>>;

async function figureFiles(
  id: string,
  spec: Record<string, unknown>,
  png: boolean,
  files: OutputFile[],
  pending: PendingFiles,
) {
  const svg = await renderSvg(spec);
  const paths = { spec: `specs/${id}.vl.json`, svg: `figures/${id}.svg`, png: `figures/${id}.png` };
  files.push(
    { path: paths.spec, content: `${JSON.stringify(spec, null, 2)}\n` },
    { path: paths.svg, content: svg },
  );
  if (png) pending.push(renderPng(svg).then((content) => ({ path: paths.png, content })));
  return { svg, files: paths };
}

/** Charts (spec, SVG, 300-dpi PNG per panel) and the self-contained index.html. */
export async function render(input: RenderInput, context: StageContext): Promise<{ files: OutputFile[] }> {
  const { config } = context;
  const { stats } = input;
  const png = input.png !== false;
  const files: OutputFile[] = [];
  const pending: PendingFiles = [];
  const publishedN = input.published.find((f) => f.statistic === 'n_included')?.value;
  const panels: RenderedFigure[] = [];
  for (const panel of config.panels) {
    const subtitle =
      input.published.length > 0
        ? `Published: n = ${publishedN ?? 'not given'} · Recomputed: n = ${stats.n_included} included patients`
        : `n = ${stats.n_included} included patients`;
    const spec = barPanelSpec(panel, panelBars(panel, stats, input.published), subtitle);
    const out = await figureFiles(`panel-${panel.id}`, spec, png, files, pending);
    panels.push({
      id: panel.id,
      title: panel.title,
      svg: out.svg,
      files: out.files,
      caption: `${panel.id}. ${panel.title}.${panel.note ? ` ${panel.note}` : ''}`,
    });
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
    });
    const out = await figureFiles('survival-overall', overallSpec, png, files, pending);
    survival.push({
      id: 'survival-overall',
      title: 'Overall survival',
      svg: out.svg,
      files: out.files,
      caption: 'Kaplan–Meier estimate of overall survival with number at risk.',
    });
    for (const grouping of config.survival.groupings) {
      const g = s.groups[grouping.id]!;
      const curves = g.levels.map((l) => ({
        label: `${l.label} (n = ${g.curves[l.id]!.n}, ${plural(g.curves[l.id]!.events, 'death')})`,
        curve: g.curves[l.id]!,
      }));
      const lr = g.logrank;
      const test = Number.isFinite(lr.p)
        ? `log-rank χ² = ${lr.chisq.toFixed(2)}, ${lr.df} df, ${formatP(lr.p)}`
        : 'log-rank test not computable (it needs a death while at least two groups still have patients at risk)';
      // Who is in no curve, so that the level sizes visibly add up to the overall n.
      const noTime = g.levels.reduce((sum, l) => sum + g.curves[l.id]!.excluded, 0);
      const leftOut = [
        ...g.excluded_reasons.map((r) => `${r.n} ${r.reason}`),
        ...(noTime > 0 ? [`${noTime} outcome or time not reported`] : []),
      ];
      const spec = survivalChartSpec(curves, {
        title: `Survival by ${grouping.label}`,
        subtitle: [
          test,
          `${g.excluded + noTime} of ${stats.n_included} included left out${leftOut.length ? `: ${leftOut.join('; ')}` : ''}`,
        ],
        riskTimes: config.survival.riskTimes,
        timeUnit: unit,
      });
      const id = `survival-${grouping.id}`;
      const r = await figureFiles(id, spec, png, files, pending);
      survival.push({
        id,
        title: `Survival by ${grouping.label}`,
        svg: r.svg,
        files: r.files,
        caption: `Kaplan–Meier curves by ${grouping.label}; ${test}.`,
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
    for (const f of analysis.figures?.(result, context) ?? []) {
      const out = await figureFiles(f.id, f.spec, png, files, pending);
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
    );
    files.push({ path: 'figures/flow.svg', content: svg });
    if (png) pending.push(renderPng(svg).then((content) => ({ path: 'figures/flow.png', content })));
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
          Files: <a href="figures/flow.png">PNG (300 dpi)</a> · <a href="figures/flow.svg">SVG</a>
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
