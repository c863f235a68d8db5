/** Look shared by every chart: the bundled font (so PNGs render the same on any machine), quiet axes. */
export const CHART_FONT = 'DejaVu Sans';

export const chartConfig = {
  font: CHART_FONT,
  background: 'white',
  view: { stroke: null },
  // labelLimit 0 = never truncate: headless Vega over-estimates text widths and would cut labels.
  axis: {
    labelFontSize: 11,
    titleFontSize: 11,
    grid: false,
    labelColor: '#333',
    titleColor: '#333',
    labelLimit: 0,
  },
  header: { labelFontSize: 12, titleFontSize: 12, labelFontWeight: 'bold' },
  title: { fontSize: 14, subtitleFontSize: 11, anchor: 'start', subtitleColor: '#555' },
  legend: { labelFontSize: 11, titleFontSize: 11, labelLimit: 0 },
  // The smallest text of any chart: 10 px prints at 6 pt or more on a 17.5 cm column up to ~830 px wide.
  text: { fontSize: 10 },
} as const;

/** Colour-blind-safe pair: published (grey) against recomputed (blue), and curve colours. */
export const COLORS = {
  published: '#9e9e9e',
  recomputed: '#1f6fb2',
  /** The not-reported share after a bar: pale, so it reads as "unknown", not as a count. */
  notReported: '#dde3ea',
  curves: ['#1f6fb2', '#d95f02', '#1b9e77', '#7570b3'],
};

/** Ids in a tooltip are capped: a bar of 100,000 patients must not carry 100,000 ids. */
export function idList(ids: readonly string[], total: number, limit = 12): string {
  if (total === 0) return 'none';
  const shown = ids.slice(0, limit).join(', ');
  return total > Math.min(ids.length, limit)
    ? `${shown} and ${total - Math.min(ids.length, limit)} more`
    : shown;
}
