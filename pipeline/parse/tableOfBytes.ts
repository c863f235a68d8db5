import { decodeText } from './decodeText.ts';
import { parseCsv, stripUnsafeCells } from './parseCsv.ts';
import { readWorkbook } from './readWorkbook.ts';
import type { ColumnSpec, Finding, RawTable } from '../types.ts';

/** How a table's bytes are read: a CSV, or a sheet of an .xlsx workbook. */
export interface TableOfBytesOptions {
  format: 'csv' | 'xlsx';
  /** The sheet of a workbook (`#Patients`; default the first). */
  sheet?: string;
  /** A file with a header and no row is an error. */
  requireRows?: boolean;
  /** Keep a CSV's rows as the text of their lines, split as they are read (10^6 rows). */
  lazyRows?: boolean;
  /** The columns whose typed cells a workbook reader checks (dates, bare numbers). */
  columns?: readonly ColumnSpec[];
}

/**
 * A table from its file's bytes, as every reader of a user's table reads it: a CSV decoded (BOM,
 * UTF-16, Latin-1) and split; a sheet as readWorkbook gives it, its cells cleaned as a CSV's are (what a
 * report cannot hold is removed, at its cell).
 */
export async function tableOfBytes(
  bytes: Uint8Array,
  file: string,
  sha256: string,
  options: TableOfBytesOptions,
): Promise<{ table: RawTable | null; findings: Finding[] }> {
  const requireRows = options.requireRows === true;
  if (options.format === 'xlsx') {
    const result = await readWorkbook(bytes, file, sha256, {
      sheet: options.sheet,
      requireRows,
      columns: options.columns,
    });
    const table = result.table;
    if (table) {
      const warn = (line: number, column: number, message: string) =>
        result.findings.push({
          file,
          line,
          column,
          severity: 'warning',
          code: 'value.control-character',
          message,
        });
      stripUnsafeCells([table.header], () => table.headerLine, warn);
      stripUnsafeCells(table.rows, (k) => table.lines[k]!, warn);
    }
    return result;
  }
  const decoded = decodeText(bytes, file);
  const result = parseCsv(decoded.text, file, sha256, { requireRows, lazyRows: options.lazyRows === true });
  return { table: result.table, findings: [...decoded.findings, ...result.findings] };
}
