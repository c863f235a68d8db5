import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFontWidths, type FontWidths } from './fontMetrics.ts';

const require = createRequire(import.meta.url);
const fontDir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

let widths: { regular: FontWidths; bold: FontWidths } | undefined;

/**
 * Advance widths of the bundled DejaVu Sans (regular and bold), the font every chart is drawn in,
 * read once: chart builders wrap their labels by the width the text will really have.
 */
export function bundledFontWidths(): { regular: FontWidths; bold: FontWidths } {
  widths ??= {
    regular: readFontWidths(join(fontDir, 'DejaVuSans.ttf')),
    bold: readFontWidths(join(fontDir, 'DejaVuSans-Bold.ttf')),
  };
  return widths;
}
