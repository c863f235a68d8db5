import type { FigureWidth } from './printSize.ts';
import { chartConfig, COLORS } from './theme.ts';
import { categoryLabelLayer, lineHeight, mostLines, wrappedLabel, wrappedLines } from './wrappedLabels.ts';

/** One bar: a statistic as published or as recomputed. */
export interface PanelBar {
  label: string;
  version: 'As published' | 'Recomputed';
  /** Null when the paper printed no figure for this bar. */
  percent: number | null;
  /**
   * Share of all patients for whom the variable is not reported, drawn as a pale segment after the
   * bar (so a reader sees how much the bar could grow); null for published bars, which do not say.
   */
  notReportedPercent: number | null;
  /** Text next to the bar: "3/37 · 8.1% · 3/6" (all included, then reported), or "71.4% of 49" for a published percent. */
  text: string;
  /** Hover text: count, percent, denominators and the patients behind the bar. */
  description: string;
  /** Hover text of the not-reported segment ("Chemotherapy: not reported for 31 of 37 included patients"). */
  notReportedDescription?: string;
}

/** The legend line under a panel's title: what the pale segment and the two fractions are. */
export const NOT_REPORTED_KEY = 'Pale segment: not reported. Recomputed: count/all included · count/reported';

/**
 * One journal column (8.5 cm): a narrower plot, category labels wrapped to at most this many pixels
 * and title lines to the figure's width, so the figure stays under ~400 px and its 10 px text prints
 * at 6 pt or more (see widestFigurePx).
 */
const SINGLE = { plotWidth: 170, labelWidth: 120, textWidth: 300 };

/**
 * A Figure-3 style panel: horizontal bars of percent, the published bar (grey) right above the
 * recomputed one (blue) for each category, each bar labelled with its count and both denominators, and the share of
 * patients for whom the variable is not reported drawn as a pale segment. Plots aggregated counts
 * only, so the spec stays small whatever the number of patients.
 */
export function barPanelSpec(
  panel: { id: string; title: string },
  bars: readonly PanelBar[],
  subtitle: string | string[],
  /**
   * A cell of the combined figure is narrower and has no legend: the figure's key says it once.
   * `width` is the journal column the figure is laid out for (default double).
   */
  layout: { plotWidth?: number; legend?: boolean; width?: FigureWidth } = {},
): Record<string, unknown> {
  const single = layout.width === 'single';
  const plotWidth = layout.plotWidth ?? (single ? SINGLE.plotWidth : 300);
  const order = [...new Set(bars.map((b) => b.label))];
  const versions = [...new Set(bars.map((b) => b.version))];
  // At one column the labels are drawn as wrapped text (a layer) and each row is tall enough for them.
  const labels = new Map(order.map((l) => [l, wrappedLabel(l, SINGLE.labelWidth)]));
  const rowLines = single ? mostLines([...labels.values()].map((l) => l.labelLines)) : 1;
  const rowHeight = rowLines * lineHeight(chartConfig.axis.labelFontSize) + 4;
  const step = versions.length > 1 ? Math.max(14, Math.ceil(rowHeight / 2)) : Math.max(20, rowHeight);
  const title = `${panel.id}. ${panel.title}`;
  const color = {
    field: 'version',
    type: 'nominal',
    scale: { domain: ['As published', 'Recomputed'], range: [COLORS.published, COLORS.recomputed] },
    legend: null,
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: single
      ? {
          text: wrappedLines(title, SINGLE.textWidth, chartConfig.title.fontSize, true),
          ...(subtitle.length
            ? { subtitle: wrappedLines(subtitle, SINGLE.textWidth, chartConfig.title.subtitleFontSize) }
            : {}),
        }
      : { text: title, ...(subtitle.length ? { subtitle } : {}) },
    config: chartConfig,
    data: {
      values: bars.map((b, k) => ({
        ...b,
        rank: order.indexOf(b.label),
        ...(single
          ? { ...labels.get(b.label)!, labelRow: bars.findIndex((x) => x.label === b.label) === k }
          : {}),
        shown: b.percent ?? 0,
        end: (b.percent ?? 0) + (b.notReportedPercent ?? 0),
        text: b.percent === null ? 'not printed' : b.text,
      })),
    },
    width: plotWidth,
    // One band per category; with both versions the step is per bar (Vega-Lite's offset step).
    height: { step },
    encoding: {
      // The order of the bars is a field of the data, not a list of labels in the spec: Vega-Lite compiles
      // a sort list into an expression string, where a label with a quote or U+2028 breaks the chart.
      y: {
        field: 'label',
        type: 'nominal',
        sort: { field: 'rank', op: 'min' },
        title: null,
        axis: single ? { labels: false } : { labelLimit: 0 },
      },
      ...(versions.length > 1
        ? { yOffset: { field: 'version', type: 'nominal', sort: versions, scale: { paddingInner: 0.08 } } }
        : {}),
      x: {
        field: 'shown',
        type: 'quantitative',
        scale: { domain: [0, 100] },
        title: 'Patients (%)',
        // A narrow cell of the combined figure gets fewer ticks, so their labels do not crowd.
        axis: { values: plotWidth < 200 ? [0, 50, 100] : [0, 25, 50, 75, 100] },
      },
    },
    layer: [
      {
        // Only where something is not reported: no zero-width segments in the SVG.
        transform: [{ filter: 'datum.end > datum.shown' }],
        mark: { type: 'bar', color: COLORS.notReported },
        encoding: { x2: { field: 'end' }, description: { field: 'notReportedDescription' } },
      },
      {
        mark: { type: 'bar' },
        encoding: {
          color: {
            ...color,
            legend: versions.length > 1 && layout.legend !== false ? { orient: 'top', title: null } : null,
          },
          description: { field: 'description' },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 3, fontSize: chartConfig.text.fontSize, color: '#222' },
        encoding: { text: { field: 'text' }, description: { field: 'description' } },
      },
      // One label per category, centred on its rows (not on each version's bar).
      ...(single
        ? [{ transform: [{ filter: 'datum.labelRow' }], ...withoutOffset(categoryLabelLayer()) }]
        : []),
    ],
  };
}

/** A layer placed on the category's whole band, not on one version's bar within it. */
const withoutOffset = (layer: Record<string, unknown>) => ({
  ...layer,
  encoding: { ...(layer.encoding as Record<string, unknown>), yOffset: null },
});
