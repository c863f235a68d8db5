import { describe, expect, it } from 'vitest';
import { WORD_FONT, wordTableDocx } from '../../pipeline/io/docxTables.ts';
import { unzipEntry } from '../helpers/unzipEntry.ts';

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
});
