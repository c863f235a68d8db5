// fontMetrics: the advance widths read from the bundled TrueType files, checked against resvg, which
// draws the charts' text from the same files with its own font reader.
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { BUNDLED_FONT_FILES } from '../../pipeline/drawing/bundledFont.ts';
import { fontTables, readFontWidths, textWidth } from '../../pipeline/drawing/fontMetrics.ts';
import { readFileSync } from 'node:fs';

const [REGULAR, BOLD] = BUNDLED_FONT_FILES as [string, string];

/** The width of the ink resvg draws for `text` at 20 px, in the bundled font. */
function inkWidth(text: string, bold: boolean): number {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="3000" height="100"><text x="10" y="50" font-family="DejaVu Sans" font-size="20"${bold ? ' font-weight="bold"' : ''}>${text}</text></svg>`;
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: [...BUNDLED_FONT_FILES], defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.getBBox()!.width;
}

describe('fontMetrics', () => {
  it.each([
    ['Overall survival', false],
    ['Overall survival', true],
    ['middle 123 (%) – n = 40', false],
    ['n = 40, ≥ 50 years', true],
  ])('measures %j (bold: %s) as resvg lays it out', (text, bold) => {
    // Between two letters the ink of the text is its advance width exactly (the outer letters' side
    // bearings cancel out of the difference).
    const advance = inkWidth(`H${text}H`, bold) - inkWidth('HH', bold);
    const widths = readFontWidths(bold ? BOLD : REGULAR);
    expect(textWidth(widths, text, 20)).toBeCloseTo(advance, 6);
  });

  it('leaves out kerning, which only tightens: a kerned text measures a little wider than resvg draws it', () => {
    const text = 'Female, ≥ 50 years';
    const advance = inkWidth(`H${text}H`, true) - inkWidth('HH', true);
    const measured = textWidth(readFontWidths(BOLD), text, 20);
    expect(measured).toBeGreaterThan(advance);
    expect(measured).toBeLessThan(advance * 1.01);
  });

  it('reads the units per em and a missing character as glyph 0’s width', () => {
    const widths = readFontWidths(REGULAR);
    expect(widths.unitsPerEm).toBe(2048);
    // A private-use character the font does not have is as wide as the .notdef glyph.
    expect(textWidth(widths, '\ue000', 2048)).toBe(widths.missing);
    expect(textWidth(widths, '', 11)).toBe(0);
  });

  it('lists the tables of the font file, each inside it', () => {
    const font = readFileSync(REGULAR);
    const tables = fontTables(font);
    for (const name of ['head', 'hhea', 'hmtx', 'cmap', 'glyf', 'loca'])
      expect(tables.has(name), name).toBe(true);
    for (const { offset, length } of tables.values())
      expect(offset + length).toBeLessThanOrEqual(font.length);
  });
});
