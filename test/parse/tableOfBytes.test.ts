import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tableOfBytes } from '../../pipeline/parse/tableOfBytes.ts';

// Synthetic tables.
describe('tableOfBytes', () => {
  it('decodes a Latin-1 CSV, keeps rows as lines when asked, and refuses a header with no row', async () => {
    const latin1 = Buffer.from('id,side\nA,gauche\nB,d\xe9j\xe0\n', 'latin1');
    const split = await tableOfBytes(latin1, 't.csv', 'x', { format: 'csv' });
    expect(split.table!.rows).toEqual([
      ['A', 'gauche'],
      ['B', 'déjà'],
    ]);
    const lazy = await tableOfBytes(latin1, 't.csv', 'x', { format: 'csv', lazyRows: true });
    expect(lazy.table!.unsplit?.texts).toEqual(['A,gauche', 'B,déjà']);
    const empty = await tableOfBytes(Buffer.from('id,side\n'), 't.csv', 'x', {
      format: 'csv',
      requireRows: true,
    });
    expect(empty.findings.map((f) => f.severity)).toContain('error');
  });

  it('reads the named sheet of a workbook and cleans a cell a report cannot hold (a right-to-left override), at its cell', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Other').addRow(['x']);
    const sheet = workbook.addWorksheet('Patients');
    sheet.addRow(['id', 'note']);
    sheet.addRow(['A', 'bell\u202ehere']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const read = await tableOfBytes(bytes, 'cases.xlsx', 'x', { format: 'xlsx', sheet: 'Patients' });
    expect(read.table!.rows).toEqual([['A', 'bellhere']]);
    const cleaned = read.findings.filter((f) => f.code === 'value.control-character');
    expect(cleaned.map((f) => [f.line, f.column, f.severity])).toEqual([[2, 2, 'warning']]);
  });
});
