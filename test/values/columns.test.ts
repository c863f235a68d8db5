import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../pipeline/stats/seededRandom.ts';
import type { Value } from '../../pipeline/types.ts';
import {
  columnBuilder,
  columnKind,
  columnOfValues,
  isReported,
  numberReader,
  valueAt,
  type ColumnKind,
} from '../../pipeline/values/columns.ts';

// Synthetic values of each kind, with the ones closest to "not reported" (0, false, '', an empty list).
const POOLS: Record<ColumnKind, Value[]> = {
  number: [0, -0, 1.5, -3, 1e-300, Number.MAX_VALUE, NaN, Infinity],
  boolean: [true, false],
  coded: ['', 'female', 'male', 'none', 'a b'],
  list: [[], ['liver'], ['lung', 'bone'], ['liver', 'liver'], ['']],
  text: ['', 'SYN-1', 'a note, with a comma', 'none'],
};

describe('columns', () => {
  it('gives back every value set, and null for every row not set, for each kind', () => {
    const random = seededRandom(3);
    for (const [kind, pool] of Object.entries(POOLS) as Array<[ColumnKind, Value[]]>) {
      const n = 200;
      const values: Value[] = Array.from({ length: n }, () =>
        random() < 0.3 ? null : pool[Math.floor(random() * pool.length)]!,
      );
      const builder = columnBuilder(kind, n);
      values.forEach((v, row) => builder.set(row, v));
      const column = builder.finish();
      expect(column.kind).toBe(kind);
      for (let row = 0; row < n; row++) {
        expect(valueAt(column, row), `${kind} row ${row}`).toEqual(values[row]);
        expect(isReported(column, row)).toBe(values[row] !== null);
      }
      expect(values.some((v) => v === null) && values.some((v) => v !== null)).toBe(true);
    }
  });

  it('keeps -0 and NaN as numbers, distinct from not reported', () => {
    const column = columnOfValues([-0, NaN, null]);
    expect(Object.is(valueAt(column, 0), -0)).toBe(true);
    expect(valueAt(column, 1)).toBeNaN();
    expect(valueAt(column, 2)).toBeNull();
    const read = numberReader(column);
    expect([read(1), read(2)]).toEqual([NaN, null]);
  });

  it('holds each level once, in the order first seen', () => {
    const coded = columnBuilder('coded', 4);
    ['b', 'a', 'b', 'a'].forEach((v, row) => coded.set(row, v));
    const column = coded.finish();
    expect(column.kind === 'coded' && [column.levels, [...column.codes]]).toEqual([
      ['b', 'a'],
      [0, 1, 0, 1],
    ]);
  });

  it('refuses a value of another kind, and list rows out of order', () => {
    expect(() => columnBuilder('number', 1).set(0, '1')).toThrow(TypeError);
    expect(() => columnBuilder('coded', 1).set(0, ['a'])).toThrow(TypeError);
    const list = columnBuilder('list', 3);
    list.set(1, ['a']);
    expect(() => list.set(0, ['b'])).toThrow(RangeError);
  });

  it('reads a number only from a number column', () => {
    expect(numberReader(columnOfValues(['5']))(0)).toBeNull();
    expect(numberReader(undefined)(0)).toBeNull();
    expect(numberReader(columnOfValues([5]))(0)).toBe(5);
  });

  it('holds each cohort.json type by its kind', () => {
    expect(
      (['id', 'source', 'number', 'size', 'duration', 'category', 'list', 'boolean', 'text'] as const).map(
        columnKind,
      ),
    ).toEqual(['text', 'coded', 'number', 'number', 'number', 'coded', 'list', 'boolean', 'text']);
  });
});
