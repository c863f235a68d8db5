import type { FigureWidth } from './printSize.ts';
import { chartConfig, COLORS } from './theme.ts';
import { categoryLabelLayer, lineHeight, wrappedLabel } from './wrappedLabels.ts';

export interface ForestRow {
  model: string;
  term: string;
  hr: number | null;
  ci95: [number, number] | null;
  n: number;
  events: number;
}

/** The log axis never spans more than this range, so one unbounded limit cannot squash the rest. */
const AXIS_LIMITS: [number, number] = [0.01, 100];

const clamp = (x: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, x));

/**
 * The x domain: every finite, positive estimate and limit with some room, never narrower than 0.5–2 nor
 * wider than AXIS_LIMITS, so HR = 1 is always on it.
 */
export function forestDomain(rows: readonly ForestRow[]): [number, number] {
  const finite = rows
    .flatMap((r) => [r.hr, ...(r.ci95 ?? [])])
    .filter((x): x is number => x !== null && Number.isFinite(x) && x > 0);
  const lo = Math.min(0.5, ...finite.map((x) => x / 1.25));
  const hi = Math.max(2, ...finite.map((x) => x * 1.25));
  return [clamp(lo, AXIS_LIMITS), clamp(hi, AXIS_LIMITS)];
}

/**
 * One journal column: the plot narrows to 145 px and each row's text moves left of it, the term's
 * label wrapped to 175 px with "n, events" and "HR (CI)" on the lines under it, and the axis is labelled
 * at the powers of ten only.
 */
const SINGLE = { plotWidth: 145, labelWidth: 175 };
const STATS_FONT = 10;

/** Axis labels at one column: the powers of ten on the axis, or 0.5, 1, 2 when it spans less. */
function singleTicks([lo, hi]: readonly [number, number]): number[] {
  const decades = [0.01, 0.1, 1, 10, 100].filter((t) => t >= lo && t <= hi);
  return decades.length >= 3
    ? decades
    : [0.5, 1, 2, ...decades]
        .filter((t, k, all) => t >= lo && t <= hi && all.indexOf(t) === k)
        .sort((a, b) => a - b);
}

/**
 * The lines of a row's text at one column and the shifts that centre the block on its row: the
 * label (11 px), then the statistics (10 px, grey).
 */
function rowText(key: string, stats: string) {
  const label = wrappedLabel(key, SINGLE.labelWidth);
  const statLines = stats
    .split('; ')
    .flatMap((part) => wrappedLabel(part, SINGLE.labelWidth, STATS_FONT).labelLines);
  const labelHeight = label.labelLines.length * lineHeight(11);
  const height = labelHeight + statLines.length * lineHeight(STATS_FONT);
  return {
    labelLines: label.labelLines,
    labelDy: -height / 2 + lineHeight(11) / 2,
    statLines,
    statDy: -height / 2 + labelHeight + lineHeight(STATS_FONT) / 2,
    height,
  };
}

const f2 = (x: number) => (x === Infinity ? '∞' : x === 0 ? '0' : x < 0.005 ? '< 0.01' : x.toFixed(2));

/**
 * Forest plot of hazard ratios: one row per model term (top to bottom as given), the estimate as a square,
 * the 95% CI as a whisker on a log axis, a dashed line at HR = 1, and per row the model, n, events and
 * HR (CI) as text. A limit beyond the axis (unbounded, 0, or outside it) is drawn to the axis edge with an
 * arrow head; a row without an estimate is listed with "no estimate".
 */
export function forestPlotSpec(
  rows: readonly ForestRow[],
  /** The journal column it is laid out for (default double). */
  width: FigureWidth = 'double',
): Record<string, unknown> {
  const domain = forestDomain(rows);
  const values = rows.map((r, k) => {
    const key = `${k + 1}. ${r.model === r.term ? r.term : `${r.model}: ${r.term}`}`;
    const clipped = r.ci95 ? r.ci95.map((x) => clamp(x, domain)) : null;
    return {
      key,
      // The rows' order is a field of the data: a sort list of labels would be compiled into an expression.
      rank: k,
      hr: r.hr !== null && r.hr > 0 && Number.isFinite(r.hr) ? clamp(r.hr, domain) : null,
      lower: clipped?.[0] ?? null,
      upper: clipped?.[1] ?? null,
      arrowLeft: r.ci95 !== null && r.ci95[0] < domain[0] ? domain[0] : null,
      arrowRight: r.ci95 !== null && r.ci95[1] > domain[1] ? domain[1] : null,
      text:
        `n = ${r.n}, ${r.events} ${r.events === 1 ? 'event' : 'events'}; HR ` +
        (r.hr === null || r.ci95 === null
          ? 'no estimate'
          : `${f2(r.hr)} (${f2(r.ci95[0])}–${f2(r.ci95[1])})`),
    };
  });
  const single = width === 'single';
  const y = {
    field: 'key',
    type: 'nominal',
    sort: { field: 'rank', op: 'min' },
    title: null,
    axis: single ? { labels: false } : { labelLimit: 0 },
  };
  const x = {
    type: 'quantitative',
    scale: { type: 'log', domain, clamp: true },
    title: 'Hazard ratio (log scale)',
    ...(single ? { axis: { values: singleTicks(domain) } } : {}),
  };
  const texts = values.map((v) => rowText(v.key, v.text));
  const height = single
    ? { step: Math.max(24, ...texts.map((t) => t.height + 6)) }
    : Math.max(60, rows.length * 24);
  const marks = [
    {
      // Every row, also one without an estimate, so the rows line up with the text beside them.
      mark: { type: 'point', opacity: 0 },
      encoding: { x: { datum: 1, ...x } },
    },
    {
      data: { values: [{ one: 1 }] },
      mark: { type: 'rule', strokeDash: [4, 3], color: '#777' },
      encoding: { x: { field: 'one', ...x }, y: null },
    },
    {
      transform: [{ filter: 'datum.lower !== null' }],
      mark: { type: 'rule', color: COLORS.recomputed, strokeWidth: 1.5 },
      encoding: { x: { field: 'lower', ...x }, x2: { field: 'upper' } },
    },
    {
      transform: [{ filter: 'datum.hr !== null' }],
      mark: { type: 'point', shape: 'square', filled: true, size: 60, color: COLORS.recomputed },
      encoding: {
        x: { field: 'hr', ...x },
        tooltip: [
          { field: 'key', title: 'term' },
          { field: 'text', title: 'HR (95% CI)' },
        ],
      },
    },
    {
      transform: [{ filter: 'datum.arrowLeft !== null' }],
      mark: { type: 'point', shape: 'triangle-left', filled: true, size: 50, color: COLORS.recomputed },
      encoding: { x: { field: 'arrowLeft', ...x } },
    },
    {
      transform: [{ filter: 'datum.arrowRight !== null' }],
      mark: {
        type: 'point',
        shape: 'triangle-right',
        filled: true,
        size: 50,
        color: COLORS.recomputed,
      },
      encoding: { x: { field: 'arrowRight', ...x } },
    },
  ];
  const header = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Hazard ratios (Cox regression)',
      subtitle: single
        ? ['Wald 95% CI', 'HR > 1: higher hazard of death']
        : 'Wald 95% CI; HR > 1: higher hazard of death',
    },
    config: chartConfig,
  };
  if (single)
    return {
      ...header,
      data: { values: values.map((v, k) => ({ ...v, ...texts[k]! })) },
      width: SINGLE.plotWidth,
      height,
      encoding: { y },
      layer: [
        ...marks,
        categoryLabelLayer(),
        {
          mark: {
            type: 'text',
            align: 'right',
            baseline: 'middle',
            dx: -8,
            dy: { expr: 'datum.statDy' },
            fontSize: STATS_FONT,
            lineHeight: lineHeight(STATS_FONT),
            color: '#666',
          },
          encoding: { x: { value: 0 }, text: { field: 'statLines' } },
        },
      ],
    };
  return {
    ...header,
    data: { values },
    hconcat: [
      { width: 320, height, encoding: { y }, layer: marks },
      {
        width: 230,
        height,
        mark: { type: 'text', align: 'left', fontSize: 10, color: '#333' },
        encoding: { y: { ...y, axis: null }, x: { value: 0 }, text: { field: 'text' } },
      },
    ],
    resolve: { scale: { y: 'shared' } },
  };
}
