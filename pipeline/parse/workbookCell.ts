import type { Cell, CellValue } from 'exceljs';
import type { ColumnSpec, Severity } from '../types.ts';

/** What one workbook cell says as text, and what was wrong with it (before the A1 reference is added). */
export interface WorkbookCellReading {
  text: string;
  problems: Array<{ severity: Severity; code: string; message: string }>;
}

/**
 * Column types whose cells are text with a unit: a bare number is accepted, but in a workbook Excel
 * may have produced it from something else (`1,5` becomes 1.5 or 15 depending on the locale), so it
 * is read with a warning.
 */
const TEXT_WITH_UNITS = new Set<ColumnSpec['type']>(['size', 'duration']);

/** A date as Excel shows it in ISO form: the day, and the time of day when there is one. */
function isoDate(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

/**
 * A number with the decimals of its fixed-decimal or percent format (`0.0`, `#,##0.00`, `0.0%`),
 * without thousands separators: the decimals a paper printed (2.0) are kept, and 32.6% stays 32.6%
 * rather than 0.326, as they were typed. Quoted text and colours in the format are ignored; other
 * formats (General, scientific, fractions): the number as stored.
 */
export function displayedNumber(value: number, numFmt: string | undefined): string {
  const section = (numFmt ?? '')
    .split(';')[0]!
    .replace(/\[[^\]]*\]|"[^"]*"|\\./g, '')
    .trim();
  const fixed = /^[#,]*0+(?:\.(0+))?(%?)$/.exec(section);
  if (!fixed) return String(value);
  const decimals = fixed[1]?.length ?? 0;
  const percent = fixed[2] === '%';
  // toPrecision(15): 0.326 * 100 is 32.599999999999994 in binary floating point.
  const shown = percent ? Number((value * 100).toPrecision(15)) : value;
  const padded = shown.toFixed(decimals);
  // A format that rounds (54.5 under `0`) changes only the display: the stored value is what was typed.
  const text = Number(padded) === shown ? padded : String(shown);
  return percent ? `${text}%` : text;
}

/** Text of rich text runs or of a hyperlink's label, whichever the value is. */
function plainText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object' || value instanceof Date) return String(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value) {
    const label = value.text as unknown as CellValue;
    return label === undefined || label === null || label === '' ? value.hyperlink : plainText(label);
  }
  return '';
}

/**
 * One cell's value → the text the CSV parser would have given, for a column of `column`'s type
 * (undefined: a table without column types, such as sources). Excel's own conversions are reported:
 * a date is never turned into a guessed number or text (the cell is left empty: not reported), a
 * number where text with units is expected is kept with a warning, a formula's cached value is used
 * and said so. `name` is the column header, for messages.
 */
export function workbookCell(cell: Cell, name: string, column: ColumnSpec | undefined): WorkbookCellReading {
  const problems: WorkbookCellReading['problems'] = [];
  let value: CellValue = cell.value;
  if (cell.formula !== undefined && cell.formula !== null && cell.formula !== '') {
    const result = cell.result as CellValue;
    if (result === undefined || result === null) {
      problems.push({
        severity: 'warning',
        code: 'cell.formula-no-value',
        message: `${name} is a formula (=${cell.formula}) with no value saved in the file (it was not saved by Excel after calculating); left empty (not reported): open and save it in Excel, or type the value`,
      });
      return { text: '', problems };
    }
    value = result;
    problems.push({
      severity: 'info',
      code: 'cell.formula',
      message: `${name} is a formula (=${cell.formula}); its value as Excel last calculated it is used: ${JSON.stringify(plainText(value instanceof Date ? isoDate(value) : value))}`,
    });
  }
  if (value === null || value === undefined) return { text: '', problems };
  if (value instanceof Date) {
    problems.push({
      severity: 'warning',
      code: 'cell.date',
      message: `${name} is a date in Excel (${isoDate(value)}), not what was typed: Excel turns entries such as 8/3, 3-8 or 10-6 into dates. Left empty (not reported): format the column as Text and type the value again`,
    });
    return { text: '', problems };
  }
  if (typeof value === 'object' && 'error' in value) {
    problems.push({
      severity: 'warning',
      code: 'cell.error',
      message: `${name} shows the Excel error ${value.error}; left empty (not reported)`,
    });
    return { text: '', problems };
  }
  if (typeof value === 'number') {
    const text = displayedNumber(value, cell.numFmt);
    if (column && TEXT_WITH_UNITS.has(column.type)) {
      const unit = column.unit ?? (column.type === 'size' ? 'cm' : 'months');
      problems.push({
        severity: 'warning',
        code: 'cell.number',
        message: `${name} is a number in Excel (${text}), not text, so what was typed may have changed (1,5 becomes 1.5 or 15 depending on the locale); read as ${text} ${unit}: check it against the source, or format the column as Text`,
      });
    }
    return { text, problems };
  }
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', problems };
  return { text: plainText(value), problems };
}
