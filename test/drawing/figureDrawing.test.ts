// figureDrawing: an analysis's figures drawn once, written at print size, their PNGs and the manifest
// handed over last, and reused from a previous report when nothing they are drawn from changed.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Analysis, AnalysisFigure, AnalysisInput } from '../../pipeline/analyses/analysis.ts';
import { figureDrawing, type FigureSettings } from '../../pipeline/drawing/figureDrawing.ts';
import { FIGURE_MANIFEST, type FigureManifest } from '../../pipeline/drawing/figureReuse.ts';
import { IN_THIS_THREAD, type ChartRenderer } from '../../pipeline/drawing/renderPool.ts';
import { contentText } from '../../pipeline/io/textChunks.ts';
import type { LaterFile, OutputFile, StageContext } from '../../pipeline/stages/context.ts';

/** Draws in this thread and counts what it is asked to draw. */
function countingRenderer() {
  const counts = { layouts: 0, pngs: 0 };
  const renderer: ChartRenderer = {
    layout: (spec) => {
      counts.layouts++;
      return IN_THIS_THREAD.layout(spec);
    },
    png: (svg, options) => {
      counts.pngs++;
      return IN_THIS_THREAD.png(svg, options);
    },
  };
  return { renderer, counts };
}

const bar = (label: string) => ({
  data: { values: [{ a: label, n: 2 }] },
  mark: 'bar',
  encoding: { y: { field: 'a', type: 'nominal' }, x: { field: 'n', type: 'quantitative' } },
});

/** An SVG of our own, 1000 px wide with 8 px text: at 8.5 cm its text prints at 8 × 241/1000 pt. */
const OWN_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="100"><text x="10" y="50" font-size="8">small</text></svg>';

/** A stand-in analysis with one figure of each form: a spec, its own SVG, and one composed of parts. */
const ANALYSIS = {
  id: 'trial',
  title: 'Trial',
  compute: () => ({}),
  section: () => null,
  figures: (): AnalysisFigure[] => [
    { id: 'bars', title: 'Bars', caption: 'Bars.', spec: bar('first') },
    { id: 'own', file: 'own-file', title: 'Own', caption: 'Own.', svg: OWN_SVG },
    {
      id: 'both',
      title: 'Both',
      caption: 'Both.',
      parts: [bar('left'), bar('right')],
      compose: (svgs) =>
        `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="200">${svgs.join('')}</svg>`,
    },
  ],
} as unknown as Analysis<unknown>;

const CONTEXT = {} as StageContext;
const READ = {} as AnalysisInput;

/** Every file a drawing wrote, once its PNGs are done, by path. */
async function filesOf(drawing: ReturnType<typeof figureDrawing>): Promise<Map<string, string | Uint8Array>> {
  const files: Array<OutputFile | LaterFile> = [...drawing.options.files, ...drawing.lastFiles()];
  const done = await Promise.all(
    files.map(async (f) => {
      const content = await f.content;
      return [
        f.path,
        typeof content === 'string' || content instanceof Uint8Array ? content : contentText(content),
      ] as const;
    }),
  );
  return new Map(done);
}

async function drawAll(settings: FigureSettings) {
  const { renderer, counts } = countingRenderer();
  const drawing = figureDrawing({ ...settings, charts: { ...settings.charts, renderer } });
  const figures = await drawing.draw(ANALYSIS, {}, CONTEXT, READ);
  return { drawing, figures, counts, files: await filesOf(drawing) };
}

describe('figureDrawing', () => {
  it("draws an analysis's figures once: asked again, it gives the same promise", () => {
    const drawing = figureDrawing({ png: false, charts: { renderer: countingRenderer().renderer } });
    const first = drawing.draw(ANALYSIS, {}, CONTEXT, READ);
    expect(drawing.draw(ANALYSIS, {}, CONTEXT, READ)).toBe(first);
  });

  it('writes each form: a spec and its layout, an SVG of its own, a composed figure whose parts it records', async () => {
    const { figures, counts, files } = await drawAll({ png: true, figures: { width: 'single', dpi: 150 } });
    expect(figures.map((f) => [f.id, f.files])).toEqual([
      ['bars', { spec: 'specs/bars.vl.json', svg: 'figures/bars.svg', png: 'figures/bars.png' }],
      ['own', { spec: null, svg: 'figures/own-file.svg', png: 'figures/own-file.png' }],
      ['both', { spec: null, svg: 'figures/both.svg', png: 'figures/both.png' }],
    ]);
    // One layout per spec, one PNG per figure.
    expect(counts).toEqual({ layouts: 3, pngs: 3 });
    expect([...files.keys()].sort()).toEqual([
      'figures/bars.png',
      'figures/bars.svg',
      'figures/both.png',
      'figures/both.svg',
      FIGURE_MANIFEST,
      'figures/own-file.png',
      'figures/own-file.svg',
      'specs/bars.vl.json',
    ]);
    expect(JSON.parse(files.get('specs/bars.vl.json') as string)).toEqual(bar('first'));
    // Written at print size: 8.5 cm is 240.94 pt; the page keeps the SVG at screen size.
    expect(files.get('figures/own-file.svg')).toContain('width="240.94pt"');
    expect(figures[1]!.svg).toBe(OWN_SVG);
    const manifest = JSON.parse(files.get(FIGURE_MANIFEST) as string) as FigureManifest;
    expect(Object.keys(manifest.figures)).toEqual(['bars', 'both', 'own-file']);
    expect(manifest.figures['own-file']!.layout).toBeNull();
    expect(manifest.figures.bars!.png).not.toBeNull();
    expect(Object.keys(manifest.parts)).toHaveLength(2);
  }, 60_000);

  it('notes a figure whose smallest text prints under 6 pt, with the remedy at the single column', async () => {
    const single = await drawAll({ png: false, figures: { width: 'single' } });
    const own = single.figures.find((f) => f.id === 'own')!;
    expect(own.sizeNote).toBe(
      'At 8.5 cm wide its smallest text prints at 1.9 pt, under the 6 pt journals ask for: use --figure-width double.',
    );
    expect(own.caption).toBe(`Own. ${own.sizeNote}`);
    expect(single.files.has('figures/own-file.png')).toBe(false);
    const double = await drawAll({ png: false, figures: { width: 'double' } });
    expect(double.figures.find((f) => f.id === 'own')!.sizeNote).toBe(
      'At 17.5 cm wide its smallest text prints at 4.0 pt, under the 6 pt journals ask for.',
    );
  }, 60_000);

  it('reuses every layout and PNG of a previous report drawn from the same, byte for byte', async () => {
    const settings: FigureSettings = { png: true, figures: { width: 'double', dpi: 150 } };
    const first = await drawAll(settings);
    const previous = mkdtempSync(join(tmpdir(), 'casepool-figure-drawing-'));
    for (const [path, content] of first.files) {
      mkdirSync(dirname(join(previous, path)), { recursive: true });
      writeFileSync(join(previous, path), content);
    }
    const again = await drawAll({ ...settings, charts: { previousReport: previous } });
    expect(again.counts).toEqual({ layouts: 0, pngs: 0 });
    expect(again.files).toEqual(first.files);
    // Another dpi: the layouts are reused, every PNG is made again.
    const otherDpi = await drawAll({
      ...settings,
      figures: { dpi: 300 },
      charts: { previousReport: previous },
    });
    expect(otherDpi.counts).toEqual({ layouts: 0, pngs: 3 });
  }, 60_000);
});
