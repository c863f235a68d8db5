import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ByteBuffer } from '../../pipeline/io/byteBuffer.ts';
import {
  csvChunks,
  csvFieldText,
  csvTable,
  neutralizeFormula,
  toCsv,
  writeCell,
  writeNumberCell,
  writeTextCell,
  type CsvCell,
} from '../../pipeline/io/toCsv.ts';
import { contentText } from '../../pipeline/io/textChunks.ts';
import { AWKWARD_TEXTS } from '../helpers/awkwardTexts.ts';

describe('toCsv', () => {
  it.each([
    ['a line break', 'first line\nsecond line'],
    ['a Windows line break', 'first\r\nsecond'],
    ['a lone carriage return', 'a\rb'],
    ['quotes and commas', 'said "no", twice'],
    ['nothing special', 'plain'],
  ])('round-trips a cell with %s, keeping the row whole', (_, cell) => {
    const text = toCsv(
      ['case_id', 'notes'],
      [
        ['A-1', cell],
        ['A-2', 'x'],
      ],
    );
    // Every record ends with CRLF and nothing else breaks a line outside quotes: readers that split
    // on any line break (Excel, R, pandas) see the same rows as csv-parse.
    const outside = text.replace(/"(?:[^"]|"")*"/g, '');
    expect(outside.split(/\r\n|\n|\r/).filter(Boolean)).toHaveLength(3);
    expect(parse(text, { columns: true })).toEqual([
      { case_id: 'A-1', notes: cell },
      { case_id: 'A-2', notes: 'x' },
    ]);
  });

  it('writes CRLF records, empty cells for null, numbers as numbers', () => {
    expect(toCsv(['a', 'b', 'c'], [[null, 3.5, true]])).toBe('a,b,c\r\n,3.5,true\r\n');
  });

  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+1', "'+1"],
    ['-cmd', "'-cmd"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\tx', "'\tx"],
    ['plain', 'plain'],
  ])('neutralises a formula-like cell %j', (cell, safe) => {
    expect(neutralizeFormula(cell)).toBe(safe);
    expect(parse(toCsv(['v'], [[cell]]), { columns: true })).toEqual([{ v: safe }]);
  });

  it('leaves numbers alone, even negative ones', () => {
    expect(toCsv(['v'], [[-5]])).toBe('v\r\n-5\r\n');
  });

  it('writes no control character, lone surrogate or line separator, whatever it is given', () => {
    const csv = toCsv(['id\u0000'], [['SYN\u0001-02'], ['a\u2028b\ud800'], ['tab\tkept']]);
    expect(csv).toBe('id\r\nSYN-02\r\na b\r\n"tab\tkept"\r\n'.replace('"tab\tkept"', 'tab\tkept'));
  });
});

describe('csvChunks', () => {
  // Synthetic rows, long enough that the text is handed on in several chunks.
  const header = ['case_id', 'note', 'n'];
  const rows = Array.from({ length: 80_000 }, (_, i) => [
    `X${i}`,
    i % 7 === 0 ? `=cmd "${i}", \u{1F600} long note ${'x'.repeat(i % 50)}` : null,
    i * 0.5,
  ]);

  it('gives the same text as toCsv, in whole lines, however often it is read', () => {
    const lazy = csvChunks(header, rows.length, (i) => rows[i]!);
    const chunks = [...lazy.chunks()];
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.endsWith('\r\n')).toBe(true);
    expect(chunks.join('')).toBe(toCsv(header, rows));
    expect(contentText(lazy)).toBe(chunks.join(''));
  });

  it('asks for each row only when its turn comes', () => {
    const asked: number[] = [];
    const lazy = csvChunks(header, 3, (i) => {
      asked.push(i);
      return rows[i]!;
    });
    expect(asked).toEqual([]);
    expect(contentText(lazy).split('\r\n')).toHaveLength(5);
    expect(asked).toEqual([0, 1, 2]);
  });
});

const bytesOf = (write: (out: ByteBuffer) => void) => {
  const out = new ByteBuffer(2);
  write(out);
  return new TextDecoder().decode(out.view());
};

describe('writeTextCell and writeNumberCell (the fast paths)', () => {
  it.each(AWKWARD_TEXTS.map((t) => [t]))('write the field the rule gives for %j', (text) => {
    expect(bytesOf((out) => writeTextCell(out, text))).toBe(csvFieldText(text));
    expect(bytesOf((out) => writeCell(out, text))).toBe(csvFieldText(text));
  });

  it('writes a text after what is already there, growing as needed', () => {
    expect(
      bytesOf((out) => {
        writeTextCell(out, 'abc');
        writeTextCell(out, 'x,y');
        writeTextCell(out, '-z');
      }),
    ).toBe('abc"x,y"\'-z');
  });

  it.each([
    0,
    -0,
    1,
    7,
    10,
    99,
    100,
    123456789,
    -5,
    -2147483647,
    -2147483648,
    2147483647,
    2147483648,
    0.5,
    -0.25,
    12.1,
    0.1 + 0.2,
    1e21,
    1e-7,
    12 / 30.4375,
    Number.MAX_SAFE_INTEGER,
    NaN,
    Infinity,
    -Infinity,
  ])('writes the number %d as String() does, never neutralised', (x) => {
    expect(bytesOf((out) => writeNumberCell(out, x))).toBe(String(x));
    expect(bytesOf((out) => writeCell(out, x))).toBe(csvFieldText(x));
  });

  it('writes booleans as true and false, null as nothing', () => {
    const cells: CsvCell[] = [true, false, null];
    expect(cells.map((c) => bytesOf((out) => writeCell(out, c)))).toEqual(['true', 'false', '']);
  });
});

describe('csvTable', () => {
  it('gives the same text as bytes and as chunks, with the header and CRLF records', () => {
    const table = csvTable(['a', '=b'], 3, (out, r) => writeTextCell(out, `r${r}`));
    let fromBytes = '';
    for (const chunk of table.bytes!()) fromBytes += new TextDecoder().decode(chunk);
    expect(fromBytes).toBe("a,'=b\r\nr0\r\nr1\r\nr2\r\n");
    expect(contentText(table)).toBe(fromBytes);
  });

  it('writes only the header for a table without rows', () => {
    expect(contentText(csvTable(['only'], 0, () => {}))).toBe('only\r\n');
    expect(toCsv([], [])).toBe('\r\n');
  });
});
