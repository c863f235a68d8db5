import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/**
 * An .xlsx workbook holding a CSV file's cells as a person typing them into Excel would leave them:
 * a cell that is a plain number becomes a number cell, everything else a text cell. For tests only;
 * the data is whatever the (synthetic) CSV holds.
 */
export async function workbookFromCsv(csvPath: string, sheetName = 'Sheet1'): Promise<Buffer> {
  const records = parse(readFileSync(csvPath), { relax_column_count: true }) as string[][];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const record of records) {
    sheet.addRow(
      record.map((cell) => (/^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell === '' ? null : cell)),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
