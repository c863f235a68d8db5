import { stringify } from 'csv-stringify/sync';
import { stripUnsafeText } from '../parse/unsafeText.ts';

/**
 * A text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return
 * first) gets a leading apostrophe, the OWASP rule against CSV injection. Numbers stay numbers.
 */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export type CsvCell = string | number | boolean | null;

/**
 * One field as RFC 4180 wants it. Only a field with a quote, comma or line break needs quoting, so only
 * those go through csv-stringify; every other field is written as it is.
 */
function csvField(text: string): string {
  // quoted_match: with CRLF records csv-stringify leaves a lone \n unquoted, and Excel, R and pandas
  // would then split the row there.
  return /[",\r\n]/.test(text)
    ? stringify([[text]], { record_delimiter: '\r\n', quoted_match: /[\r\n]/ }).slice(0, -2)
    : text;
}

/** Rows → CSV text (UTF-8, CRLF as Excel expects, every text cell neutralised, no control characters). */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  // Line by line, joined once: csv-stringify over every row (and a copy of every row) cost more than
  // the rest of the tidy stage.
  const lines: string[] = new Array(rows.length + 1);
  lines[0] = header.map((h) => csvField(neutralizeFormula(h))).join(',');
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    let line = '';
    for (let k = 0; k < row.length; k++) {
      const cell = row[k]!;
      const text = cell === null ? '' : typeof cell === 'string' ? neutralizeFormula(cell) : String(cell);
      line += k === 0 ? csvField(text) : `,${csvField(text)}`;
    }
    lines[r + 1] = line;
  }
  // One scan of the whole text; the cells were cleaned when read, so this only guards against a
  // control character from elsewhere (which Excel and R would choke on).
  return stripUnsafeText(`${lines.join('\r\n')}\r\n`);
}
