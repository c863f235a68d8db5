import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/**
 * An .xlsx workbook with one sheet per CSV file (sheet name → CSV path), holding the cells as a
 * person typing them into Excel would leave them: a cell that is a plain number becomes a number
 * cell, everything else a text cell. For tests only; the data is whatever the (synthetic) CSV holds.
 */
export async function workbookFromCsv(sheets: Record<string, string>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, csvPath] of Object.entries(sheets)) {
    const records = parse(readFileSync(csvPath), { relax_column_count: true }) as string[][];
    const sheet = workbook.addWorksheet(name);
    for (const record of records) {
      sheet.addRow(
        record.map((cell) => (/^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell === '' ? null : cell)),
      );
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
