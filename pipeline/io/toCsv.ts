import { stringify } from 'csv-stringify/sync';
import { stripUnsafeText } from '../parse/unsafeText.ts';
import { contentText, type TextChunks } from './textChunks.ts';

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

/** One CSV record (no line end): every text cell neutralised, quoted where it must be. */
function csvLine(row: readonly CsvCell[]): string {
  let line = '';
  for (let k = 0; k < row.length; k++) {
    const cell = row[k]!;
    const text = cell === null ? '' : typeof cell === 'string' ? neutralizeFormula(cell) : String(cell);
    line += k === 0 ? csvField(text) : `,${csvField(text)}`;
  }
  return line;
}

/**
 * Characters of CSV text gathered before a chunk is handed on: enough that writes stay few (~4,000 for
 * 10^6 rows), few enough that a chunk is an ordinary young object. A chunk of 1 MB went to V8's
 * large-object space, which only a full collection frees: at 10^6 rows they piled up to ~0.6 GB.
 */
const CHUNK_CHARS = 32 * 1024;

/**
 * A CSV table made while it is written: `rowAt(i)` for i < `count` gives each row when its turn
 * comes, so neither the rows nor the text are ever held whole. The same text as `toCsv`.
 */
export function csvChunks(
  header: readonly string[],
  count: number,
  rowAt: (i: number) => readonly CsvCell[],
): TextChunks {
  return {
    *chunks() {
      // Lines gathered and joined once per chunk: one flat string, not a chain of concatenations that
      // the scan below would first have to copy flat.
      let lines = [header.map((h) => csvField(neutralizeFormula(h))).join(',')];
      let chars = lines[0]!.length;
      // Whole lines only: a chunk never splits a surrogate pair, so cleaning it alone is exact. The
      // cells were cleaned when read; this guards against a control character from elsewhere (which
      // Excel and R would choke on).
      const chunk = () => stripUnsafeText(`${lines.join('\r\n')}\r\n`);
      for (let r = 0; r < count; r++) {
        const line = csvLine(rowAt(r));
        lines.push(line);
        chars += line.length + 2;
        if (chars >= CHUNK_CHARS) {
          yield chunk();
          lines = [];
          chars = 0;
        }
      }
      if (lines.length > 0) yield chunk();
    },
  };
}

/** Rows → CSV text (UTF-8, CRLF as Excel expects, every text cell neutralised, no control characters). */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  return contentText(csvChunks(header, rows.length, (r) => rows[r]!));
}
