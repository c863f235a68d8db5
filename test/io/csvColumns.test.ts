import { describe, expect, it } from 'vitest';
import { csvColumnTable, type CsvColumn } from '../../pipeline/io/csvColumns.ts';
import {
  cellColumn,
  codedColumn,
  itemOwnerColumn,
  keyedColumn,
  lastAtMost,
  numberColumn,
  textColumn,
  tidyColumn,
  yesNoColumn,
} from '../../pipeline/io/csvColumnKinds.ts';
import { contentText } from '../../pipeline/io/textChunks.ts';
import { csvChunks, csvFieldText, type CsvCell } from '../../pipeline/io/toCsv.ts';
import type { Value } from '../../pipeline/types.ts';
import { columnBuilder, valueAt, type Column, type ColumnKind } from '../../pipeline/values/columns.ts';
import { formatValue } from '../../pipeline/values/formatValue.ts';
import { AWKWARD_TEXTS } from '../helpers/awkwardTexts.ts';

// Everything here is synthetic. The reference is always csvChunks over the cells the slow path makes.

/** The text of a block-written table, read both ways (bytes, and chunks as text) and twice. */
function written(header: string[], count: number, columns: CsvColumn[], rows?: Int32Array): string {
  const table = csvColumnTable(header, count, columns, rows);
  // Each chunk is read before the next is asked for: the writer reuses one buffer.
  let fromBytes = '';
  for (const chunk of table.bytes!()) fromBytes += Buffer.from(chunk).toString('utf8');
  expect(contentText(table)).toBe(fromBytes);
  expect(contentText(table)).toBe(fromBytes);
  return fromBytes;
}

const reference = (header: string[], cells: CsvCell[][]) =>
  contentText(csvChunks(header, cells.length, (r) => cells[r]!));

function columnOf(kind: ColumnKind, values: readonly Value[]): Column {
  const builder = columnBuilder(kind, values.length);
  values.forEach((v, row) => builder.set(row, v));
  return builder.finish();
}

/** Each row's value cycled from `values` over `n` rows (enough rows for several blocks). */
const cycled = <T>(values: readonly T[], n: number) =>
  Array.from({ length: n }, (_, i) => values[i % values.length]!);

describe('tidyColumn: the tidy tables cell by cell as formatValue with exact numbers', () => {
  const cases: Array<[ColumnKind, Value[]]> = [
    ['coded', [...AWKWARD_TEXTS, null]],
    ['text', [...AWKWARD_TEXTS, null, 'same', 'same', 'same', null, null]],
    ['boolean', [true, false, null]],
    [
      'number',
      [0, -0, 5, -5, 12.1, 12 / 30.4375, 0.1 + 0.2, -2147483648, 2 ** 31, 1e21, NaN, Infinity, null, 1e-7],
    ],
    ['list', [[], ['a'], ['a', 'b'], null, ['=x', 'y'], ['', 'a'], [''], ['-1'], ['a', 'b', 'c', 'é']]],
    ['list', [['a,b', 'c'], ['say "x"'], [], null, ['line\nbreak', '=y'], ['ok']]],
    [
      'list',
      [['\tx', 'y'], ['@a'], ['bell\u0007', 'b'], ['@a', 'b'], ['+a', 'b'], ['-a', 'b'], ['=a', '=b']],
    ],
    ['text', [null, null]],
  ];
  it.each(cases)('writes a %s column as the rule does (%#)', (kind, values) => {
    const column = columnOf(kind, cycled(values, 700));
    const expected = reference(
      ['v'],
      Array.from({ length: 700 }, (_, i) => [formatValue(valueAt(column, i), { exactNumbers: true })]),
    );
    expect(written(['v'], 700, [tidyColumn(column)])).toBe(expected);
  });

  it('keeps many distinct numbers right when they crowd the cache', () => {
    const values = Array.from({ length: 50_000 }, (_, i) => (i % 3 === 0 ? i : i / 7 - 1000));
    const column = columnOf('number', values);
    const expected = reference(
      ['v'],
      values.map((x) => [x]),
    );
    expect(written(['v'], values.length, [tidyColumn(column)])).toBe(expected);
  });
});

describe('the other columns', () => {
  const n = 600;
  it('codedColumn: a code outside the cells (-1, or too large) is an empty cell', () => {
    const codes = Int32Array.from({ length: n }, (_, i) => (i % 5) - 1);
    const cells = ['=a', 'b,c', 'é'];
    const expected = reference(
      ['c'],
      Array.from(codes, (code) => [cells[code] ?? null]),
    );
    expect(written(['c'], n, [codedColumn(codes, cells)])).toBe(expected);
  });

  it('yesNoColumn and textColumn from plain arrays', () => {
    const included = cycled([true, false, false], n);
    const reasons = cycled(['dup', 'dup', null, 'x,y', '', '-1'], n);
    const expected = reference(
      ['included', 'reason'],
      included.map((v, i) => [v ? 'yes' : 'no', reasons[i]!]),
    );
    expect(written(['included', 'reason'], n, [yesNoColumn(included), textColumn(reasons)])).toBe(expected);
  });

  it('numberColumn with a display rule: a negative shown as text is neutralised', () => {
    const values = Float64Array.from({ length: n }, (_, i) => (i % 4) - 2 + 0.1234567891);
    const reported = Uint8Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 0 : 1));
    const show = (x: number) => String(Math.round(x * 1e6) / 1e6);
    const expected = reference(
      ['x'],
      Array.from(values, (x, i) => [reported[i] ? show(x) : null]),
    );
    expect(expected).toContain("'-1.876543");
    expect(written(['x'], n, [numberColumn(values, reported, (x) => csvFieldText(show(x)))])).toBe(expected);
  });

  it('keyedColumn: known keys, keys met later and no key', () => {
    const keys = cycled(['s1', 's2', null, 'other', '=s3'], n);
    const label = (k: string) => (k === 's1' ? 'Smith, 2020' : `${k} et al.`);
    const expected = reference(
      ['ref'],
      keys.map((k) => [k === null ? null : label(k)]),
    );
    const column = keyedColumn(
      (i) => keys[i]!,
      ['s1', 's2', 's1'],
      (k) => csvFieldText(label(k)),
    );
    expect(written(['ref'], n, [column])).toBe(expected);
  });

  it('cellColumn: any cell per row', () => {
    const cells: CsvCell[] = cycled([1.5, 'a"b', null, true, '+x'], n);
    expect(written(['any'], n, [cellColumn((i) => cells[i]!)])).toBe(
      reference(
        ['any'],
        cells.map((c) => [c]),
      ),
    );
  });

  it('lays records out in the order given, over several blocks and chunks', () => {
    const count = 3000;
    const ids = Array.from({ length: count }, (_, i) => `ID-${i}-${'x'.repeat(i % 40)}`);
    const rows = Int32Array.from({ length: count }, (_, r) => (r * 7) % count);
    const expected = reference(
      ['id', 'n'],
      Array.from(rows, (i) => [ids[i]!, i]),
    );
    const table = csvColumnTable(
      ['id', 'n'],
      count,
      [
        textColumn(ids),
        numberColumn(
          Float64Array.from(ids, (_, i) => i),
          new Uint8Array(count).fill(1),
          String,
          true,
        ),
      ],
      rows,
    );
    const chunks = [...table.chunks()];
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.endsWith('\r\n')).toBe(true);
    expect(chunks.join('')).toBe(expected);
  });

  it('writes only the header for no rows, and an empty record for no columns', () => {
    expect(written(['a', 'b'], 0, [textColumn([]), textColumn([])])).toBe('a,b\r\n');
    expect(written([], 2, [])).toBe('\r\n\r\n\r\n');
  });
});

describe('itemOwnerColumn (a long list table: a row per item)', () => {
  // Patients 0…5 with 2, 0, 1, 0, 0 and 3 items.
  const starts = Int32Array.from([0, 2, 2, 3, 3, 3, 6]);
  const ids = ['P0', '=P1', 'P,2', 'P3', 'P4', 'P5'];
  const owners = [0, 0, 2, 5, 5, 5];

  it('names each item its patient, over patients with no items', () => {
    const expected = reference(
      ['case_id'],
      owners.map((p) => [ids[p]!]),
    );
    expect(written(['case_id'], 6, [itemOwnerColumn(starts, ids)])).toBe(expected);
  });

  it('finds the patient of items asked out of order too', () => {
    const rows = Int32Array.from([5, 0, 3, 2, 1, 4]);
    const expected = reference(
      ['case_id'],
      Array.from(rows, (r) => [ids[owners[r]!]!]),
    );
    expect(written(['case_id'], 6, [itemOwnerColumn(starts, ids)], rows)).toBe(expected);
  });

  it('lastAtMost is the largest index whose value is at most x', () => {
    expect([0, 1, 2, 3, 4, 5].map((x) => lastAtMost(starts, x))).toEqual([0, 0, 2, 5, 5, 5]);
  });
});
