import type { Row, Worksheet } from 'exceljs';
import type { ColumnSpec, Finding, RawTable } from '../types.ts';
import { workbookCell } from './workbookCell.ts';
import { excerpt } from './excerpt.ts';
import { INPUT_LIMITS } from './inputLimits.ts';
import { workbookSizeProblem } from './workbookSize.ts';

export interface ReadWorkbookOptions {
  /** The worksheet to read; absent: the first. */
  sheet?: string;
  /** A table without data rows is an error (cases, sources). Default true, as for CSV. */
  requireRows?: boolean;
  /** Column types by header name (cases); a column not named here is free text. */
  columns?: readonly ColumnSpec[];
}

type CellProblem = Omit<Finding, 'file'>;

// exceljs's ValueType numbers; the enum itself is runtime code, and exceljs is only loaded on use.
const EMPTY = 0;
const MERGED = 1;

/** The worksheet asked for, or a finding that says which ones there are. */
/** A problem with the workbook as a whole (no cell to point at). */
const workbookProblem = (severity: CellProblem['severity'], code: string, message: string): CellProblem => ({
  line: 0,
  column: 0,
  severity,
  code,
  message,
});

function chooseSheet(
  sheets: Worksheet[],
  wanted: string | undefined,
  file: string,
): { sheet: Worksheet | null; problem: CellProblem | null } {
  const names = sheets.map((s) => `"${s.name}"`).join(', ');
  if (wanted === undefined) {
    const sheet = sheets[0] ?? null;
    if (sheet === null)
      return { sheet, problem: workbookProblem('error', 'file.empty', 'workbook has no worksheet') };
    const problem =
      sheets.length > 1
        ? workbookProblem(
            'info',
            'workbook.first-sheet',
            `workbook has sheets ${names}; read the first, "${sheet.name}" (name another in cohort.json as ${file.split(/[\\/]/).pop()}#${sheets[1]!.name})`,
          )
        : null;
    return { sheet, problem };
  }
  const sheet =
    sheets.find((s) => s.name === wanted) ??
    sheets.find((s) => s.name.trim().toLowerCase() === wanted.trim().toLowerCase()) ??
    null;
  if (sheet) return { sheet, problem: null };
  return {
    sheet,
    problem: workbookProblem(
      'error',
      'workbook.no-sheet',
      `workbook has no sheet "${wanted}"; its sheets are ${names}`,
    ),
  };
}

/**
 * Does the row hold anything? Merged-away cells, formatting-only cells and text of spaces do not
 * count, as a CSV line of spaces and delimiters is blank.
 */
const hasValue = (row: Row) => {
  let found = false;
  row.eachCell((cell) => {
    if (cell.type === EMPTY || cell.type === MERGED) return;
    if (typeof cell.value === 'string' && cell.value.trim() === '') return;
    found = true;
  });
  return found;
};

/**
 * One worksheet of an .xlsx workbook → the same RawTable the CSV parser gives: the header is the first
 * row that holds anything, `lines` are the sheet's row numbers and columns its column numbers, so
 * every later finding points at the cell. Excel's conversions of what was typed (dates, numbers,
 * formulas, merged cells) become findings; nothing throws. exceljs is loaded here, on first use, so
 * a run over CSV files does not pay for it.
 */
export async function readWorkbook(
  bytes: Uint8Array,
  file: string,
  sha256: string,
  options: ReadWorkbookOptions = {},
): Promise<{ table: RawTable | null; findings: Finding[] }> {
  const findings: Finding[] = [];
  const note = (p: CellProblem) => findings.push({ file, ...p });
  // Before the reader inflates anything: a small zip can unpack to gigabytes.
  const tooLarge = await workbookSizeProblem(bytes);
  if (tooLarge !== null) {
    note({ line: 0, column: 0, severity: 'error', code: 'file.too-large', message: tooLarge });
    return { table: null, findings };
  }
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    // The zip reader's words, without its pointer to its own documentation.
    const reason = String((e as Error).message)
      .replace(/\s*If it is, see \S+/, '')
      .replace(/[\s.?]+$/, '');
    note({
      line: 0,
      column: 0,
      severity: 'error',
      code: 'file.not-xlsx',
      message: `cannot be read as an Excel workbook (.xlsx): it is damaged or not a workbook (${reason}). Save it from Excel as "Excel Workbook (.xlsx)" or as "CSV UTF-8"`,
    });
    return { table: null, findings };
  }
  const chosen = chooseSheet(workbook.worksheets, options.sheet, file);
  if (chosen.problem) note(chosen.problem);
  const sheet = chosen.sheet;
  if (!sheet) return { table: null, findings };

  // The rows the sheet holds, in order (getRow would make a row for every number up to rowCount).
  const sheetRows: Array<{ row: Row; r: number }> = [];
  sheet.eachRow((row, r) => sheetRows.push({ row, r }));
  const headerAt = sheetRows.findIndex(({ row }) => hasValue(row));
  const headerLine = headerAt < 0 ? 0 : sheetRows[headerAt]!.r;
  if (headerLine === 0) {
    note({
      line: 0,
      column: 0,
      severity: 'error',
      code: 'file.empty',
      message: `sheet "${sheet.name}" is empty: expected a header row and one row per record`,
    });
    return { table: null, findings };
  }
  const headerRow = sheetRows[headerAt]!.row;
  // The header ends at its last cell that holds a value: a stray space in XFD1 would make it 16,384 wide.
  const width = lastColumnWithValue(headerRow);
  if (width > INPUT_LIMITS.columns) {
    note({
      line: headerLine,
      column: 0,
      severity: 'error',
      code: 'header.too-many-columns',
      message: `header has ${width.toLocaleString('en-US')} cells, more than the ${INPUT_LIMITS.columns} a table may have`,
    });
    return { table: null, findings };
  }
  const header: string[] = [];
  const types: Array<ColumnSpec | undefined> = [];
  // Each merged range is reported once, at its top-left cell, the only one that holds its value.
  const merges = new Map<string, string>();
  for (const range of sheet.model.merges ?? []) merges.set(range.split(':')[0]!, range);
  const read = (row: Row, r: number, c: number, name: string, spec: ColumnSpec | undefined) => {
    const cell = row.getCell(c);
    const range = merges.get(cell.address);
    if (range !== undefined) {
      note({
        line: r,
        column: c,
        severity: 'warning',
        code: 'cell.merged',
        message: `cells ${range} are merged: the value belongs to ${cell.address} only, and the other cells are read as empty (not reported); unmerge them and fill each cell`,
      });
    }
    if (cell.type === MERGED) return ''; // a cell merged into another holds no value of its own
    const reading = workbookCell(cell, name, spec);
    for (const p of reading.problems) note({ line: r, column: c, ...p });
    return reading.text;
  };
  for (let c = 1; c <= width; c++) {
    const name = read(headerRow, headerLine, c, `header of column ${c}`, undefined).trim();
    header.push(name);
    types.push(options.columns?.find((spec) => spec.name === name));
  }
  const rows: string[][] = [];
  const lines: number[] = [];
  const hidden: number[] = [];
  for (let k = headerAt + 1; k < sheetRows.length; k++) {
    const { row, r } = sheetRows[k]!;
    if (!hasValue(row)) continue; // blank rows are skipped, as in CSV
    if (row.hidden) hidden.push(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++)
      cells.push(read(row, r, c, header[c - 1] || `column ${c}`, types[c - 1]));
    row.eachCell((cell, c) => {
      if (c > width && cell.type !== EMPTY && cell.type !== MERGED && !isBlankText(cell.value)) {
        note({
          line: r,
          column: c,
          severity: 'warning',
          code: 'cell.outside-header',
          message: `a value right of the last header column (${header.length}) is ignored; give the column a header in row ${headerLine}, or move the value`,
        });
      }
    });
    rows.push(cells);
    lines.push(r);
  }
  if (hidden.length > 0) note(hiddenRowsFinding(hidden, sheet.name));
  if (rows.length === 0 && options.requireRows !== false) {
    note({
      line: headerLine,
      column: 0,
      severity: 'error',
      code: 'file.no-rows',
      message: 'file has a header but no data rows',
    });
  }
  return { table: { file, header, headerLine, rows, lines, sha256, sheet: sheet.name }, findings };
}

/** Text of spaces only (or none), which a CSV reader takes as an empty cell. */
const isBlankText = (value: unknown) => typeof value === 'string' && value.trim() === '';

/** Number of the last column of a row whose cell holds something other than spaces. */
function lastColumnWithValue(row: Row): number {
  let last = 0;
  row.eachCell((cell, c) => {
    if (cell.type !== EMPTY && !isBlankText(cell.value)) last = c;
  });
  return last;
}

/** `5, 9–12, 40`: row numbers as ranges, the first 20 ranges and then how many more rows. */
function rowRanges(rows: readonly number[]): string {
  const ranges: string[] = [];
  let shown = 0;
  for (let k = 0; k < rows.length;) {
    let end = k;
    while (end + 1 < rows.length && rows[end + 1] === rows[end]! + 1) end++;
    if (ranges.length === 20) break;
    ranges.push(end === k ? `${rows[k]}` : `${rows[k]}–${rows[end]}`);
    shown = end + 1;
    k = end + 1;
  }
  return shown < rows.length ? `${ranges.join(', ')} and ${rows.length - shown} more` : ranges.join(', ');
}

/**
 * Rows hidden in Excel (by hand or by a filter) are read like every other row, as a CSV export
 * would have them, but said: someone who filtered the sheet to the patients to pool would otherwise
 * count the others without a word.
 */
function hiddenRowsFinding(rows: readonly number[], sheetName: string): CellProblem {
  const plural = rows.length > 1;
  return {
    line: rows[0]!,
    column: 0,
    severity: 'warning',
    code: 'workbook.hidden-rows',
    message: `${plural ? `${rows.length} rows` : 'a row'} of sheet "${excerpt(sheetName)}" ${plural ? 'are' : 'is'} hidden or filtered out in Excel (row${plural ? 's' : ''} ${rowRanges(rows)}) and ${plural ? 'are' : 'is'} read like every other row: delete ${plural ? 'them' : 'it'} from the sheet, or set include = no with a reason, if ${plural ? 'they' : 'it'} should not count`,
  };
}
