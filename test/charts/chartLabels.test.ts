// Labels from cohort.json and cells reach Vega as data only: a label with a quote, a backslash, a line
// separator or an attempt to close an expression string renders as text, in the order given.
import { describe, expect, it } from 'vitest';
import { barPanelSpec, type PanelBar } from '../../pipeline/charts/barPanelSpec.ts';
import { renderSvg } from '../../pipeline/drawing/renderChart.ts';
import { survivalChartSpec } from '../../pipeline/charts/survivalChartSpec.ts';
import type { SurvivalCurve } from '../../pipeline/analyses/survival/survivalEstimates.ts';
import { chartLibraries } from '../../pipeline/drawing/loadVega.ts';
import { hasUnsafeText, stripUnsafeText } from '../../pipeline/parse/unsafeText.ts';
import { forestPlotSpec } from '../../pipeline/charts/forestPlotSpec.ts';
import { appraisalSummarySpec, trafficLightSpec } from '../../pipeline/charts/appraisalSpecs.ts';
import { svgTexts } from '../helpers/svgText.ts';

const HOSTILE = [
  "'); alert(1); ('",
  'line\u2028separator',
  'back\\slash',
  'double "quote"',
  "it's",
  'zzz last',
  'aaa after it',
];

/** The text of every `<text>` element of an SVG, in document order; a wrapped one's lines joined by spaces. */
const texts = (svg: string) => svgTexts(svg).map((t) => t.text);

/** The labels among the SVG's texts, in the order drawn (a line separator is drawn as a space). */
const drawnLabels = (svg: string, labels: readonly string[]) => {
  const shown = labels.map(stripUnsafeText);
  return texts(svg).filter((t) => shown.includes(t));
};

/** Every expression string of the compiled Vega spec (signals, transforms, encodings). */
async function expressions(spec: Record<string, unknown>): Promise<string[]> {
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
  walk((await chartLibraries()).vegaLite.compile(spec as never).spec);
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
    const exprs = await expressions(spec);
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
    for (const e of await expressions(spec)) for (const label of labels) expect(e).not.toContain(label);
    const svg = await renderSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    // The legend, then the rows of the risk table: the groups in curve order, both times.
    const shown = labels.map(stripUnsafeText);
    expect(drawnLabels(svg, labels)).toEqual([...shown, ...shown]);
  });

  it('a bar panel at one column draws hostile labels as wrapped text from data, once each, in their order', async () => {
    const long = HOSTILE.map((label) => `${label} with enough words to be wrapped onto lines`);
    const bars: PanelBar[] = long.flatMap((label, k) =>
      (['As published', 'Recomputed'] as const).map((version) => ({
        label,
        version,
        percent: 10 * (k + 1),
        notReportedPercent: null,
        text: `${k + 1}/10`,
        description: `${label}: ${version}`,
      })),
    );
    const spec = barPanelSpec({ id: 'A', title: "Title ' \u2028 \\" }, bars, 'subtitle', { width: 'single' });
    for (const e of await expressions(spec))
      for (const label of ['alert', 'separator', 'slash', 'quote', "it's", 'zzz', 'aaa', 'wrapped'])
        expect(e).not.toContain(label);
    const svg = await renderSvg(spec);
    expect(drawnLabels(svg, long)).toEqual(long.map(stripUnsafeText));
    expect(svgTexts(svg).filter((t) => t.lines.length > 1).length).toBeGreaterThanOrEqual(long.length);
  });

  it('a forest plot renders hostile model and term labels in their order, at either width', async () => {
    const rows = HOSTILE.map((label, k) => ({
      model: label,
      term: label,
      hr: 1 + k / 10,
      ci95: [0.5, 3] as [number, number],
      n: 10,
      events: 4,
    }));
    const keys = HOSTILE.map((label, k) => `${k + 1}. ${label}`);
    for (const width of ['double', 'single'] as const) {
      const spec = forestPlotSpec(rows, width);
      for (const e of await expressions(spec)) for (const label of HOSTILE) expect(e).not.toContain(label);
      expect(drawnLabels(await renderSvg(spec), keys), width).toEqual(keys.map(stripUnsafeText));
    }
  });

  it('appraisal charts render hostile item labels and source ids in their order, at either width', async () => {
    const items = HOSTILE.map((label, k) => ({ id: `q${k + 1}`, label }));
    const sources = ['s1', "s'2", 's\\3'].map((source_id) => ({
      source_id,
      answers: Object.fromEntries(items.map((i) => [i.id, 'yes' as const])),
      overall: "include'); x('",
    }));
    const counts = items.map((i) => ({
      ...i,
      yes: 3,
      no: 0,
      unclear: 0,
      not_applicable: 0,
      not_answered: 0,
    }));
    const headings = items.map((i) => `${i.id}. ${i.label}`);
    for (const width of ['double', 'single'] as const) {
      const light = trafficLightSpec("Tool ') x", items, sources, width);
      const summary = appraisalSummarySpec("Tool ') x", counts, 3, width);
      for (const spec of [light, summary])
        for (const e of await expressions(spec))
          for (const text of [...HOSTILE, "s'2", 'include']) expect(e).not.toContain(text);
      // The items as column heads (double) or in the key under the chart (single), and beside the summary's bars.
      expect(drawnLabels(await renderSvg(light), headings), width).toEqual(headings.map(stripUnsafeText));
      expect(drawnLabels(await renderSvg(summary), headings), width).toEqual(headings.map(stripUnsafeText));
      expect(texts(await renderSvg(light))).toEqual(expect.arrayContaining(["s'2", "include'); x('"]));
    }
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
