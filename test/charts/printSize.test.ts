import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  FIGURE_WIDTHS_CM,
  fontSizes,
  MIN_TEXT_PT,
  pngWidthPx,
  printSize,
  svgAtPrintSize,
  svgSize,
  widestFigurePx,
} from '../../pipeline/charts/printSize.ts';
import { runCohort } from '../../pipeline/run.ts';
import { tempOut } from '../helpers/cohortCopy.ts';

const svg = (width: number, height: number, fonts: number[]) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${fonts
    .map((f) => `<text font-size="${f}px">x</text>`)
    .join('')}</svg>`;

describe('printSize', () => {
  it('shrinks a figure wider than the column to the column, and its text with it', () => {
    // 992 px at 96 px/in would be 744 pt; a 17.5 cm column is 496.06 pt, so everything is halved.
    const size = printSize(svg(992, 400, [10, 12]), 'double');
    expect(size.widthPt).toBeCloseTo((17.5 / 2.54) * 72, 6);
    expect(size.heightPt).toBeCloseTo((400 * size.widthPt) / 992, 6);
    expect(size.minTextPt).toBeCloseTo((10 * size.widthPt) / 992, 6);
    expect(size.minTextPt).toBeLessThan(MIN_TEXT_PT);
  });

  it('reads a figure with more texts than a function call takes arguments (a chart of thousands of rows)', () => {
    const sizes = Array.from({ length: 300_000 }, (_, k) => 11 + (k % 3));
    sizes[123_456] = 9;
    expect(printSize(svg(200, 100, sizes), 'single').minTextPt).toBeCloseTo(9 * 0.75, 6);
  });

  it('prints a figure narrower than the column at its natural size (never enlarged)', () => {
    const size = printSize(svg(200, 100, [10]), 'single');
    expect(size.widthPt).toBeCloseTo(150, 6);
    expect(size.minTextPt).toBeCloseTo(7.5, 6);
  });

  it('knows the widest figure whose smallest text still prints at 6 pt in a column', () => {
    // 8.5 cm = 240.94 pt; 10 px text prints at 6 pt when 10 × 240.94 / width = 6.
    expect(widestFigurePx('single')).toBeCloseTo((10 * 240.94) / 6, 1);
    expect(widestFigurePx('double', 12)).toBeCloseTo((12 * 496.06) / 6, 1);
    for (const width of ['single', 'double'] as const) {
      const widest = widestFigurePx(width);
      expect(printSize(svg(widest, 100, [10]), width).minTextPt).toBeCloseTo(MIN_TEXT_PT, 6);
      expect(printSize(svg(widest + 1, 100, [10]), width).minTextPt).toBeLessThan(MIN_TEXT_PT);
    }
  });

  it('writes the print size in pt on the root element, keeping the viewBox, and sizes the PNG for the dpi', () => {
    const input = svg(992, 400, [10]);
    const size = printSize(input, 'double');
    const out = svgAtPrintSize(input, size);
    expect(out).toMatch(/^<svg[^>]* width="496\.06pt" height="200\.03pt" viewBox="0 0 992 400"/);
    expect(fontSizes(out)).toEqual([10]);
    // 17.5 cm at 300 dpi: 17.5 / 2.54 × 300 = 2066.9 px.
    expect(pngWidthPx(size, 300)).toBe(2067);
    expect(pngWidthPx(size, 600)).toBe(4134);
  });
});

/**
 * Every figure the shipped cohorts produce, at either column width (17.5 cm, the default, and 8.5
 * cm, `--figure-width single`): its smallest text must print at 6 pt or more, as read back from the
 * SVG file written (its pt width against its viewBox), so no caption needs the print-size note.
 */
describe.each([
  ['adrenal-lms', 'double'],
  ['adrenal-lms', 'single'],
  ['spinal-lms', 'double'],
  ['spinal-lms', 'single'],
] as const)('figures of data/%s in print, %s width', (cohort, width) => {
  let dir: string;
  let page: string;
  beforeAll(async () => {
    const result = await runCohort(`data/${cohort}`, tempOut(), { png: false, figures: { width } });
    expect(result.exitCode).toBe(0);
    dir = join(result.outDir, 'figures');
    page = readFileSync(join(result.outDir, 'index.html'), 'utf8');
  }, 120_000);

  it(`has no text under 6 pt at ${FIGURE_WIDTHS_CM[width]} cm, and no figure wider than the column`, () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.svg'));
    expect(files).toContain('figure-combined.svg');
    expect(files.length).toBeGreaterThan(8);
    const columnPt = (FIGURE_WIDTHS_CM[width] / 2.54) * 72;
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      const root = /<svg\b[^>]*>/.exec(text)![0];
      const widthPt = Number(/\swidth="([0-9.]+)pt"/.exec(root)?.[1]);
      const viewWidth = Number(/viewBox="0 0 ([0-9.]+)/.exec(root)?.[1]);
      expect(widthPt, f).toBeLessThanOrEqual(columnPt + 0.01);
      const smallest = Math.min(...fontSizes(text));
      expect((smallest * widthPt) / viewWidth, `${f}: smallest text in pt`).toBeGreaterThanOrEqual(
        MIN_TEXT_PT,
      );
      expect(svgSize(text).width).toBeNaN(); // the root's width is in pt now, not bare pixels
    }
    // So no caption carries the note that a figure prints too small.
    expect(page).not.toContain(`under the ${MIN_TEXT_PT} pt journals ask for`);
  });

  it(`lays the combined figure out ${width === 'single' ? 'one panel' : 'two panels'} a row`, () => {
    const combined = readFileSync(join(dir, 'figure-combined.svg'), 'utf8');
    const xs = [...combined.matchAll(/<svg x="([\d.]+)" y="[\d.]+" data-panel="/g)].map((m) => Number(m[1]));
    expect(xs.length).toBeGreaterThan(4);
    expect(new Set(xs).size).toBe(width === 'single' ? 1 : 2);
  });
});
