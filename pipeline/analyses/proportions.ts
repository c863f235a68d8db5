import { barPanelSpec, NOT_REPORTED_KEY, type PanelBar } from '../charts/barPanelSpec.ts';
import { combinedFigureSvg } from '../charts/combinedFigure.ts';
import { FIGURE_WIDTHS_CM } from '../charts/printSize.ts';
import { idList } from '../charts/theme.ts';
import type { PublishedFigure } from '../cohortTables/publishedFigures.ts';
import { html, type Html } from '../report/escapeHtml.ts';
import { figureBlock } from '../report/figureBlock.ts';
import { formatInterval, formatPercent, plural } from '../report/formatNumber.ts';
import { stripCode } from '../report/inlineCode.ts';
import { dataTable } from '../report/dataTable.ts';
import { includedCount } from '../conditions/includedCount.ts';
import { statisticEntries, type StatisticEntry } from './proportions/statisticEntries.ts';
import { defineAnalysis, type AnalysisFigure } from './analysis.ts';

export interface PanelSpec {
  id: string;
  title: string;
  /** Statistic ids, one bar each, in order. */
  statistics: string[];
  note?: string;
}

declare module '../types.ts' {
  interface CohortConfig {
    /** Bar-chart panels, each a figure of statistics (the reference paper's figure, recomputed). */
    panels: PanelSpec[];
    /** Statistic ids shown as headline numbers at the top of the report. */
    headline: string[];
  }
}

/**
 * The combined figure's grid: two panels a row within a 17.5 cm column, each with a 140 px plot;
 * one a row within 8.5 cm, each laid out as a single panel for that column.
 */
const COMBINED_LAYOUT = {
  double: { columns: 2, plotWidth: 140 },
  single: { columns: 1, plotWidth: undefined },
} as const;

/** A panel's bars: per statistic, the paper's figure (grey) beside the recomputed one (blue). */
function panelBars(
  panel: PanelSpec,
  statistics: readonly StatisticEntry[],
  published: readonly PublishedFigure[],
  recomputedOnly: boolean,
): PanelBar[] {
  const publishedN = published.find((f) => f.statistic === 'n_included')?.value;
  const bars: PanelBar[] = [];
  for (const id of panel.statistics) {
    const s = statistics.find((x) => x.id === id)!;
    const reported = statistics.find((x) => x.id === `${id}.reported`) ?? s;
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

/**
 * Every statistic of cohort.json over both denominators with its intervals (stats.json
 * `statistics`); its figures are the bar panels (the paper's figure, as published and recomputed)
 * and the panels combined into one figure, and its section shows them above the table of every
 * proportion.
 */
export const proportionsAnalysis = defineAnalysis<StatisticEntry[]>()({
  id: 'statistics',
  always: true,
  drawsEarly: (config) => config.panels.length > 0,
  config: {
    schema: {
      panels: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'title', 'statistics'],
          properties: {
            id: {
              description:
                'Names the figure file figures/panel-<id>.svg, so it is a plain name (no `/`, no `.`).',
              type: 'string',
              pattern: '^[A-Za-z0-9_-]+$',
            },
            title: { type: 'string' },
            statistics: { type: 'array', minItems: 1, items: { type: 'string' } },
            note: { type: 'string' },
          },
        },
      },
      headline: {
        type: 'array',
        items: { type: 'string' },
        description: 'Statistic ids shown as headline numbers at the top of the report.',
      },
    },
    defaults: { panels: [], headline: [] },
    check(config, { error, statisticIds, hint }) {
      config.headline.forEach((id, i) => {
        if (!statisticIds.has(id))
          error(
            `/headline/${i}`,
            `statistic "${id}" is not defined under "statistics"${hint(id, statisticIds)}`,
          );
      });
      config.panels.forEach((p, k) =>
        p.statistics.forEach((id, i) => {
          if (!statisticIds.has(id))
            error(
              `/panels/${k}/statistics/${i}`,
              `statistic "${id}" is not defined under "statistics"${hint(id, statisticIds)}`,
            );
        }),
      );
    },
  },
  title: (_result, input) =>
    input.published.length > 0 ? 'Figures: as published and recomputed' : 'Figures and proportions',
  nav: 'Figures',
  sectionId: 'figures',
  methods: (_result, _context, input) => [
    {
      topic: 'Denominators',
      text: html`Each proportion is given twice: over all ${includedCount(input.cases)} included patients (the
      convention of pooled case-report reviews, in which a finding that is not reported counts as absent) and
      over the patients for whom the variable is reported (available-case analysis). An empty cell always
      means "not reported", never "no".`,
    },
    {
      topic: 'Confidence intervals',
      text: html`95% Wilson score intervals and exact Clopper–Pearson intervals for proportions.`,
    },
  ],
  headline: { rank: 20, cards: (result, context) => proportionCards(result, context.config.headline) },
  compute: (input, context) => statisticEntries(input.cases, context.config.statistics, 40, input.views),
  figures: (result, context, options, input) => {
    const { config } = context;
    const nIncluded = includedCount(input.cases);
    const publishedN = input.published.find((f) => f.statistic === 'n_included')?.value;
    const showPublished = input.published.length > 0 && !options.recomputedOnly;
    const subtitle = [
      showPublished
        ? `Published: n = ${publishedN ?? 'not given'} · Recomputed: n = ${nIncluded} included`
        : `n = ${nIncluded} included`,
      NOT_REPORTED_KEY,
    ];
    const bars = config.panels.map((panel) =>
      panelBars(panel, result, input.published, options.recomputedOnly),
    );
    const figures: AnalysisFigure[] = config.panels.map((panel, k) => ({
      id: panel.id,
      file: `panel-${panel.id}`,
      title: panel.title,
      caption: `${panel.id}. ${panel.title}.${panel.note ? ` ${stripCode(panel.note)}` : ''}`,
      spec: barPanelSpec(panel, bars[k]!, subtitle, { width: options.width }),
    }));
    if (config.panels.length > 1) {
      const letters = `${config.panels[0]!.id}–${config.panels.at(-1)!.id}`;
      const layout = COMBINED_LAYOUT[options.width];
      figures.push({
        id: 'combined',
        file: 'figure-combined',
        title: `Panels ${letters} in one figure`,
        caption: `Panels ${letters} combined into one figure, ${FIGURE_WIDTHS_CM[options.width]} cm wide at most, for a manuscript.`,
        // In the combined figure: no subtitle nor legend, the shared key written once under the panels.
        parts: config.panels.map((panel, k) =>
          barPanelSpec(panel, bars[k]!, [], {
            plotWidth: layout.plotWidth,
            legend: false,
            width: options.width,
          }),
        ),
        compose: (svgs) =>
          combinedFigureSvg(
            svgs.map((svg, k) => ({ id: config.panels[k]!.id, svg })),
            `${config.title}: panels ${letters}`,
            {
              columns: layout.columns,
              key: [
                showPublished
                  ? `Grey: as published (n = ${publishedN ?? 'not given'}). Blue: recomputed (n = ${nIncluded} included).`
                  : `n = ${nIncluded} included patients.`,
                `${NOT_REPORTED_KEY}.`,
              ],
            },
          ),
      });
    }
    return figures;
  },
  section: (result, figures, context, input) => {
    const cases = context.config.files.cases;
    const panels = figures.filter((f) => f.id !== 'combined');
    const combined = figures.find((f) => f.id === 'combined');
    return html`${
        input.published.length > 0
          ? html`<p class="note">
              Grey bars: the figure as the paper printed it (missing bars: the paper printed no number). Blue
              bars: recomputed from <code>${cases}</code> over all included patients. Hover a bar for its
              count, percentage and the patients behind it.
            </p>`
          : html`<p class="note">
              Recomputed from <code>${cases}</code> over all included patients. Hover a bar for its count,
              percentage and the patients behind it.
            </p>`
      }
      <div class="panels">${panels.map(figureBlock)}</div>
      ${
        combined
          ? html`<h3 id="figure-combined-section">All panels in one figure</h3>
              <details class="combined">
                <summary>Show the combined figure (${combined.files.svg}, .png)</summary>
                ${figureBlock(combined)}
              </details>`
          : html``
      }
      <h3 id="statistics-section">Proportions</h3>
      ${statisticsTable(result)}`;
  },
});

/**
 * The headline cards of the statistics cohort.json `headline` names. A proportion gives both shares as
 * equals, the reported denominator first ("3 of 9 reported · 33.3%", then "3 of 37 included · 8.1%"),
 * so that neither reads as the one result.
 */
export function proportionCards(
  statistics: readonly StatisticEntry[],
  headlineIds: readonly string[],
): Html[] {
  const cards: Html[] = [];
  for (const id of headlineIds) {
    const s = statistics.find((x) => x.id === id);
    if (!s) continue;
    // Both denominators: over all included (the papers' convention) and over those reported.
    const r = statistics.find((x) => x.id === `${id}.reported`) ?? s;
    const notReported = s.denominator - r.denominator;
    cards.push(
      html`<div>
        <span class="label">${s.label}</span>
        <span class="share" data-stat="${id}.reported" data-denominator="reported"
          >${r.numerator} of ${r.denominator} reported · ${formatPercent(r.percent)}</span
        >
        <span class="share" data-stat="${id}" data-denominator="all"
          >${s.numerator} of ${s.denominator} included · ${formatPercent(s.percent)}</span
        >
        ${notReported > 0 ? html`<span class="label">not reported for ${notReported}</span>` : ''}
      </div>`,
    );
  }
  return cards;
}

export function statisticsTable(statistics: readonly StatisticEntry[]): Html {
  const byId = new Map<string, StatisticEntry>(statistics.map((s) => [s.id, s]));
  const rows = statistics
    .filter((s) => s.denominator_kind === 'all')
    .map((s) => {
      const r = byId.get(`${s.id}.reported`)!;
      return html`<tr data-id="${s.id}">
        <td><code>${s.id}</code></td>
        <td>${s.label}</td>
        <td class="num">${s.numerator}/${s.denominator}</td>
        <td class="num">${formatPercent(s.percent)}</td>
        <td class="num">${formatInterval(s.ci95.wilson)}</td>
        <td class="num">${formatInterval(s.ci95.clopper_pearson)}</td>
        <td class="num">${r.numerator}/${r.denominator}</td>
        <td class="num">${formatPercent(r.percent)}</td>
        <td class="num">${formatInterval(r.ci95.wilson)}</td>
      </tr>`;
    });
  return html`${dataTable(
    'statistics',
    [
      'Id',
      'Statistic',
      { num: 'All included' },
      { num: '%' },
      { num: 'Wilson 95% CI' },
      { num: 'Clopper–Pearson 95% CI' },
      { num: 'Reported' },
      { num: '%' },
      { num: 'Wilson 95% CI' },
    ],
    rows,
  )}`;
}
