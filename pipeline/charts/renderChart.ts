import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { loadVega, loadVegaLite } from './loadVega.ts';
import { CHART_FONT } from './theme.ts';

const require = createRequire(import.meta.url);
const fontDir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
/** Bundled from npm so text renders in PNGs on a machine with no system fonts. */
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => join(fontDir, f));

/** 300 dpi when the chart is printed at its CSS size (96 px per inch). */
export const PNG_SCALE = 300 / 96;

/** SVGs of the specs drawn lately, by spec text; a long-running process (--watch) redraws only what changed. */
const drawn = new Map<string, string>();
/** A few runs' worth of charts (each cohort draws ~10–20), so memory stays bounded however long it runs. */
const DRAWN_LIMIT = 128;

/**
 * Vega-Lite spec → SVG text, rendered headless (no browser, no canvas). The chart libraries are
 * loaded on first use, so a run that stops at its input checks never pays for them. The same spec
 * always draws the same SVG, so a spec drawn before (in --watch, most charts after an edit of a few
 * cells) is taken from memory: layout is ~90% of a re-run.
 */
export async function renderSvg(spec: Record<string, unknown>): Promise<string> {
  const key = JSON.stringify(spec);
  const known = drawn.get(key);
  if (known !== undefined) {
    // Most recently used last, so the oldest is the one dropped.
    drawn.delete(key);
    drawn.set(key, known);
    return known;
  }
  const svg = await drawSvg(spec);
  drawn.set(key, svg);
  if (drawn.size > DRAWN_LIMIT) drawn.delete(drawn.keys().next().value!);
  return svg;
}

async function drawSvg(spec: Record<string, unknown>): Promise<string> {
  const vegaLite = loadVegaLite();
  const vega = loadVega();
  const compiled = vegaLite.compile(spec as unknown as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * SVG text → PNG bytes at 300 dpi with the bundled font only. Rasterised on libuv's thread pool, so
 * PNGs render on the other core while the next chart is laid out.
 */
export async function renderPng(svg: string): Promise<Uint8Array> {
  const { renderAsync } = require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  const image = await renderAsync(svg, {
    fitTo: { mode: 'zoom', value: PNG_SCALE },
    font: {
      loadSystemFonts: false,
      fontFiles: FONT_FILES,
      defaultFontFamily: CHART_FONT,
      sansSerifFamily: CHART_FONT,
    },
    background: 'white',
  });
  return image.asPng();
}
