// Labels from cohort.json and cells reach Vega as data only: a label with a quote, a backslash, a line
// separator or an attempt to close an expression string renders as text, in the order given.
import { describe, expect, it } from 'vitest';
import { barPanelSpec, type PanelBar } from '../../pipeline/charts/barPanelSpec.ts';
import { renderSvg } from '../../pipeline/charts/renderChart.ts';
import { survivalChartSpec } from '../../pipeline/charts/survivalChartSpec.ts';
import type { SurvivalCurve } from '../../pipeline/summaries/survivalAnalysis.ts';
import { loadVegaLite } from '../../pipeline/charts/loadVega.ts';
import { hasUnsafeText, stripUnsafeText } from '../../pipeline/parse/unsafeText.ts';

const HOSTILE = [
  "'); alert(1); ('",
  'line\u2028separator',
  'back\\slash',
  'double "quote"',
  "it's",
  'zzz last',
  'aaa after it',
];

/** The text of every `<text>` element of an SVG, in document order, entities decoded. */
const texts = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&'),
  );

/** The labels among the SVG's texts, in the order drawn (a line separator is drawn as a space). */
const drawnLabels = (svg: string, labels: readonly string[]) => {
  const shown = labels.map(stripUnsafeText);
  return texts(svg).filter((t) => shown.includes(t));
};

/** Every expression string of the compiled Vega spec (signals, transforms, encodings). */
function expressions(spec: Record<string, unknown>): string[] {
  const found: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (typeof x === 'string' && ['expr', 'update', 'signal', 'test', 'init', 'calculate'].includes(k))
          found.push(x);
        else walk(x);
      }
  };
  walk(loadVegaLite().compile(spec as never).spec);
  return found;
}

describe('chart labels are data, not expression text', () => {
  it('a bar panel renders hostile labels, in their order (not alphabetical)', async () => {
    const bars: PanelBar[] = HOSTILE.flatMap((label, k) =>
      (['As published', 'Recomputed'] as const).map((version) => ({
        label,
        version,
        percent: 10 * (k + 1),
        notReportedPercent: version === 'Recomputed' ? 5 : null,
        text: `${k + 1}/10`,
        description: `${label}: ${version}`,
      })),
    );
    const spec = barPanelSpec({ id: 'A', title: "Title ' \u2028 \\" }, bars, 'subtitle');
    const exprs = expressions(spec);
    expect(exprs.length).toBeGreaterThan(0);
    for (const label of ['alert', 'separator', 'slash', 'quote', "it's", 'zzz', 'aaa'])
      for (const e of exprs) expect(e).not.toContain(label);
    const svg = await renderSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    // The shared category axis is drawn once, in the given order (not sorted by name).
    expect(drawnLabels(svg, HOSTILE)).toEqual(HOSTILE.map(stripUnsafeText));
  });

  it('a survival chart renders hostile group labels in the legend and risk table, in their order', async () => {
    const curve = (shift: number): SurvivalCurve => ({
      n: 3,
      events: 2,
      censored: 1,
      excluded: 0,
      excluded_reasons: [],
      median: { estimate: 5, ci95: [2, null] },
      at: {},
      table: [
        { time: 2 + shift, n_risk: 3, n_event: 1, n_censor: 0, survival: 0.67, se: 0.27, ci95: [0.05, 0.95] },
        { time: 5 + shift, n_risk: 2, n_event: 1, n_censor: 1, survival: 0.33, se: 0.27, ci95: [0.01, 0.77] },
      ],
      risk_table: [
        { time: 0, n_risk: 3 },
        { time: 6, n_risk: 0 },
      ],
    });
    const labels = HOSTILE.slice(0, 4);
    const spec = survivalChartSpec(
      labels.map((label, k) => ({ label, curve: curve(k) })),
      { title: "Survival '); x('", subtitle: ['a\u2028b'], riskTimes: [0, 6], timeUnit: 'months' },
    );
    for (const e of expressions(spec)) for (const label of labels) expect(e).not.toContain(label);
    const svg = await renderSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    // The legend, then the rows of the risk table: the groups in curve order, both times.
    const shown = labels.map(stripUnsafeText);
    expect(drawnLabels(svg, labels)).toEqual([...shown, ...shown]);
  });

  it('SVG from Vega holds no character XML cannot hold, even if the data has one', async () => {
    const svg = await renderSvg({
      data: { values: [{ a: 'SYN\u0001-02\u001b[31m', n: 2 }] },
      mark: 'bar',
      encoding: { y: { field: 'a', type: 'nominal' }, x: { field: 'n', type: 'quantitative' } },
    });
    expect(svg).toContain('SYN-02[31m');
    expect(hasUnsafeText(svg.replace(/[\u2028\u2029]/g, ''))).toBe(false);
  });
});
