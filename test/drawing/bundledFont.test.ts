import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUNDLED_FONT_FILES,
  bundledFontWidths,
  fontFilesFor,
  installedFontVersion,
  SUBSET_FONT_DIR,
} from '../../pipeline/drawing/bundledFont.ts';
import { readFontWidths } from '../../pipeline/drawing/fontMetrics.ts';

const require = createRequire(import.meta.url);
const fontPackage = dirname(require.resolve('dejavu-fonts-ttf/package.json'));

describe('bundledFont', () => {
  it('is DejaVu Sans, regular and bold, from the installed dejavu-fonts-ttf', () => {
    expect(BUNDLED_FONT_FILES).toEqual([
      join(fontPackage, 'ttf', 'DejaVuSans.ttf'),
      join(fontPackage, 'ttf', 'DejaVuSans-Bold.ttf'),
    ]);
    for (const file of BUNDLED_FONT_FILES) expect(existsSync(file), file).toBe(true);
    const manifest = JSON.parse(readFileSync(join(fontPackage, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(installedFontVersion()).toBe(manifest.version);
  });

  it('gives the widths of those two files, read once', () => {
    const widths = bundledFontWidths();
    expect(bundledFontWidths()).toBe(widths);
    expect(widths.regular).toEqual(readFontWidths(BUNDLED_FONT_FILES[0]!));
    expect(widths.bold).toEqual(readFontWidths(BUNDLED_FONT_FILES[1]!));
    // Bold is wider: the two were not swapped.
    expect(widths.bold.advance.get(0x61)!).toBeGreaterThan(widths.regular.advance.get(0x61)!);
  });

  it('draws with the full files where no cut-down fonts were built (the sources, an empty folder)', () => {
    expect(SUBSET_FONT_DIR.endsWith(join('drawing', 'fonts') + '/')).toBe(true);
    expect(fontFilesFor('<svg>n = 40</svg>', mkdtempSync(join(tmpdir(), 'casepool-no-fonts-')))).toEqual(
      BUNDLED_FONT_FILES,
    );
  });
});
