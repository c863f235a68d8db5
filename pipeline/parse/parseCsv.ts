import { parse } from 'csv-parse/sync';
import type { Finding, RawTable } from '../types.ts';
import { INPUT_LIMITS } from './inputLimits.ts';
import { describeCharacter, hasUnsafeText, stripUnsafeText, unsafeCharacters } from './unsafeText.ts';

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/** Counts each candidate delimiter outside quotes on the first non-blank line (the header). */
export function detectDelimiter(text: string): string {
  const start = text.search(/\S/);
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = Math.max(start, 0); i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c in counts) counts[c]!++;
  }
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ',';
}

interface CsvErrorLike {
  code?: string;
  lines?: number;
  message: string;
}

/** The line on which the last quote that is never closed opens, or null when quotes balance. */
function unclosedQuoteLine(text: string): number | null {
  let line = 1;
  let openedOn: number | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') openedOn = openedOn === null ? line : null;
    else if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
  }
  return openedOn;
}

/** The line on which the quoted cell still open when `line` begins was opened, or null when none is. */
function quoteOpenBefore(text: string, line: number): number | null {
  let current = 1;
  let openedOn: number | null = null;
  for (let i = 0; i < text.length && current < line; i++) {
    const c = text[i];
    if (c === '"') openedOn = openedOn === null ? current : null;
    else if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) current++;
  }
  return openedOn;
}

/**
 * Records of CSV text that holds no quote character (line endings already \n): then every non-empty
 * line is a record and every delimiter a cell boundary, exactly as csv-parse would read it.
 */
export function splitUnquoted(
  text: string,
  delimiter: string,
): Array<{ record: string[]; info: { lines: number } }> {
  const records: Array<{ record: string[]; info: { lines: number } }> = [];
  let line = 0;
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    if (end > start) records.push({ record: text.slice(start, end).split(delimiter), info: { lines: line } });
    start = end + 1;
  }
  return records;
}

const isBlank = (record: string[]) => record.every((cell) => cell.trim() === '');

/** The first line (1-based) longer than `limit` characters, with its length, or null. */
export function firstLongLine(text: string, limit: number): { line: number; length: number } | null {
  let line = 1;
  for (let start = 0; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start > limit) return { line, length: end - start };
    start = end + 1;
  }
  return null;
}

/**
 * Removes, from the cells of `records` (in place), the characters an SVG or HTML page cannot hold,
 * with a warning at each cell that had any. `lineOf(k)` is the line record k starts on.
 */
export function stripUnsafeCells(
  records: string[][],
  lineOf: (k: number) => number,
  warn: (line: number, column: number, message: string) => void,
): void {
  records.forEach((record, k) => {
    let line = lineOf(k);
    record.forEach((cell, c) => {
      if (hasUnsafeText(cell)) {
        const found = unsafeCharacters(cell).slice(0, 3).map(describeCharacter).join(', ');
        warn(
          line,
          c + 1,
          `cell holds the invisible character${found.includes(',') ? 's' : ''} ${found}, which a report cannot show; left out (check the cell in a text editor)`,
        );
        record[c] = stripUnsafeText(cell);
      }
      for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) line++;
    });
  });
}

/**
 * CSV text → header, rows and the line each row starts on. Problems of form (unclosed quote, rows
 * with too many or too few cells, no header, no rows) become findings; nothing throws.
 */
export function parseCsv(
  text: string,
  file: string,
  sha256: string,
  options: { requireRows?: boolean; lazyRows?: boolean } = {},
): { table: RawTable | null; findings: Finding[] } {
  const findings: Finding[] = [];
  const finding = (
    line: number,
    column: number,
    severity: Finding['severity'],
    code: string,
    message: string,
  ) => findings.push({ file, line, column, severity, code, message });
  if (text.trim() === '') {
    finding(0, 0, 'error', 'file.empty', 'file is empty: expected a header row and one row per record');
    return { table: null, findings };
  }
  const delimiter = detectDelimiter(text);
  if (delimiter !== ',') {
    finding(
      1,
      0,
      'info',
      'file.delimiter',
      `file is ${DELIMITER_NAMES[delimiter]}-delimited (as Excel writes it in many locales); read it as such`,
    );
  }
  let records: Array<{ record: string[]; info: { lines: number } }>;
  const quoted = text.includes('"');
  // Line endings are unified first: csv-parse miscounts lines in CRLF files otherwise.
  // (A text without a CR, nearly every one, is kept as it is: the scan costs ~0.1 s at 124 MB.)
  const unified = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  // A runaway line (a file with no line breaks, a binary file) would cost gigabytes to split.
  const long = firstLongLine(unified, INPUT_LIMITS.lineChars);
  if (long) {
    finding(
      long.line,
      0,
      'error',
      'file.line-too-long',
      `line is ${long.length.toLocaleString('en-US')} characters long, more than the ${INPUT_LIMITS.lineChars.toLocaleString('en-US')} a line may have: is this a CSV file with one row per line?`,
    );
    return { table: null, findings };
  }
  // A large quote-free table, with nothing to strip, is kept as its lines, split when they are read.
  if (options.lazyRows && !quoted && !hasUnsafeText(unified))
    return lazyTable(unified, delimiter, file, sha256, options.requireRows !== false, findings);
  try {
    // Naming the record delimiter spares csv-parse its search for one, which costs seconds on a long
    // first line. Text with no quote at all is split directly: the same records, many times faster.
    records = quoted
      ? (parse(unified, {
          delimiter,
          record_delimiter: '\n',
          relax_column_count: true,
          skip_empty_lines: true,
          info: true,
        }) as unknown as Array<{ record: string[]; info: { lines: number } }>)
      : splitUnquoted(unified, delimiter);
  } catch (e) {
    const err = e as CsvErrorLike;
    // A closing quote followed by text on a later line than its opening quote: the cell ran on from
    // a quote left open above (closed by the next cell's opening quote), so the finding points there.
    const runOn =
      err.code === 'CSV_INVALID_CLOSING_QUOTE' && err.lines !== undefined
        ? quoteOpenBefore(text, err.lines)
        : null;
    // csv-parse reports an unclosed quote at the end of the file; the quote itself opens earlier.
    const line = (err.code === 'CSV_QUOTE_NOT_CLOSED' ? unclosedQuoteLine(text) : runOn) ?? err.lines ?? 0;
    const message =
      err.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted cell is opened but never closed: check for a missing closing " in this row or one above it'
        : runOn !== null
          ? `a quoted cell opened here runs on to line ${err.lines}, where its closing " is followed by more text: check for a missing closing " in this cell`
          : err.code === 'CSV_INVALID_CLOSING_QUOTE' || err.code === 'INVALID_OPENING_QUOTE'
            ? 'a " appears inside a cell that is not quoted as a whole: quote the cell and double the inner quotes ("")'
            : `the file is not valid CSV: ${err.message.replace(/^Invalid \w+:\s*/, '')}`;
    finding(line, 0, 'error', 'file.csv-syntax', message);
    return { table: null, findings };
  }
  const data = records.filter((r) => !isBlank(r.record));
  const headerRecord = data[0];
  const headerProblem = headerFinding(headerRecord?.record, headerRecord?.info.lines ?? 0, file);
  if (headerProblem) return { table: null, findings: [...findings, headerProblem] };
  const header = headerRecord!.record.map((h) => h.trim());
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let d = 1; d < data.length; d++) {
    const { record, info } = data[d]!;
    // csv-parse counts the line a record ends on; a record with line breaks in a cell starts earlier.
    // Line breaks inside a record can only be inside quoted cells, so they are counted in the cells
    // (cheaper than asking csv-parse for each record's raw text), and only when there are quotes.
    let breaks = 0;
    if (quoted)
      for (const cell of record) {
        for (let k = cell.indexOf('\n'); k >= 0; k = cell.indexOf('\n', k + 1)) breaks++;
      }
    const line = info.lines - breaks;
    if (record.length !== header.length) {
      findings.push(fieldCountFinding(record.length, header.length, file, line));
      continue;
    }
    rows.push(record);
    lines.push(line);
  }
  // One scan of the whole text first: the cells are only looked at when it has such a character.
  if (hasUnsafeText(unified)) {
    const warn = (line: number, column: number, message: string) =>
      finding(line, column, 'warning', 'value.control-character', message);
    stripUnsafeCells([header], () => headerRecord!.info.lines, warn);
    for (let k = 0; k < header.length; k++) header[k] = header[k]!.trim();
    stripUnsafeCells(rows, (k) => lines[k]!, warn);
  }
  noRowsCheck(rows.length, options.requireRows !== false, headerRecord!.info.lines, file, findings);
  return { table: { file, header, headerLine: headerRecord!.info.lines, rows, lines, sha256 }, findings };
}

/** What is wrong with the header record (none, or too many cells), or null. */
function headerFinding(record: string[] | undefined, line: number, file: string): Finding | null {
  const at = (code: string, message: string): Finding => ({
    file,
    line,
    column: 0,
    severity: 'error',
    code,
    message,
  });
  if (!record) return { ...at('file.empty', 'file has no header row'), line: 0 };
  if (record.length > INPUT_LIMITS.columns)
    return at(
      'header.too-many-columns',
      `header has ${record.length.toLocaleString('en-US')} cells, more than the ${INPUT_LIMITS.columns} a table may have`,
    );
  return null;
}

/** A row with another number of cells than the header: skipped, with this finding. */
function fieldCountFinding(cells: number, headerCells: number, file: string, line: number): Finding {
  const more = cells > headerCells;
  return {
    file,
    line,
    column: more ? headerCells + 1 : cells,
    severity: 'error',
    code: 'row.field-count',
    message: `row has ${cells} cells but the header has ${headerCells}: ${more ? 'a stray delimiter or an unquoted comma' : 'cells are missing'}; the row is skipped`,
  };
}

/** A header and no data rows is an error where rows are required (unless rows were skipped). */
function noRowsCheck(rows: number, required: boolean, headerLine: number, file: string, findings: Finding[]) {
  if (rows === 0 && required && findings.every((f) => f.code !== 'row.field-count')) {
    findings.push({
      file,
      line: headerLine,
      column: 0,
      severity: 'error',
      code: 'file.no-rows',
      message: 'file has a header but no data rows',
    });
  }
}

/** Cells in a line: one more than its delimiters (the text holds no quote). */
function cellCount(line: string, delimiter: string): number {
  let cells = 1;
  for (let k = line.indexOf(delimiter); k >= 0; k = line.indexOf(delimiter, k + 1)) cells++;
  return cells;
}

/**
 * The table of quote-free text with its rows kept as the text of their lines (`unsplit`), each split
 * only when it is read (rawRow): 10^6 rows held as cells are ~19 × 10^6 strings (~0.6 GB at the peak of
 * extract and normalize), as lines one string each, cut from the file's text. The same rows, lines and
 * findings as splitting them here (a record is blank when it holds only delimiters and white space).
 */
function lazyTable(
  unified: string,
  delimiter: string,
  file: string,
  sha256: string,
  requireRows: boolean,
  findings: Finding[],
): { table: RawTable | null; findings: Finding[] } {
  const filled = new RegExp(`[^\\s${delimiter}]`);
  let header: string[] | undefined;
  let headerLine = 0;
  const texts: string[] = [];
  const lines: number[] = [];
  let line = 0;
  for (let start = 0; start <= unified.length;) {
    let end = unified.indexOf('\n', start);
    if (end < 0) end = unified.length;
    line++;
    const text = unified.slice(start, end);
    start = end + 1;
    if (!filled.test(text)) continue;
    if (header === undefined) {
      header = text.split(delimiter);
      headerLine = line;
      const problem = headerFinding(header, line, file);
      if (problem) return { table: null, findings: [...findings, problem] };
      header = header.map((h) => h.trim());
      continue;
    }
    const cells = cellCount(text, delimiter);
    if (cells !== header.length) {
      findings.push(fieldCountFinding(cells, header.length, file, line));
      continue;
    }
    texts.push(text);
    lines.push(line);
  }
  if (header === undefined)
    return { table: null, findings: [...findings, headerFinding(undefined, 0, file)!] };
  noRowsCheck(texts.length, requireRows, headerLine, file, findings);
  return {
    table: { file, header, headerLine, rows: [], unsplit: { texts, delimiter }, lines, sha256 },
    findings,
  };
}
