import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFontWidths, type FontWidths } from './fontMetrics.ts';

const require = createRequire(import.meta.url);
const fontDir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/**
 * DejaVu Sans, regular and bold, bundled from npm so that text renders in PNGs on a machine with no
 * system fonts; Vega measures with the same files (fontMetrics.ts) and resvg draws with them.
 */
export const BUNDLED_FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => join(fontDir, f));

let widths: { regular: FontWidths; bold: FontWidths } | undefined;

/**
 * Advance widths of the bundled DejaVu Sans (regular and bold), the font every chart is drawn in,
 * read once: chart builders wrap their labels by the width the text will really have.
 */
export function bundledFontWidths(): { regular: FontWidths; bold: FontWidths } {
  widths ??= {
    regular: readFontWidths(BUNDLED_FONT_FILES[0]!),
    bold: readFontWidths(BUNDLED_FONT_FILES[1]!),
  };
  return widths;
}
