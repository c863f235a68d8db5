import type { FigureWidth } from './printSize.ts';
import { chartConfig, COLORS } from './theme.ts';
import { wrappedLines } from './wrappedLabels.ts';

/** A statistic's share after each publication year (analyses/cumulative.ts). */
export interface CumulativePoint {
  year: number;
  /** Included patients published up to and including this year. */
  n: number;
  numerator: number;
  denominator: number;
  percent: number | null;
  ci95: [number, number] | null;
}

/** One statistic's cumulative series over one denominator, as the chart draws it. */
export interface CumulativeSeries {
  denominator_kind: 'all' | 'reported';
  points: CumulativePoint[];
}

type Entry = CumulativeSeries;

const KIND = { all: 'Over all included', reported: 'Over reported' } as const;

/**
 * Plot width per journal column: 30 px a year, at least 260; at one column at most 320 (then the
 * years' labels stand upright), and the title lines wrap to 340 px (the plot and its axis).
 */
const LAYOUT = {
  double: { minWidth: 260, maxWidth: Infinity, textWidth: Infinity },
  single: { minWidth: 200, maxWidth: 320, textWidth: 340 },
} as const;
const PX_PER_YEAR = 30;

/** Cumulative estimate by publication year: line and points with a Wilson band, n per year below. */
export function cumulativeSpec(
  label: string,
  entries: readonly Entry[],
  /** The journal column it is laid out for (default double). */
  width: FigureWidth = 'double',
): Record<string, unknown> {
  const layout = LAYOUT[width];
  const values = entries.flatMap((e) =>
    e.points
      .filter((p) => p.percent !== null)
      .map((p) => ({
        year: p.year,
        kind: KIND[e.denominator_kind],
        percent: p.percent,
        lower: p.ci95![0] * 100,
        upper: p.ci95![1] * 100,
        text: `${p.numerator}/${p.denominator}`,
      })),
  );
  const counts = entries[0]?.points.map((p) => ({ year: p.year, n: String(p.n) })) ?? [];
  const plotWidth = Math.min(layout.maxWidth, Math.max(layout.minWidth, counts.length * PX_PER_YEAR));
  // Many years side by side would touch: turn their labels then, rather than widen the figure; upright
  // when the plot had to be narrowed under 30 px a year.
  const labelAngle = plotWidth < counts.length * PX_PER_YEAR ? -90 : counts.length > 10 ? -45 : 0;
  const x = { field: 'year', type: 'ordinal', title: 'Publication year', axis: { labelAngle } };
  const colour = {
    field: 'kind',
    type: 'nominal',
    title: null,
    scale: { domain: Object.values(KIND), range: [COLORS.recomputed, COLORS.curves[1]] },
    // Below the chart, so the figure fits a page's width without shrinking its text.
    legend: { orient: 'bottom', direction: 'horizontal' },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: wrappedLines(`Cumulative: ${label}`, layout.textWidth, chartConfig.title.fontSize, true),
      subtitle: wrappedLines(
        [
          'Estimate and Wilson 95% CI after each publication year',
          'Numbers under the axis: included patients published by then',
        ],
        layout.textWidth,
        chartConfig.title.subtitleFontSize,
      ),
    },
    config: chartConfig,
    vconcat: [
      {
        width: plotWidth,
        height: 220,
        data: { values },
        encoding: { x },
        layer: [
          {
            mark: { type: 'area', opacity: 0.15 },
            encoding: {
              y: { field: 'lower', type: 'quantitative', scale: { domain: [0, 100] }, title: 'Percent' },
              y2: { field: 'upper' },
              color: colour,
            },
          },
          {
            mark: { type: 'line', point: true },
            encoding: {
              y: { field: 'percent', type: 'quantitative' },
              color: colour,
              tooltip: [
                { field: 'year' },
                { field: 'kind', title: 'denominator' },
                { field: 'text', title: 'count' },
                { field: 'percent', format: '.1f' },
              ],
            },
          },
        ],
      },
      {
        width: plotWidth,
        height: 14,
        data: { values: counts },
        mark: { type: 'text', fontSize: 11, color: '#333' },
        encoding: { x: { ...x, axis: null }, text: { field: 'n' } },
      },
    ],
    resolve: { scale: { x: 'shared' } },
  };
}
