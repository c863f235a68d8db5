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

describe('columns: setter', () => {
  it('builds the same column as set, levels in the same order, for each kind', () => {
    const random = seededRandom(9);
    for (const [kind, pool] of Object.entries(POOLS) as Array<[ColumnKind, Value[]]>) {
      const n = 300;
      const values: Value[] = Array.from({ length: n }, () =>
        random() < 0.3 ? null : pool[Math.floor(random() * pool.length)]!,
      );
      const bySet = columnBuilder(kind, n);
      values.forEach((v, row) => bySet.set(row, v));
      const bySetter = columnBuilder(kind, n);
      // One setter per distinct value, made when the value is first met (as normalize does).
      const setters = new Map<string, (row: number) => void>();
      values.forEach((v, row) => {
        // -0 and NaN are values of their own (JSON would write them as 0 and null).
        const key = typeof v === 'number' ? `n${Object.is(v, -0) ? '-0' : String(v)}` : JSON.stringify(v);
        if (!setters.has(key)) setters.set(key, bySetter.setter(v));
        setters.get(key)!(row);
      });
      expect(bySetter.finish(), kind).toEqual(bySet.finish());
    }
  });

  it('refuses a value of another kind, and list rows out of order', () => {
    expect(() => columnBuilder('number', 1).setter('1')).toThrow(TypeError);
    expect(() => columnBuilder('boolean', 1).setter(1)).toThrow(TypeError);
    expect(() => columnBuilder('coded', 1).setter(['a'])).toThrow(TypeError);
    expect(() => columnBuilder('list', 1).setter('a')).toThrow(TypeError);
    expect(() => columnBuilder('text', 1).setter(true)).toThrow(TypeError);
    const list = columnBuilder('list', 3);
    const setLiver = list.setter(['liver']);
    setLiver(2);
    expect(() => setLiver(1)).toThrow(RangeError);
  });

  it('sets nothing for null', () => {
    const builder = columnBuilder('coded', 2);
    builder.setter(null)(0);
    builder.setter('a')(1);
    const column = builder.finish();
    expect([valueAt(column, 0), valueAt(column, 1)]).toEqual([null, 'a']);
  });
});
