import { bundledFontWidths } from '../drawing/bundledFont.ts';
import { textWidth } from '../drawing/fontMetrics.ts';
import { widestFigurePx, type FigureWidth } from './printSize.ts';
import { chartConfig, COLORS } from './theme.ts';

/** One bar: a variable, and of how many included patients it is reported. */
export interface CompletenessBar {
  label: string;
  reported: number;
  n: number;
}

const FONT = 10;
const OUTER_PADDING = 5;
const AXIS_GAP = 8;
const widest = (texts: readonly string[]) =>
  Math.max(0, ...texts.map((t) => textWidth(bundledFontWidths().regular, t, FONT)));

/**
 * Completeness per variable: a horizontal bar of the share of included patients for whom it is reported,
 * the not-reported rest pale after it (as the bar panels draw it), "9/36" at the end of each bar; the
 * least complete variable first. All text 10 px, laid out within the widest figure that still prints
 * its text at 6 pt in the column.
 */
export function completenessSpec(
  bars: readonly CompletenessBar[],
  width: FigureWidth = 'double',
): Record<string, unknown> {
  const values = bars.map((b, rank) => ({
    label: b.label,
    rank,
    reported: b.n === 0 ? 0 : (b.reported / b.n) * 100,
    count: `${b.reported}/${b.n}`,
  }));
  const labelWidth = widest(bars.map((b) => b.label));
  const countWidth = widest(values.map((v) => v.count));
  const plot = Math.max(
    80,
    Math.min(400, widestFigurePx(width) - 2 * OUTER_PADDING - labelWidth - AXIS_GAP - countWidth - 12),
  );
  const y = {
    field: 'label',
    type: 'nominal',
    sort: { field: 'rank', op: 'min' },
    title: null,
    axis: { labelFontSize: FONT, ticks: false },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: { ...chartConfig, axis: { ...chartConfig.axis, labelFontSize: FONT, titleFontSize: FONT } },
    data: { values },
    width: plot,
    height: { step: 16 },
    encoding: { y },
    layer: [
      {
        mark: { type: 'bar', color: COLORS.notReported, height: 11 },
        encoding: { x: { datum: 100, type: 'quantitative' }, x2: { datum: 0 } },
      },
      {
        mark: { type: 'bar', color: COLORS.recomputed, height: 11 },
        encoding: {
          x: {
            field: 'reported',
            type: 'quantitative',
            scale: { domain: [0, 100] },
            title: '% of included patients for whom it is reported',
            axis: { values: [0, 25, 50, 75, 100], labelFontSize: FONT, titleFontSize: FONT },
          },
          tooltip: [{ field: 'label' }, { field: 'count', title: 'reported' }],
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: FONT, color: '#333' },
        encoding: { x: { datum: 100, type: 'quantitative' }, text: { field: 'count' } },
      },
    ],
  };
}
