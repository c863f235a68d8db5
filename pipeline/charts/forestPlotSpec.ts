import { chartConfig, COLORS } from './theme.ts';

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

const f2 = (x: number) => (x === Infinity ? '∞' : x === 0 ? '0' : x < 0.005 ? '< 0.01' : x.toFixed(2));

/**
 * Forest plot of hazard ratios: one row per model term (top to bottom as given), the estimate as a square,
 * the 95% CI as a whisker on a log axis, a dashed line at HR = 1, and per row the model, n, events and
 * HR (CI) as text. A limit beyond the axis (unbounded, 0, or outside it) is drawn to the axis edge with an
 * arrow head; a row without an estimate is listed with "no estimate".
 */
export function forestPlotSpec(rows: readonly ForestRow[]): Record<string, unknown> {
  const domain = forestDomain(rows);
  const values = rows.map((r, k) => {
    const key = `${k + 1}. ${r.model === r.term ? r.term : `${r.model}: ${r.term}`}`;
    const clipped = r.ci95 ? r.ci95.map((x) => clamp(x, domain)) : null;
    return {
      key,
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
  const order = values.map((v) => v.key);
  const y = { field: 'key', type: 'nominal', sort: order, title: null, axis: { labelLimit: 0 } };
  const x = {
    type: 'quantitative',
    scale: { type: 'log', domain, clamp: true },
    title: 'Hazard ratio (log scale)',
  };
  const height = Math.max(60, rows.length * 24);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Hazard ratios (Cox regression)',
      subtitle: 'Wald 95% CI; HR > 1: higher hazard of death',
    },
    config: chartConfig,
    data: { values },
    hconcat: [
      {
        width: 320,
        height,
        encoding: { y },
        layer: [
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
        ],
      },
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
