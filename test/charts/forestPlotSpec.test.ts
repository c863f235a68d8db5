import { describe, expect, it } from 'vitest';
import { forestDomain, forestPlotSpec, type ForestRow } from '../../pipeline/charts/forestPlotSpec.ts';
import { renderSvg } from '../../pipeline/drawing/renderChart.ts';
import { fitsOneColumn, svgTexts } from '../helpers/svgText.ts';

// Synthetic hazard ratios: one ordinary, one unbounded above, one with no estimate.
const ROWS: ForestRow[] = [
  { model: 'Age', term: 'Age', hr: 1.12, ci95: [1.01, 1.26], n: 11, events: 7 },
  { model: 'Surgery', term: 'Surgery', hr: 0, ci95: [0, Infinity], n: 11, events: 7 },
  { model: 'IVC', term: 'IVC', hr: null, ci95: null, n: 3, events: 1 },
  { model: 'Age + surgery', term: 'Age', hr: 1.04, ci95: [0.93, 1.16], n: 10, events: 7 },
];
type Datum = Record<string, unknown>;
const values = (spec: Record<string, unknown>) => (spec.data as { values: Datum[] }).values;

describe('forestPlotSpec', () => {
  it('spans the finite estimates with room, always 0.5 to 2 at least, at most 0.01 to 100', () => {
    expect(forestDomain([ROWS[0]!])).toEqual([0.5, 2]);
    expect(forestDomain([{ ...ROWS[0]!, ci95: [0.2, 8] }])).toEqual([0.2 / 1.25, 8 * 1.25]);
    expect(forestDomain([{ ...ROWS[0]!, hr: 5725, ci95: [1e-9, 1e12] }])).toEqual([0.01, 100]);
  });

  it('draws unbounded limits to the axis edge with an arrow, and keeps a row without an estimate', () => {
    const v = values(forestPlotSpec(ROWS));
    expect(v.map((d) => d.key)).toEqual(['1. Age', '2. Surgery', '3. IVC', '4. Age + surgery: Age']);
    expect(v[1]).toMatchObject({ hr: null, lower: 0.5, upper: 2, arrowLeft: 0.5, arrowRight: 2 });
    expect(v[0]).toMatchObject({ hr: 1.12, lower: 1.01, upper: 1.26, arrowLeft: null, arrowRight: null });
    expect(v[2]).toMatchObject({ hr: null, lower: null, text: 'n = 3, 1 event; HR no estimate' });
    expect(v[1]!.text).toBe('n = 11, 7 events; HR 0 (0–∞)');
  });

  it('renders on a log axis with the HR = 1 line', async () => {
    const spec = forestPlotSpec(ROWS);
    const svg = await renderSvg(spec);
    expect(svg).toContain('Hazard ratio (log scale)');
    expect(svg).toContain('4. Age + surgery: Age');
    expect(JSON.stringify(spec)).toContain('"type":"log"');
  });
});

describe('forestPlotSpec at one column (8.5 cm)', () => {
  const rows: ForestRow[] = [
    ...ROWS,
    {
      model: 'Age + surgery + a long synthetic factor',
      term: 'A long synthetic factor (yes vs no)',
      hr: 2.5,
      ci95: [0.4, 15.2],
      n: 10,
      events: 7,
    },
  ];

  it('writes each row as its label, then n and events, then HR, left of a narrower plot, and fits the column', async () => {
    const spec = forestPlotSpec(rows, 'single');
    expect(spec.hconcat).toBeUndefined();
    expect(spec.width).toBe(145);
    const svg = await renderSvg(spec);
    const fit = fitsOneColumn(svg);
    expect(fit.fits, `${fit.width} px wide, smallest text ${fit.smallest} px`).toBe(true);
    expect(fit.smallest).toBeGreaterThanOrEqual(10);
    const texts = svgTexts(svg).map((t) => t.text);
    for (const v of values(forestPlotSpec(rows))) {
      expect(texts, String(v.key)).toContain(v.key);
      // "n = 11, 7 events; HR …" as two texts of lines: the counts, then the estimate.
      const [counts, hr] = String(v.text).split('; ');
      expect(texts).toContain(`${counts} ${hr}`);
    }
    const long = svgTexts(svg).find((t) => t.text.startsWith('5. Age + surgery + a long'))!;
    expect(long.lines.length).toBeGreaterThan(1);
  });

  it('labels the log axis at powers of ten, or at 0.5, 1, 2 when it spans less', async () => {
    // Synthetic: an interval from 0.02 to 60, so the axis spans 0.016–75.
    const wide = await renderSvg(forestPlotSpec([{ ...ROWS[0]!, hr: 1.1, ci95: [0.02, 60] }], 'single'));
    expect(svgTexts(wide).map((t) => t.text)).toEqual(expect.arrayContaining(['0.1', '1', '10']));
    expect(svgTexts(wide).map((t) => t.text)).not.toContain('0.2');
    const narrow = await renderSvg(forestPlotSpec([ROWS[0]!], 'single'));
    expect(svgTexts(narrow).map((t) => t.text)).toEqual(expect.arrayContaining(['0.5', '1', '2']));
  });
});
