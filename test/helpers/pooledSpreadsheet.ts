import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';

/** The synthetic spreadsheet of test/fixtures/spreadsheets (README there). */
export const POOLED = 'test/fixtures/spreadsheets/pooled-cases.csv';

/**
 * The fixture as an Excel user keeps it (synthetic): numbers as number cells, the diagnosis dates as
 * date cells, and a header "Treatment" merged over Surgery and Chemo (H1:I1), so Chemo has no header.
 */
export async function pooledWorkbook(): Promise<Buffer> {
  const records = parse(readFileSync(POOLED)) as string[][];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Patients');
  records.forEach((record, r) =>
    sheet.addRow(
      record.map((cell, k) => {
        if (r > 0 && k === 11) return new Date(`${cell}T00:00:00Z`);
        if (r === 0 && k === 7) return 'Treatment';
        if (r === 0 && k === 8) return null;
        return /^\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell === '' ? null : cell;
      }),
    ),
  );
  sheet.mergeCells('H1:I1');
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
