import { describe, expect, it } from 'vitest';
import { combinedFigureSvg } from '../../pipeline/charts/combinedFigure.ts';
import { barPanelSpec } from '../../pipeline/charts/barPanelSpec.ts';
import { renderSvg } from '../../pipeline/drawing/renderChart.ts';
import { svgSize } from '../../pipeline/charts/printSize.ts';
import { bundledFontWidths } from '../../pipeline/drawing/bundledFont.ts';
import { textWidth } from '../../pipeline/drawing/fontMetrics.ts';

// Synthetic panels: made-up labels and percentages.
const panel = (id: string, title: string, n: number) =>
  renderSvg(
    barPanelSpec(
      { id, title },
      Array.from({ length: n }, (_, i) => ({
        label: `Item ${i + 1}`,
        version: 'Recomputed' as const,
        percent: 10 * (i + 1),
        notReportedPercent: 5,
        text: `${i + 1}/10`,
        description: `synthetic ${i + 1}`,
      })),
      'n = 10 (synthetic)',
    ),
  );

describe('combinedFigureSvg', () => {
  it('stacks the panels in order with their letters, one column, each at its own size', async () => {
    const panels = [
      { id: 'A', svg: await panel('A', 'Symptoms', 3) },
      { id: 'B', svg: await panel('B', 'Extensions', 5) },
      { id: 'C', svg: await panel('C', 'Outcomes', 2) },
    ];
    const combined = combinedFigureSvg(panels, 'Synthetic cohort: panels A–C');
    const titles = [...combined.matchAll(/>([A-C])\. ([A-Za-z]+)</g)].map((m) => `${m[1]}. ${m[2]}`);
    expect(titles).toEqual(['A. Symptoms', 'B. Extensions', 'C. Outcomes']);
    const nested = [...combined.matchAll(/<svg x="(\d+)" y="(\d+)" data-panel="([A-C])"/g)];
    expect(nested.map((m) => m[3])).toEqual(['A', 'B', 'C']);
    // Each panel starts below the one before it: y grows by at least the height of the panel above.
    const heights = panels.map((p) => svgSize(p.svg).height);
    expect(Number(nested[1]![2]) - Number(nested[0]![2])).toBeGreaterThanOrEqual(heights[0]!);
    expect(Number(nested[2]![2]) - Number(nested[1]![2])).toBeGreaterThanOrEqual(heights[1]!);
    const size = svgSize(combined);
    expect(size.width).toBeGreaterThanOrEqual(Math.max(...panels.map((p) => svgSize(p.svg).width)));
    expect(size.height).toBeGreaterThan(heights.reduce((a, b) => a + b, 0));
    expect(combined).toContain('aria-label="Synthetic cohort: panels A–C"');
  });

  it('lays panels out row by row in a grid and writes the shared key once under them', async () => {
    const panels = [
      { id: 'A', svg: await panel('A', 'One', 2) },
      { id: 'B', svg: await panel('B', 'Two', 4) },
      { id: 'C', svg: await panel('C', 'Three', 1) },
    ];
    const combined = combinedFigureSvg(panels, 'grid', { columns: 2, key: ['Pale: not reported.'] });
    const at = Object.fromEntries(
      [...combined.matchAll(/<svg x="(\d+)" y="(\d+)" data-panel="([A-C])"/g)].map((m) => [
        m[3],
        { x: Number(m[1]), y: Number(m[2]) },
      ]),
    );
    // A and B share the first row; C starts the second, under the taller of the two.
    expect(at.A!.y).toBe(at.B!.y);
    expect(at.B!.x).toBeGreaterThanOrEqual(at.A!.x + svgSize(panels[0]!.svg).width);
    expect(at.C!.x).toBe(at.A!.x);
    const firstRow = Math.max(svgSize(panels[0]!.svg).height, svgSize(panels[1]!.svg).height);
    expect(at.C!.y).toBeGreaterThanOrEqual(at.A!.y + firstRow);
    expect(combined.match(/Pale: not reported\./g)).toHaveLength(1);
    const key = Number(/<text x="\d+" y="([0-9.]+)"[^>]*>Pale/.exec(combined)![1]);
    expect(key).toBeGreaterThan(at.C!.y + svgSize(panels[2]!.svg).height);
  });

  it('wraps a key line wider than the panels (one panel a row at 8.5 cm) onto lines inside the figure', async () => {
    const panels = [
      { id: 'A', svg: await panel('A', 'One', 2) },
      { id: 'B', svg: await panel('B', 'Two', 2) },
    ];
    const line =
      'Pale segment: not reported. Recomputed: count/all included · count/reported, and more words to wrap.';
    const combined = combinedFigureSvg(panels, 'one a row', { columns: 1, key: [line] });
    const width = svgSize(combined).width;
    const keyTexts = [...combined.matchAll(/<text x="(\d+)" y="([0-9.]+)"[^>]*>([^<]*)<\/text>/g)];
    expect(keyTexts.length).toBeGreaterThan(1);
    expect(keyTexts.map((m) => m[3]).join(' ')).toBe(line);
    for (const m of keyTexts)
      expect(Number(m[1]) + textWidth(bundledFontWidths().regular, m[3]!, 10)).toBeLessThanOrEqual(width);
    // Each line below the one before, and the figure tall enough for all of them.
    const ys = keyTexts.map((m) => Number(m[2]));
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    expect(svgSize(combined).height).toBeGreaterThan(ys.at(-1)!);
  });
});
