import { describe, expect, it } from 'vitest';
import { barPanelSpec, type PanelBar } from '../../pipeline/charts/barPanelSpec.ts';
import { renderSvg } from '../../pipeline/drawing/renderChart.ts';
import { fitsOneColumn, svgTexts } from '../helpers/svgText.ts';

// Synthetic panel: 3 of 38 had the treatment, it is reported for 7, so 31 are not reported.
const bars: PanelBar[] = [
  {
    label: 'Treated',
    version: 'As published',
    percent: 22.4,
    notReportedPercent: null,
    text: '22.4% of 49',
    description: 'Treated, as published',
  },
  {
    label: 'Treated',
    version: 'Recomputed',
    percent: (3 / 38) * 100,
    notReportedPercent: (31 / 38) * 100,
    text: '3/38 · 7.9% · 3/7',
    description: 'Treated, recomputed',
    notReportedDescription: 'Treated: not reported for 31 of 38 included patients',
  },
  {
    label: 'Untreated',
    version: 'Recomputed',
    percent: 0,
    notReportedPercent: 0,
    text: '0/38 · 0.0%',
    description: 'Untreated, recomputed',
    notReportedDescription: 'Untreated: not reported for 0 of 38 included patients',
  },
];

/** Width of each bar path in the SVG (Vega draws a bar as "M x,y h w v h h -w Z"), by its label. */
const barWidths = (svg: string) =>
  new Map(
    [
      ...svg.matchAll(
        /<path aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="bar"[^>]* d="M[^h]*h([0-9.]+)/g,
      ),
    ].map((m) => [m[1]!, Number(m[2])]),
  );

describe('barPanelSpec', () => {
  it('draws the not-reported share as a segment after the bar, to scale, with its own hover text', async () => {
    const svg = await renderSvg(barPanelSpec({ id: 'E', title: 'Synthetic' }, bars, ['n = 38 (synthetic)']));
    const widths = barWidths(svg);
    const plot = 300; // the panel's plot width: 100%
    expect(widths.get('Treated, recomputed')).toBeCloseTo((plot * 3) / 38, 1);
    // The segment starts where the bar ends and is 31/38 of the axis wide.
    const gap = [...widths].find(([label]) => label.startsWith('Treated: not reported for 31 of 38'));
    expect(gap?.[1]).toBeCloseTo((plot * 31) / 38, 1);
    // Nothing is drawn for a share of zero, and published bars have no segment.
    expect([...widths.keys()].filter((l) => l.includes('not reported'))).toHaveLength(1);
    expect(svg).toContain('3/38 · 7.9% · 3/7');
  });

  it('without published bars (recomputed only) has no grey bars and no legend', async () => {
    const svg = await renderSvg(
      barPanelSpec(
        { id: 'E', title: 'Synthetic' },
        bars.filter((b) => b.version === 'Recomputed'),
        [],
      ),
    );
    expect(svg).not.toContain('As published');
    expect(svg).not.toContain('#9e9e9e');
    expect(svg).toContain('E. Synthetic');
  });
});

describe('barPanelSpec at one column (8.5 cm)', () => {
  // Synthetic: a category label far wider than the label column, and a long subtitle.
  const long = 'Pain (abdominal, flank, back or groin) at presentation, synthetic';
  const wide: PanelBar[] = [{ ...bars[0]!, label: long }, { ...bars[1]!, label: long }, bars[2]!];
  const subtitle = [
    'n = 38 (synthetic)',
    'Pale segment: not reported. Recomputed: count/all included · count/reported',
  ];

  it('wraps long labels onto lines beside a narrower plot, and fits the column with no text under 10 px', async () => {
    const svg = await renderSvg(
      barPanelSpec({ id: 'A', title: 'Synthetic' }, wide, subtitle, { width: 'single' }),
    );
    const fit = fitsOneColumn(svg);
    expect(fit.fits, `${fit.width} px wide, smallest text ${fit.smallest} px`).toBe(true);
    expect(fit.smallest).toBeGreaterThanOrEqual(10);
    const texts = svgTexts(svg);
    const label = texts.filter((t) => t.text === long);
    expect(label).toHaveLength(1); // once per category, not per version
    expect(label[0]!.lines.length).toBeGreaterThan(1);
    expect(texts.filter((t) => t.text === 'Untreated')).toHaveLength(1);
    // The subtitle's long line is wrapped too, every word kept.
    expect(texts.map((t) => t.text).join(' ')).toContain('count/all included · count/reported');
  });

  it('draws the bars to the narrower scale', async () => {
    const svg = await renderSvg(
      barPanelSpec({ id: 'E', title: 'Synthetic' }, bars, ['n = 38'], { width: 'single' }),
    );
    expect(barWidths(svg).get('Treated, recomputed')).toBeCloseTo((170 * 3) / 38, 1);
  });
});
