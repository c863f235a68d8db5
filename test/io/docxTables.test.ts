import { describe, expect, it } from 'vitest';
import { WORD_FONT, wordTableDocx } from '../../pipeline/io/docxTables.ts';
import { unzipEntry, wordTexts } from '../helpers/unzipEntry.ts';

// Synthetic table content.
const TABLE = {
  caption: 'Table 9. A synthetic table. Second sentence.',
  header: ['Characteristic', 'Overall (N = 3)'],
  rows: [
    ['Sex & <gender>', '2 (66.7%)'],
    ['Age', '57 (45–66); 38–73; n = 3'],
  ],
  footnotes: ['IQR, interquartile range.'],
};

describe('wordTableDocx', () => {
  it('writes a real Word table with a caption above, its cells, footnotes and a Word font', async () => {
    const xml = unzipEntry(await wordTableDocx(TABLE), 'word/document.xml');
    expect(xml.match(/<w:tbl>/g)).toHaveLength(1);
    expect(xml.match(/<w:tr>|<w:tr /g)).toHaveLength(3);
    expect(xml.indexOf('Table 9.')).toBeLessThan(xml.indexOf('<w:tbl>'));
    expect(xml.indexOf('IQR, interquartile range.')).toBeGreaterThan(xml.indexOf('</w:tbl>'));
    expect(xml).toContain('Sex &amp; &lt;gender&gt;');
    expect(xml).toContain('57 (45–66); 38–73; n = 3');
    expect(xml).toContain('<w:tblHeader');
    expect(xml).toContain(`w:ascii="${WORD_FONT}"`);
  });

  it('puts a wide table on a landscape page', async () => {
    const xml = unzipEntry(await wordTableDocx({ ...TABLE, landscape: true }), 'word/document.xml');
    expect(xml).toMatch(/w:orient="landscape"/);
  });

  it('has every part a Word document needs, each listed in the content types and linked', () => {
    const docx = wordTableDocx(TABLE);
    const types = unzipEntry(docx, '[Content_Types].xml');
    for (const part of ['/word/document.xml', '/word/styles.xml', '/word/settings.xml', '/docProps/core.xml'])
      expect(types).toContain(`PartName="${part}"`);
    expect(unzipEntry(docx, '_rels/.rels')).toContain('Target="word/document.xml"');
    const rels = unzipEntry(docx, 'word/_rels/document.xml.rels');
    expect(rels).toContain('Target="styles.xml"');
    expect(rels).toContain('Target="settings.xml"');
    // Word 2013 layout, not compatibility mode; the default run in the journal font at 10 pt.
    expect(unzipEntry(docx, 'word/settings.xml')).toContain('w:name="compatibilityMode"');
    expect(unzipEntry(docx, 'word/settings.xml')).toContain('w:val="15"');
    expect(unzipEntry(docx, 'word/styles.xml')).toMatch(
      /<w:rPrDefault><w:rPr><w:rFonts[^>]*Times New Roman[^>]*\/><w:sz w:val="20"\/>/,
    );
  });

  it("sets right-aligned numeric columns, the caption's first sentence in bold, and the column widths of the page", () => {
    const xml = unzipEntry(
      wordTableDocx({ ...TABLE, numericColumns: [1], widths: [3, 1] }),
      'word/document.xml',
    );
    expect(wordTexts(xml).slice(0, 2)).toEqual(['Table 9.', ' A synthetic table. Second sentence.']);
    expect(xml).toMatch(
      /<w:b\/><w:bCs\/><w:sz w:val="22"\/><w:szCs w:val="22"\/><\/w:rPr><w:t xml:space="preserve">Table 9\.<\/w:t>/,
    );
    // A4 portrait less 2 × 2.54 cm: 9026 twentieths of a point, split 3 : 1.
    expect(xml).toContain('<w:gridCol w:w="6769"/><w:gridCol w:w="2256"/>');
    expect(xml.match(/<w:jc w:val="right"\/>/g)).toHaveLength(3);
    expect(wordTexts(xml)).toContain('2 (66.7%)');
  });

  it('keeps its XML well-formed whatever the cells hold: markup escaped, characters XML cannot hold dropped', () => {
    const xml = unzipEntry(
      wordTableDocx({ ...TABLE, rows: [[`a & b < c > "d" 'e'`, 'x\u0001\u0007y\uFFFE\uD800z 😀']] }),
      'word/document.xml',
    );
    expect(wordTexts(xml)).toContain(`a & b < c > "d" 'e'`);
    expect(wordTexts(xml)).toContain('xyz 😀');
    for (const c of ['\u0001', '\u0007', '\uFFFE', '\uD800']) expect(xml.includes(c)).toBe(false);
  });

  it('gives the same file for the same table (no timestamps)', () => {
    expect(Buffer.from(wordTableDocx(TABLE)).equals(Buffer.from(wordTableDocx(TABLE)))).toBe(true);
  });
});
