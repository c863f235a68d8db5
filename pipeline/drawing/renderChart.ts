import { createRequire } from 'node:module';
import type { TopLevelSpec } from 'vega-lite';
import { stripUnsafeText } from '../parse/unsafeText.ts';
import { chartLibraries, type ChartLibraries } from './loadVega.ts';
import { bundledFontWidths, fontFilesFor } from './bundledFont.ts';
import { textWidth } from './fontMetrics.ts';
import { encodeRgbaPng } from './encodePng.ts';
import { CHART_FONT } from '../charts/theme.ts';

const require = createRequire(import.meta.url);

/** Resolution of the PNGs unless `--dpi` says otherwise. */
export const DEFAULT_DPI = 300;

/** The vega runtimes whose text measuring is the bundled font's already. */
const measuring = new WeakSet<object>();

/**
 * Text widths from the bundled font's own advance widths, so that Vega lays charts out for the text
 * as resvg will draw it. Headless Vega otherwise guesses 0.8 em per character, nearly twice DejaVu
 * Sans's real width, and every long subtitle or label widened the figure (and shrank its text in print).
 * Replaces `vega.textMetrics.width`, which Vega's layout calls for every text (loadVega.ts checks that a
 * runtime has it before it is used).
 */
export function measureWithBundledFont(vega: ChartLibraries['vega']): void {
  if (measuring.has(vega)) return;
  measuring.add(vega);
  const widths = bundledFontWidths();
  const metrics = (vega as unknown as { textMetrics: unknown }).textMetrics as {
    width: (item: { fontSize?: number; fontWeight?: string | number }, text: string) => number;
  };
  metrics.width = (item, text) => {
    const weight = item.fontWeight;
    const bold = weight === 'bold' || (typeof weight === 'number' && weight >= 600) || Number(weight) >= 600;
    return textWidth(bold ? widths.bold : widths.regular, String(text ?? ''), item.fontSize ?? 11);
  };
}

/**
 * SVGs of the specs drawn lately by each layout (this thread's, a pool's), by spec text; a long-running
 * process (--watch) redraws only what changed.
 */
const drawnBy = new WeakMap<LayoutChart, Map<string, Promise<string>>>();
/** A few runs' worth of charts (each cohort draws ~10–20), so memory stays bounded however long it runs. */
const DRAWN_LIMIT = 128;

/** Lays a Vega-Lite spec out to SVG text: in this thread (`drawSvg`) or on a worker (renderPool.ts). */
export type LayoutChart = (spec: Record<string, unknown>) => Promise<string>;

/**
 * Vega-Lite spec → SVG text, rendered headless (no browser, no canvas), by `layout` (default: in this
 * thread). The chart libraries are loaded on first use, so a run that stops at its input checks never
 * pays for them. The same spec always draws the same SVG, so a spec drawn before (in --watch, most
 * charts after an edit of a few cells) is taken from memory: layout is ~90% of a re-run. A drawing
 * still under way is shared too, and one that failed is forgotten (the next run tries again).
 */
export function renderSvg(spec: Record<string, unknown>, layout: LayoutChart = drawSvg): Promise<string> {
  let drawn = drawnBy.get(layout);
  if (!drawn) drawnBy.set(layout, (drawn = new Map()));
  const key = JSON.stringify(spec);
  const known = drawn.get(key);
  if (known !== undefined) {
    // Most recently used last, so the oldest is the one dropped.
    drawn.delete(key);
    drawn.set(key, known);
    return known;
  }
  const svg = layout(spec);
  drawn.set(key, svg);
  svg.catch(() => {
    if (drawn.get(key) === svg) drawn.delete(key);
  });
  if (drawn.size > DRAWN_LIMIT) drawn.delete(drawn.keys().next().value!);
  return svg;
}

/** Vega-Lite spec → SVG text in this thread, without the memory of `renderSvg`. */
export async function drawSvg(spec: Record<string, unknown>): Promise<string> {
  return drawSvgWith(await chartLibraries(), spec);
}

/** The same, with the given chart libraries (a test draws with those an `import()` loads). */
export async function drawSvgWith(libraries: ChartLibraries, spec: Record<string, unknown>): Promise<string> {
  const { vega, vegaLite } = libraries;
  measureWithBundledFont(vega);
  const compiled = vegaLite.compile(spec as unknown as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    // Vega escapes markup but keeps control characters, which make the SVG not well-formed XML (and
    // resvg fail). Cells and cohort.json are cleaned when read; this is the last line of defence.
    return stripUnsafeText(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/**
 * Loads the chart libraries and the font widths now (a worker does at start, before its first chart).
 * A library that fails to load fails the first layout, with its error.
 */
export async function prepareLayout(): Promise<void> {
  measureWithBundledFont((await chartLibraries()).vega);
}

/** How a PNG is rasterised: its resolution, and its pixel width (default: the SVG's size at `dpi`). */
export interface PngOptions {
  dpi?: number;
  widthPx?: number;
}

const resvgOptions = (svg: string, options: PngOptions) => {
  const dpi = options.dpi ?? DEFAULT_DPI;
  return {
    fitTo:
      options.widthPx === undefined
        ? { mode: 'zoom' as const, value: dpi / 96 }
        : { mode: 'width' as const, value: options.widthPx },
    font: {
      loadSystemFonts: false,
      fontFiles: [...fontFilesFor(svg)],
      defaultFontFamily: CHART_FONT,
      sansSerifFamily: CHART_FONT,
    },
    background: 'white',
  };
};

const loadResvg = () => require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');

/**
 * The PNG of a rasterised image. resvg's pixels are premultiplied, which are the straight RGBA a PNG
 * holds because every pixel is opaque (drawn on the white background of `resvgOptions`). Encoded by
 * encodePng.ts, with its resolution (pHYs: without one, Word and image viewers read 72 dpi).
 */
const pngOf = (image: { pixels: Buffer; width: number; height: number }, options: PngOptions) =>
  encodeRgbaPng(image.pixels, image.width, image.height, options.dpi ?? DEFAULT_DPI);

/**
 * SVG text → PNG bytes with the bundled font only, `widthPx` wide (the print width at `dpi`; default:
 * the SVG's CSS size at 96 px per inch, scaled to `dpi`), tagged with its resolution (pHYs). Rasterised
 * on libuv's thread pool, so PNGs render on the other core while the next chart is laid out.
 */
export async function renderPng(svg: string, options: PngOptions = {}): Promise<Uint8Array> {
  return pngOf(await loadResvg().renderAsync(svg, resvgOptions(svg, options)), options);
}

/**
 * The same PNG as `renderPng`, drawn in this thread: for a render worker, whose thread has nothing
 * else to do, so that the PNG encoding (as long as rasterising) is not left to the main thread.
 */
export function renderPngHere(svg: string, options: PngOptions = {}): Uint8Array {
  const { Resvg } = loadResvg();
  return pngOf(new Resvg(svg, resvgOptions(svg, options)).render(), options);
}
