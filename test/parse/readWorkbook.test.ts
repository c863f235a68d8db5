import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadCohort } from '../../pipeline/config/loadCohort.ts';
import { readWorkbook } from '../../pipeline/parse/readWorkbook.ts';

// Every workbook here is built in the test and holds synthetic values, not patients.
const { columns } = loadCohort('data/adrenal-lms').config!;

async function bytesOf(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A one-sheet workbook whose rows are given cell by cell (null: an empty cell). */
async function workbookOf(rows: ExcelJS.CellValue[][], sheetName = 'Sheet1'): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  rows.forEach((row, r) => row.forEach((value, c) => (sheet.getCell(r + 1, c + 1).value = value)));
  return bytesOf(workbook);
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('readWorkbook', () => {
  it('gives the RawTable the CSV parser gives, with sheet rows as lines', async () => {
    const bytes = await workbookOf([
      [],
      ['case_id', 'age', 'side', 'notes'],
      ['SYN-1', 54, 'R', 'synthetic'],
      [null, '  '],
      ['SYN-2', 61.5, null, { richText: [{ text: 'rich ', font: { bold: true } }, { text: 'text' }] }],
      ['SYN-3', null, { text: 'left', hyperlink: 'https://example.org' }, true],
    ]);
    const { table, findings } = await readWorkbook(bytes, 'cases.xlsx', 'h', { columns });
    expect(findings).toEqual([]);
    expect(table).toEqual({
      file: 'cases.xlsx',
      header: ['case_id', 'age', 'side', 'notes'],
      headerLine: 2,
      rows: [
        ['SYN-1', '54', 'R', 'synthetic'],
        ['SYN-2', '61.5', '', 'rich text'],
        ['SYN-3', '', 'left', 'TRUE'],
      ],
      lines: [3, 5, 6],
      sha256: 'h',
      sheet: 'Sheet1',
    });
  });

  it("reports each kind of Excel's damage at its cell, and never keeps a date as a value", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Patients');
    sheet.addRow(['case_id', 'age', 'size', 'followup', 'notes']);
    // Row 2: a follow-up typed 8/3 became 8 March; a size typed 10x6x11 stays text.
    sheet.addRow(['SYN-1', 54, '10x6x11 cm', utc(2026, 3, 8), 'synthetic']);
    // Row 3: a size typed 1,5 arrived as the number 15; the age is a formula with its cached value.
    sheet.addRow(['SYN-2', { formula: 'B2+1', result: 55 }, 15, '8 mo', 'synthetic']);
    // Row 4: a size typed 10-6 became 10 June; the follow-up is a formula never calculated.
    sheet.addRow(['SYN-3', 40, utc(2026, 6, 10), { formula: 'B4/12' }, 'shared note']);
    // Row 5: the note of row 4 is merged down over row 5; the age shows an Excel error.
    sheet.addRow(['SYN-4', { error: '#N/A' }, '9 cm', 12, null, 'stray']);
    sheet.mergeCells('E4:E5');
    const { table, findings } = await readWorkbook(await bytesOf(workbook), 'x.xlsx', 'h', { columns });
    expect(table!.rows).toEqual([
      ['SYN-1', '54', '10x6x11 cm', '', 'synthetic'],
      ['SYN-2', '55', '15', '8 mo', 'synthetic'],
      ['SYN-3', '40', '', '', 'shared note'],
      ['SYN-4', '', '9 cm', '12', ''],
    ]);
    expect(table!.lines).toEqual([2, 3, 4, 5]);
    const at = (line: number, column: number, severity: string, code: string, message: string) => ({
      file: 'x.xlsx',
      line,
      column,
      severity,
      code,
      message,
    });
    expect(findings).toEqual([
      at(
        2,
        4,
        'warning',
        'cell.date',
        'followup is a date in Excel (2026-03-08), not what was typed: Excel turns entries such as 8/3, 3-8 or 10-6 into dates. Left empty (not reported): format the column as Text and type the value again',
      ),
      at(
        3,
        2,
        'info',
        'cell.formula',
        'age is a formula (=B2+1); its value as Excel last calculated it is used: "55"',
      ),
      at(
        3,
        3,
        'warning',
        'cell.number',
        'size is a number in Excel (15), not text, so what was typed may have changed (1,5 becomes 1.5 or 15 depending on the locale); read as 15 cm: check it against the source, or format the column as Text',
      ),
      at(
        4,
        3,
        'warning',
        'cell.date',
        'size is a date in Excel (2026-06-10), not what was typed: Excel turns entries such as 8/3, 3-8 or 10-6 into dates. Left empty (not reported): format the column as Text and type the value again',
      ),
      at(
        4,
        4,
        'warning',
        'cell.formula-no-value',
        'followup is a formula (=B4/12) with no value saved in the file (it was not saved by Excel after calculating); left empty (not reported): open and save it in Excel, or type the value',
      ),
      at(
        4,
        5,
        'warning',
        'cell.merged',
        'cells E4:E5 are merged: the value belongs to E4 only, and the other cells are read as empty (not reported); unmerge them and fill each cell',
      ),
      at(5, 2, 'warning', 'cell.error', 'age shows the Excel error #N/A; left empty (not reported)'),
      at(
        5,
        4,
        'warning',
        'cell.number',
        'followup is a number in Excel (12), not text, so what was typed may have changed (1,5 becomes 1.5 or 15 depending on the locale); read as 12 months: check it against the source, or format the column as Text',
      ),
      at(
        5,
        6,
        'warning',
        'cell.outside-header',
        'a value right of the last header column (5) is ignored; give the column a header in row 1, or move the value',
      ),
    ]);
  });

  it('reads a number as it is in columns that are not text with units, and dates in any column are damage', async () => {
    const bytes = await workbookOf([
      ['source_id', 'year', 'title'],
      ['syn', 2024, utc(2024, 1, 2)],
    ]);
    const { table, findings } = await readWorkbook(bytes, 'sources.xlsx', 'h');
    expect(table!.rows).toEqual([['syn', '2024', '']]);
    expect(findings.map((f) => [f.line, f.column, f.code])).toEqual([[2, 3, 'cell.date']]);
  });

  it('reads the named sheet, and says which sheets there are when it is missing', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notes').addRow(['free text']);
    const patients = workbook.addWorksheet('Patients');
    patients.addRow(['case_id']);
    patients.addRow(['SYN-1']);
    const bytes = await bytesOf(workbook);

    const named = await readWorkbook(bytes, 'x.xlsx', 'h', { sheet: 'patients' });
    expect(named.findings).toEqual([]);
    expect(named.table!.rows).toEqual([['SYN-1']]);
    expect(named.table!.sheet).toBe('Patients');

    const first = await readWorkbook(bytes, 'x.xlsx', 'h', { requireRows: false });
    expect(first.table!.header).toEqual(['free text']);
    expect(first.findings).toEqual([
      {
        file: 'x.xlsx',
        line: 0,
        column: 0,
        severity: 'info',
        code: 'workbook.first-sheet',
        message:
          'workbook has sheets "Notes", "Patients"; read the first, "Notes" (name another in cohort.json as x.xlsx#Patients)',
      },
    ]);

    const missing = await readWorkbook(bytes, 'x.xlsx', 'h', { sheet: 'Cases' });
    expect(missing.table).toBeNull();
    expect(missing.findings.map((f) => [f.severity, f.code, f.message])).toEqual([
      ['error', 'workbook.no-sheet', 'workbook has no sheet "Cases"; its sheets are "Notes", "Patients"'],
    ]);
  });

  it('reports an empty sheet, a header without rows, and bytes that are not a workbook', async () => {
    const empty = await readWorkbook(await workbookOf([]), 'x.xlsx', 'h');
    expect(empty.findings.map((f) => [f.line, f.severity, f.code])).toEqual([[0, 'error', 'file.empty']]);

    const headerOnly = await readWorkbook(await workbookOf([[], ['case_id']]), 'x.xlsx', 'h');
    expect(headerOnly.findings.map((f) => [f.line, f.severity, f.code])).toEqual([
      [2, 'error', 'file.no-rows'],
    ]);
    const allowed = await readWorkbook(await workbookOf([['case_id']]), 'x.xlsx', 'h', {
      requireRows: false,
    });
    expect(allowed.findings).toEqual([]);

    const csv = await readWorkbook(new TextEncoder().encode('case_id\nSYN-1\n'), 'x.xlsx', 'h');
    expect(csv.table).toBeNull();
    expect(csv.findings).toHaveLength(1);
    expect(csv.findings[0]).toMatchObject({ line: 0, column: 0, severity: 'error', code: 'file.not-xlsx' });
    expect(csv.findings[0]!.message).toMatch(
      /^cannot be read as an Excel workbook \(\.xlsx\): it is damaged or not a workbook \([^)]*zip[^)]*\)\. Save it from Excel as "Excel Workbook \(\.xlsx\)" or as "CSV UTF-8"$/,
    );
  });
});
