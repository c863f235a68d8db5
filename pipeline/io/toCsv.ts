import { stringify } from 'csv-stringify/sync';

/**
 * A text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return
 * first) gets a leading apostrophe, the OWASP rule against CSV injection. Numbers stay numbers.
 */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export type CsvCell = string | number | boolean | null;

/** Rows → CSV text (UTF-8, CRLF as Excel expects, every text cell neutralised). */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  const safe = rows.map((row) =>
    row.map((cell) =>
      cell === null ? '' : typeof cell === 'string' ? neutralizeFormula(cell) : String(cell),
    ),
  );
  return stringify([header.map(neutralizeFormula), ...safe], { record_delimiter: '\r\n' });
}
