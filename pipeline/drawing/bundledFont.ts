import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFontWidths, type FontWidths } from './fontMetrics.ts';
import { coveredBySubset } from './fontSubset.ts';

const require = createRequire(import.meta.url);
const fontPackage = dirname(require.resolve('dejavu-fonts-ttf/package.json'));
const FONT_NAMES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

/**
 * DejaVu Sans, regular and bold, bundled from npm so that text renders in PNGs on a machine with no
 * system fonts; Vega measures with the same files (fontMetrics.ts) and resvg draws with them.
 */
export const BUNDLED_FONT_FILES = FONT_NAMES.map((f) => join(fontPackage, 'ttf', f));

/**
 * Where the build (scripts/build.mjs) writes the bundled fonts cut down to the common characters
 * (fontSubset.ts): `fonts/` beside this module in dist/, with `source.json` naming the
 * dejavu-fonts-ttf version they were cut from. Running from the sources there is none.
 */
export const SUBSET_FONT_DIR = fileURLToPath(new URL('./fonts/', import.meta.url));

/** What `source.json` of a cut-down font folder records. */
export interface SubsetFontSource {
  package: 'dejavu-fonts-ttf';
  version: string;
}

export const installedFontVersion = (): string =>
  (JSON.parse(readFileSync(join(fontPackage, 'package.json'), 'utf8')) as { version: string }).version;

const usableSubsets = new Map<string, readonly string[] | null>();

/** The cut-down font files in `dir`, when they are there and were cut from the installed fonts. */
function subsetFiles(dir: string): readonly string[] | null {
  let files = usableSubsets.get(dir);
  if (files !== undefined) return files;
  files = null;
  try {
    const source = JSON.parse(readFileSync(join(dir, 'source.json'), 'utf8')) as SubsetFontSource;
    const candidates = FONT_NAMES.map((f) => join(dir, f));
    if (source.version === installedFontVersion() && candidates.every((f) => existsSync(f)))
      files = candidates;
  } catch {
    // No cut-down fonts (sources, or a build without them): the full files draw every chart.
  }
  usableSubsets.set(dir, files);
  return files;
}

/**
 * The font files resvg draws `svg` with: the cut-down ones when the build wrote them and every
 * character of the SVG is one they keep (the same pixels, read ~3 times faster), the full ones
 * otherwise.
 */
export function fontFilesFor(svg: string, subsetDir = SUBSET_FONT_DIR): readonly string[] {
  const subset = subsetFiles(subsetDir);
  return subset && coveredBySubset(svg) ? subset : BUNDLED_FONT_FILES;
}

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
