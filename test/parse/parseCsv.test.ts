import { describe, expect, it } from 'vitest';
import { decodeText } from '../../pipeline/parse/decodeText.ts';
import { detectDelimiter, parseCsv } from '../../pipeline/parse/parseCsv.ts';
import { hasUnsafeText } from '../../pipeline/parse/unsafeText.ts';
import { rawRow, rawRowCount } from '../../pipeline/parse/rawRows.ts';
import { randomInteger, seededRandom } from '../../pipeline/stats/seededRandom.ts';

const parse = (text: string, options?: { requireRows?: boolean }) =>
  parseCsv(text, 'cases.csv', 'abc123', options);

describe('parseCsv', () => {
  it.each([
    ['LF', 'a,b\n1,2\n3,4\n'],
    ['CRLF', 'a,b\r\n1,2\r\n3,4\r\n'],
    ['CR (old Mac)', 'a,b\r1,2\r3,4\r'],
    ['no final newline', 'a,b\n1,2\n3,4'],
    ['spaces around header names', ' a , b \n1,2\n3,4\n'],
  ])('reads %s: header, rows and the line of each row', (_, text) => {
    expect(parse(text)).toEqual({
      table: {
        file: 'cases.csv',
        header: ['a', 'b'],
        headerLine: 1,
        rows: [
          ['1', '2'],
          ['3', '4'],
        ],
        lines: [2, 3],
        sha256: 'abc123',
      },
      findings: [],
    });
  });

  it('keeps commas, doubled quotes and line breaks inside quoted cells, and gives the line each row starts on', () => {
    const text = 'a,b,c\n1,"x, y",2\n3,"line1\nline2\nline3",4\n5,"say ""hi""",6\n7,8,9\n';
    const { table, findings } = parse(text);
    expect(findings).toEqual([]);
    expect(table?.rows).toEqual([
      ['1', 'x, y', '2'],
      ['3', 'line1\nline2\nline3', '4'],
      ['5', 'say "hi"', '6'],
      ['7', '8', '9'],
    ]);
    expect(table?.lines).toEqual([2, 3, 6, 7]);
  });

  it('counts lines correctly in a CRLF file with a line break inside a quoted cell', () => {
    const { table, findings } = parse('a,b\r\n1,"x\r\ny"\r\n3,4\r\n');
    expect(findings).toEqual([]);
    expect(table?.rows).toEqual([
      ['1', 'x\ny'],
      ['3', '4'],
    ]);
    expect(table?.lines).toEqual([2, 4]);
  });

  it('reads a multi-line quoted cell in the first row after blank lines', () => {
    const { table } = parse('\n\na,b\n\n"x\n\ny",2\n3,4\n');
    expect(table?.rows).toEqual([
      ['x\n\ny', '2'],
      ['3', '4'],
    ]);
    expect(table?.lines).toEqual([5, 8]);
  });

  it('skips blank lines and lines of empty cells, keeping the true line numbers', () => {
    const { table, findings } = parse('\n\na,b\n\n1,2\n   \n,\n3,4\n');
    expect(findings).toEqual([]);
    expect(table?.header).toEqual(['a', 'b']);
    expect(table?.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(table?.lines).toEqual([5, 8]);
  });

  it('reads the text decodeText made of a file with a UTF-8 BOM: the first header name is clean', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('"case_id",age\nA1,54\n')]);
    const { table, findings } = parse(decodeText(bytes, 'cases.csv').text);
    expect(findings).toEqual([]);
    expect(table?.header).toEqual(['case_id', 'age']);
    expect(table?.header[0]).toHaveLength(7);
  });

  it.each([
    ['semicolon', 'a;b\n1,5;2\n', ['a', 'b'], [['1,5', '2']]],
    ['tab', 'a\tb\n1, 2\t3\n', ['a', 'b'], [['1, 2', '3']]],
    ['semicolon', '"a,b";c\n1;2\n', ['a,b', 'c'], [['1', '2']]],
  ])('detects a %s-delimited file and says so in an info finding on line 1', (name, text, header, rows) => {
    const { table, findings } = parse(text);
    expect(table?.header).toEqual(header);
    expect(table?.rows).toEqual(rows);
    expect(findings).toEqual([
      {
        file: 'cases.csv',
        line: 1,
        column: 0,
        severity: 'info',
        code: 'file.delimiter',
        message: `file is ${name}-delimited (as Excel writes it in many locales); read it as such`,
      },
    ]);
  });

  it.each([
    ['opened in the second row, the file ending right after', 'a,b\n1,"x\n', 2],
    ['opened in the third row, more rows below', 'a,b\n1,2\n3,"x\n5,6\n7,8\n9,10\n', 3],
    ['opened in the header', '"a,b\n1,2\n', 1],
    ['after a correctly quoted multi-line cell', 'a,b\n"p\nq",1\n2,"oops\n3,4\n', 4],
    ['in a CRLF file', 'a,b\r\n1,2\r\n3,"x\r\n5,6\r\n', 3],
  ])('reports an unclosed quote %s with the line the quote opens on', (_, text, line) => {
    const { table, findings } = parse(text);
    expect(table).toBeNull();
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      file: 'cases.csv',
      line,
      column: 0,
      severity: 'error',
      code: 'file.csv-syntax',
    });
    expect(findings[0]!.message).toContain('a quoted cell is opened but never closed');
  });

  it('reports a quote inside an unquoted cell with its line', () => {
    const { table, findings } = parse('a,b\n1,2\n3,x"y"\n');
    expect(table).toBeNull();
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 3, severity: 'error', code: 'file.csv-syntax' });
    expect(findings[0]!.message).toContain('quote the cell and double the inner quotes');
  });

  it('skips rows with too few or too many cells, with an error at the line and cell where they go wrong', () => {
    const { table, findings } = parse('a,b,c\n1,2,3\n4,5\n"x\ny",7,8,9\n10,11,12\n');
    expect(table?.rows).toEqual([
      ['1', '2', '3'],
      ['10', '11', '12'],
    ]);
    expect(table?.lines).toEqual([2, 6]);
    expect(findings).toEqual([
      {
        file: 'cases.csv',
        line: 3,
        column: 2,
        severity: 'error',
        code: 'row.field-count',
        message: 'row has 2 cells but the header has 3: cells are missing; the row is skipped',
      },
      {
        file: 'cases.csv',
        line: 4,
        column: 4,
        severity: 'error',
        code: 'row.field-count',
        message:
          'row has 4 cells but the header has 3: a stray delimiter or an unquoted comma; the row is skipped',
      },
    ]);
  });

  it('does not add file.no-rows when every row was skipped for its cell count', () => {
    const { table, findings } = parse('a,b\n1\n');
    expect(table?.rows).toEqual([]);
    expect(findings.map((f) => f.code)).toEqual(['row.field-count']);
  });

  it.each([
    ['a header only', 'a,b\n', 1],
    ['a header after blank lines', '\n\na,b\n\n', 3],
    ['a header followed by blank cells only', 'a,b\n,\n , \n', 1],
  ])('gives file.no-rows for %s, at the header line', (_, text, line) => {
    const { table, findings } = parse(text);
    expect(table).toEqual({
      file: 'cases.csv',
      header: ['a', 'b'],
      headerLine: line,
      rows: [],
      lines: [],
      sha256: 'abc123',
    });
    expect(findings).toEqual([
      {
        file: 'cases.csv',
        line,
        column: 0,
        severity: 'error',
        code: 'file.no-rows',
        message: 'file has a header but no data rows',
      },
    ]);
  });

  it('accepts a header with no rows when rows are not required', () => {
    expect(parse('a,b\n', { requireRows: false })).toEqual({
      table: { file: 'cases.csv', header: ['a', 'b'], headerLine: 1, rows: [], lines: [], sha256: 'abc123' },
      findings: [],
    });
  });

  it.each([
    ['an empty file', ''],
    ['a file of blank lines', '\n\r\n  \n'],
  ])('gives file.empty for %s', (_, text) => {
    expect(parse(text)).toEqual({
      table: null,
      findings: [
        {
          file: 'cases.csv',
          line: 0,
          column: 0,
          severity: 'error',
          code: 'file.empty',
          message: 'file is empty: expected a header row and one row per record',
        },
      ],
    });
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['a,b,c\n1;2;3;4;5\n', ','],
    ['a;b;c\n1,2,3,4,5\n', ';'],
    ['a\tb\n', '\t'],
    ['"x;y;z",b,c\n', ','],
    ['"x,y,z";b\n', ';'],
    ['\n\n  a;b\n', ';'],
    ['single\n1\n', ','],
    ['a,b;c\n', ','],
  ])('%j → %j', (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });
});

describe('parseCsv: blank lines before the header', () => {
  it('records the line the header is on, for header findings', () => {
    const { table } = parseCsv('\n\na,b\n1,2\n', 'f.csv', 'h');
    expect(table!.headerLine).toBe(3);
    expect(table!.lines).toEqual([4]);
  });
});

describe('splitUnquoted: the fast path for text with no quote', () => {
  it('finds exactly the records and lines csv-parse finds, on random quote-free text', async () => {
    const { parse: csvParse } = await import('csv-parse/sync');
    const { splitUnquoted } = await import('../../pipeline/parse/parseCsv.ts');
    const { seededRandom, randomInteger } = await import('../../pipeline/stats/seededRandom.ts');
    const random = seededRandom(7);
    const alphabet = ['a', 'b', ' ', ',', ';', '\t', '\n', '\n', 'é', '×', '1', '.'];
    for (let trial = 0; trial < 500; trial++) {
      const length = randomInteger(random, 0, 80);
      let text = '';
      for (let k = 0; k < length; k++) text += alphabet[randomInteger(random, 0, alphabet.length - 1)];
      for (const delimiter of [',', ';', '\t']) {
        const expected = csvParse(text, {
          delimiter,
          record_delimiter: '\n',
          relax_column_count: true,
          skip_empty_lines: true,
          info: true,
        }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
        const actual = splitUnquoted(text, delimiter);
        expect(
          actual.map((r) => [r.record, r.info.lines]),
          JSON.stringify(text),
        ).toEqual(expected.map((r) => [r.record, r.info.lines]));
      }
    }
  });
});

describe('parseCsv with lazyRows: the rows kept as lines, split when read', () => {
  it('gives the same header, rows, lines and findings as splitting them, on random quote-free text', () => {
    const random = seededRandom(11);
    const alphabet = ['a', 'b', ' ', ',', ';', '\t', '\n', '\n', '\n', 'é', '\u00a0', '1'];
    let lazy = 0;
    for (let trial = 0; trial < 500; trial++) {
      let text = ['x,y,z', 'x;y;z', 'x\ty\tz'][trial % 3]! + '\n';
      const length = randomInteger(random, 0, 80);
      for (let k = 0; k < length; k++) text += alphabet[randomInteger(random, 0, alphabet.length - 1)];
      const split = parseCsv(text, 'f.csv', 'h');
      const lines = parseCsv(text, 'f.csv', 'h', { lazyRows: true });
      expect(lines.findings, JSON.stringify(text)).toEqual(split.findings);
      if (!split.table) {
        expect(lines.table).toBeNull();
        continue;
      }
      const table = lines.table!;
      if (table.unsplit) lazy++;
      expect([table.header, table.headerLine, table.lines]).toEqual([
        split.table.header,
        split.table.headerLine,
        split.table.lines,
      ]);
      const rows = Array.from({ length: rawRowCount(table) }, (_, i) => rawRow(table, i));
      expect(rows, JSON.stringify(text)).toEqual(split.table.rows);
    }
    // The lazy form was the one compared (text with no quote and nothing to strip).
    expect(lazy).toBeGreaterThan(400);
  });

  it('splits text with a quote, or a character to strip, as before', () => {
    expect(parseCsv('a,b\n"1",2\n', 'f.csv', 'h', { lazyRows: true }).table!.unsplit).toBeUndefined();
    const stripped = parseCsv('a,b\n1\u0001,2\n', 'f.csv', 'h', { lazyRows: true });
    expect(stripped.table!.unsplit).toBeUndefined();
    expect(stripped.table!.rows).toEqual([['1', '2']]);
  });
});

describe('parseCsv: characters a report cannot show', () => {
  it('removes them from each cell, with a warning at the cell (line and field)', () => {
    const text =
      'id,notes,x\nA1,ok,1\nA\u00012,"two\nlines \u001b[31mred",2\nA3,"\u2028",3\nA4,x,"a\nb\u007f"\nA5,"p\nq",r\u0001\n';
    const { table, findings } = parse(text);
    expect(table!.rows).toEqual([
      ['A1', 'ok', '1'],
      ['A2', 'two\nlines [31mred', '2'],
      ['A3', ' ', '3'],
      ['A4', 'x', 'a\nb'],
      ['A5', 'p\nq', 'r'],
    ]);
    expect(findings.map((f) => [f.line, f.column, f.severity, f.code])).toEqual([
      [3, 1, 'warning', 'value.control-character'],
      // The escape is on the second line of a quoted cell: the finding names the line the cell starts on.
      [3, 2, 'warning', 'value.control-character'],
      [5, 2, 'warning', 'value.control-character'],
      [6, 3, 'warning', 'value.control-character'],
      // A cell after a two-line cell starts a line later than its row.
      [9, 3, 'warning', 'value.control-character'],
    ]);
    expect(findings[0]!.message).toContain('U+0001 (control character)');
    expect(findings[1]!.message).toContain('U+001B (escape)');
    expect(findings[2]!.message).toContain('U+2028 (line separator)');
    for (const f of findings) expect(hasUnsafeText(f.message)).toBe(false);
  });

  it('cleans header names too, so the column is still recognised', () => {
    const { table, findings } = parse('ca\u0000se_id, b\u0007 \n1,2\n');
    expect(table!.header).toEqual(['case_id', 'b']);
    expect(findings.map((f) => [f.line, f.column, f.code])).toEqual([
      [1, 1, 'value.control-character'],
      [1, 2, 'value.control-character'],
    ]);
  });

  it('leaves text without them alone, tabs and line breaks in cells included', () => {
    const { table, findings } = parse('a,b\n"x\ty","multi\nline"\n');
    expect(findings).toEqual([]);
    expect(table!.rows).toEqual([['x\ty', 'multi\nline']]);
  });
});

describe('parseCsv: size limits', () => {
  it('a line longer than the limit is one error at its line, and no table', async () => {
    const { INPUT_LIMITS } = await import('../../pipeline/parse/inputLimits.ts');
    const text = `a,b\n1,2\n3,${'x'.repeat(INPUT_LIMITS.lineChars)}\n5,6\n`;
    const { table, findings } = parse(text);
    expect(table).toBeNull();
    expect(findings.map((f) => [f.line, f.column, f.severity, f.code])).toEqual([
      [3, 0, 'error', 'file.line-too-long'],
    ]);
    expect(findings[0]!.message.length).toBeLessThan(200);
  });

  it('a line of exactly the limit is read', async () => {
    const { INPUT_LIMITS } = await import('../../pipeline/parse/inputLimits.ts');
    const cell = 'x'.repeat(INPUT_LIMITS.lineChars - 2);
    const { table, findings } = parse(`a,b\n1,${cell}\n`);
    expect(findings).toEqual([]);
    expect(table!.rows[0]![1]!.length).toBe(cell.length);
  });

  it('a header with more cells than the limit is one error, and no table', async () => {
    const { INPUT_LIMITS } = await import('../../pipeline/parse/inputLimits.ts');
    const header = Array.from({ length: INPUT_LIMITS.columns + 1 }, (_, k) => `c${k}`).join(',');
    const { table, findings } = parse(`${header}\n1,2\n`);
    expect(table).toBeNull();
    expect(findings.map((f) => [f.line, f.column, f.code])).toEqual([[1, 0, 'header.too-many-columns']]);
  });
});

describe('firstLongLine', () => {
  it.each<[string, number, { line: number; length: number } | null]>([
    ['ab\ncd\n', 2, null],
    ['ab\ncde\nf', 2, { line: 2, length: 3 }],
    ['abc', 2, { line: 1, length: 3 }],
    ['', 0, null],
    ['a\n\nbcd', 2, { line: 3, length: 3 }],
  ])('%j with limit %d → %j', async (text, limit, expected) => {
    const { firstLongLine } = await import('../../pipeline/parse/parseCsv.ts');
    expect(firstLongLine(text, limit)).toEqual(expected);
  });
});
