import { chartConfig, COLORS } from './theme.ts';

/** One bar: a statistic as published or as recomputed. */
export interface PanelBar {
  label: string;
  version: 'As published' | 'Recomputed';
  /** Null when the paper printed no figure for this bar. */
  percent: number | null;
  /** Text next to the bar: "35/49 · 71.4%", or "71.4% of 49" for a published percent. */
  text: string;
  /** Hover text: count, percent, denominator and the patients behind the bar. */
  description: string;
}

/**
 * A Figure-3 style panel: horizontal bars of percent, published and recomputed side by side with
 * a shared category axis, each bar labelled with its count and denominator. Plots aggregated
 * counts only, so the spec stays small whatever the number of patients.
 */
export function barPanelSpec(
  panel: { id: string; title: string },
  bars: readonly PanelBar[],
  subtitle: string,
): Record<string, unknown> {
  // The order of the bars is a field of the data, not a list of labels in the spec: Vega-Lite compiles
  // a sort list into an expression string, where a label with a quote or U+2028 breaks the chart.
  const order = [...new Set(bars.map((b) => b.label))];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${panel.id}. ${panel.title}`, subtitle },
    config: chartConfig,
    data: {
      values: bars.map((b) => ({
        ...b,
        rank: order.indexOf(b.label),
        shown: b.percent ?? 0,
        text: b.percent === null ? 'not printed' : b.text,
      })),
    },
    facet: {
      column: { field: 'version', type: 'nominal', title: null, sort: ['As published', 'Recomputed'] },
    },
    spec: {
      width: 220,
      height: { step: 22 },
      encoding: {
        y: {
          field: 'label',
          type: 'nominal',
          sort: { field: 'rank', op: 'min' },
          title: null,
          axis: { labelLimit: 0 },
        },
        x: { field: 'shown', type: 'quantitative', scale: { domain: [0, 100] }, title: 'Patients (%)' },
      },
      layer: [
        {
          mark: { type: 'bar', height: 16 },
          encoding: {
            color: {
              field: 'version',
              type: 'nominal',
              scale: { domain: ['As published', 'Recomputed'], range: [COLORS.published, COLORS.recomputed] },
              legend: null,
            },
            description: { field: 'description' },
          },
        },
        {
          mark: { type: 'text', align: 'left', dx: 3, fontSize: 10, color: '#222' },
          encoding: { text: { field: 'text' }, description: { field: 'description' } },
        },
      ],
    },
    resolve: { scale: { x: 'shared' } },
  };
}
