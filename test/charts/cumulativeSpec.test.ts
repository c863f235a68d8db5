import { describe, expect, it } from 'vitest';
import type { CumulativeEntry } from '../../pipeline/analyses/cumulative.ts';
import { cumulativeSpec } from '../../pipeline/charts/cumulativeSpec.ts';
import { renderSvg } from '../../pipeline/drawing/renderChart.ts';
import { fitsOneColumn, svgTexts } from '../helpers/svgText.ts';

/** Synthetic: one more patient a year from 2001 to 2020 (20 years), every second one with the finding. */
const points = Array.from({ length: 20 }, (_, k) => {
  const n = k + 1;
  const numerator = Math.ceil(n / 2);
  return {
    year: 2001 + k,
    n,
    numerator,
    denominator: n,
    percent: (numerator / n) * 100,
    ci95: [0.1, 0.9] as [number, number],
  };
});
const entries: Array<Pick<CumulativeEntry, 'denominator_kind' | 'points'>> = [
  { denominator_kind: 'all', points },
  { denominator_kind: 'reported', points },
];
type View = { width: number; encoding: { x: { axis: { labelAngle: number } } } };
const views = (spec: Record<string, unknown>) => spec.vconcat as View[];

describe('cumulativeSpec', () => {
  it('gives 30 px a year at double width, turning the labels of more than ten years', () => {
    const [plot] = views(cumulativeSpec('Synthetic finding', entries));
    expect(plot!.width).toBe(600);
    expect(plot!.encoding.x.axis.labelAngle).toBe(-45);
  });

  it('at one column caps the plot at 320 px with upright year labels, and fits the column', async () => {
    const label = 'Synthetic finding with a long name that has to wrap';
    const spec = cumulativeSpec(label, entries, 'single');
    const [plot, counts] = views(spec);
    expect(plot!.width).toBe(320);
    expect(counts!.width).toBe(320);
    expect(plot!.encoding.x.axis.labelAngle).toBe(-90);
    const svg = await renderSvg(spec);
    const fit = fitsOneColumn(svg);
    expect(fit.fits, `${fit.width} px wide, smallest text ${fit.smallest} px`).toBe(true);
    const texts = svgTexts(svg);
    const title = texts.find((t) => t.text.startsWith('Cumulative:'))!;
    expect(title.text).toBe(`Cumulative: ${label}`);
    expect(title.lines.length).toBeGreaterThan(1);
    // Every year and every n under the axis is still drawn.
    for (const p of points) expect(texts.map((t) => t.text)).toContain(String(p.year));
    expect(texts.filter((t) => t.text === '20')).not.toHaveLength(0);
  });
});
