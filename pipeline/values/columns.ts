import type { ColumnType, Value } from '../types.ts';
import type {
  Column,
  Columns,
  ColumnKind,
  NumberColumn,
  BooleanColumn,
  CodedColumn,
  ListColumn,
  TextColumn,
} from './columnTypes.ts';

export type { Column, Columns, ColumnKind, NumberColumn, BooleanColumn, CodedColumn, ListColumn, TextColumn };

/*
 * The case table's columns, one per variable, typed by the variable's cohort.json type.
 *
 * Why typed arrays: at 10^6 patients a column as a JS array of values is 10^6 tagged slots (numbers as
 * heap doubles) that every major garbage collection traces; a typed array is one object whose
 * contents the collector never looks into. Each column keeps "not reported" (an empty cell) distinct
 * from every value:
 *
 * - numbers (number, size, duration): the value in a Float64Array and a Uint8Array mask `reported`
 *   (1 reported); a mask rather than NaN as the mark, so no value a parser might one day return can
 *   pass for an empty cell;
 * - booleans: an Int8Array of 1 (yes), 0 (no) and -1 (not reported);
 * - categories and sources (a few texts repeated over the rows): dictionary codes, an Int32Array of
 *   indexes into `levels` (each level's string held once), -1 for not reported;
 * - lists: a list of codes into `levels` per row, as row r's items at `items[starts[r]]` up to
 *   `items[starts[r + 1]]` (starts is the prefix sum of the item counts, so a tidy list table finds a
 *   row by binary search), and a mask `reported` that tells an empty list (reported: "none") from an
 *   empty cell;
 * - ids and free texts (mostly distinct): a plain array of strings, null for not reported.
 *
 * Int32Array codes, not Uint16Array: a list without a vocabulary or a source column may have more than
 * 65,535 distinct texts, and 4 bytes per row (4 MB a column at 10^6) is not what the memory goes to.
 */

/** A code or a boolean that is not reported. */
export const NOT_REPORTED = -1;

/** How a variable of a cohort.json type (or a derived variable's type) is held. */
export function columnKind(type: ColumnType): ColumnKind {
  switch (type) {
    case 'number':
    case 'size':
    case 'duration':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'category':
    case 'source':
      return 'coded';
    case 'list':
      return 'list';
    case 'id':
    case 'text':
      return 'text';
  }
}

/** Is row `row` reported (not an empty cell)? */
export function isReported(column: Column, row: number): boolean {
  switch (column.kind) {
    case 'number':
    case 'list':
      return column.reported[row] === 1;
    case 'boolean':
      return column.values[row] === 0 || column.values[row] === 1;
    case 'coded':
      return (column.codes[row] ?? NOT_REPORTED) !== NOT_REPORTED;
    case 'text':
      return (column.values[row] ?? null) !== null;
  }
}

/**
 * Row `row` as a canonical value (null: not reported), for the few readers that need one value at a
 * time (the report's case table, the duplicates check, tidy writing). A list is a new array each call.
 */
export function valueAt(column: Column, row: number): Value {
  if (!isReported(column, row)) return null;
  switch (column.kind) {
    case 'number':
      return column.values[row]!;
    case 'boolean':
      return column.values[row] === 1;
    case 'coded':
      return column.levels[column.codes[row]!]!;
    case 'list': {
      const items: string[] = [];
      for (let k = column.starts[row]!; k < column.starts[row + 1]!; k++)
        items.push(column.levels[column.items[k]!]!);
      return items;
    }
    case 'text':
      return column.values[row]!;
  }
}

/** A numeric column read per row (null: not reported, or not a numeric column). */
export function numberReader(column: Column | undefined): (row: number) => number | null {
  if (column?.kind !== 'number') return () => null;
  const { values, reported } = column;
  return (row) => (reported[row] === 1 ? values[row]! : null);
}

/** Builds one column row by row; rows never set are not reported. */
export interface ColumnBuilder {
  /** Rows must be set in increasing order (each at most once). */
  set(row: number, value: Value): void;
  /**
   * What `set(row, value)` does, made ready for one value that is set on many rows: its code (or a
   * list's codes) worked out once, now, as the first set of it would. For a reader that remembers
   * each distinct cell (normalize): looking codes up per row was ~0.5 s at 10^6 rows.
   */
  setter(value: Value): (row: number) => void;
  finish(): Column;
}

/** The setter of a value that is not reported: a row never set is not reported. */
const SET_NOTHING = (): void => {};

/** Codes of texts, each text given the next code when first seen. */
function dictionary() {
  const levels: string[] = [];
  const codeOf = new Map<string, number>();
  return {
    levels,
    code(text: string): number {
      let code = codeOf.get(text);
      if (code === undefined) {
        code = levels.length;
        levels.push(text);
        codeOf.set(text, code);
      }
      return code;
    },
  };
}

function wrongValue(kind: ColumnKind, value: Value): never {
  throw new TypeError(`a ${kind} column cannot hold ${JSON.stringify(value)}`);
}

/** A builder for a column of `kind` with `n` rows. */
export function columnBuilder(kind: ColumnKind, n: number): ColumnBuilder {
  switch (kind) {
    case 'number': {
      const values = new Float64Array(n);
      const reported = new Uint8Array(n);
      return {
        set(row, value) {
          if (value === null) return;
          if (typeof value !== 'number') wrongValue(kind, value);
          values[row] = value;
          reported[row] = 1;
        },
        setter(value) {
          if (value === null) return SET_NOTHING;
          if (typeof value !== 'number') wrongValue(kind, value);
          return (row) => {
            values[row] = value;
            reported[row] = 1;
          };
        },
        finish: () => ({ kind, values, reported }),
      };
    }
    case 'boolean': {
      const values = new Int8Array(n).fill(NOT_REPORTED);
      return {
        set(row, value) {
          if (value === null) return;
          if (typeof value !== 'boolean') wrongValue(kind, value);
          values[row] = value ? 1 : 0;
        },
        setter(value) {
          if (value === null) return SET_NOTHING;
          if (typeof value !== 'boolean') wrongValue(kind, value);
          const stored = value ? 1 : 0;
          return (row) => {
            values[row] = stored;
          };
        },
        finish: () => ({ kind, values }),
      };
    }
    case 'coded': {
      const codes = new Int32Array(n).fill(NOT_REPORTED);
      const { levels, code } = dictionary();
      return {
        set(row, value) {
          if (value === null) return;
          if (typeof value !== 'string') wrongValue(kind, value);
          codes[row] = code(value);
        },
        setter(value) {
          if (value === null) return SET_NOTHING;
          if (typeof value !== 'string') wrongValue(kind, value);
          const stored = code(value);
          return (row) => {
            codes[row] = stored;
          };
        },
        finish: () => ({ kind, codes, levels }),
      };
    }
    case 'list': {
      const starts = new Int32Array(n + 1);
      const reported = new Uint8Array(n);
      const { levels, code } = dictionary();
      let items = new Int32Array(Math.max(16, n));
      let count = 0;
      // starts[r] is written for every row up to the last one set; the rest when finished.
      let startsUpTo = 0;
      const startRowsUpTo = (row: number) => {
        while (startsUpTo < row) starts[++startsUpTo] = count;
      };
      /** Room for `more` items after the `count` there are. */
      const reserve = (more: number) => {
        if (count + more > items.length) {
          const grown = new Int32Array(Math.max(items.length * 2, count + more));
          grown.set(items.subarray(0, count));
          items = grown;
        }
      };
      const startRow = (row: number) => {
        if (row < startsUpTo) throw new RangeError(`list rows are set in order: ${row} after ${startsUpTo}`);
        startRowsUpTo(row);
        reported[row] = 1;
      };
      return {
        set(row, value) {
          if (value === null) return;
          if (!Array.isArray(value)) wrongValue(kind, value);
          startRow(row);
          reserve(value.length);
          for (const item of value) items[count++] = code(item);
          starts[row + 1] = count;
          startsUpTo = row + 1;
        },
        setter(value) {
          if (value === null) return SET_NOTHING;
          if (!Array.isArray(value)) wrongValue(kind, value);
          const codes = Int32Array.from(value, (item) => code(item));
          return (row) => {
            startRow(row);
            reserve(codes.length);
            for (let k = 0; k < codes.length; k++) items[count++] = codes[k]!;
            starts[row + 1] = count;
            startsUpTo = row + 1;
          };
        },
        finish() {
          startRowsUpTo(n);
          return { kind, starts, items: items.slice(0, count), levels, reported };
        },
      };
    }
    case 'text': {
      const values: Array<string | null> = new Array<string | null>(n).fill(null);
      return {
        set(row, value) {
          if (value === null) return;
          if (typeof value !== 'string') wrongValue(kind, value);
          values[row] = value;
        },
        setter(value) {
          if (value === null) return SET_NOTHING;
          if (typeof value !== 'string') wrongValue(kind, value);
          return (row) => {
            values[row] = value;
          };
        },
        finish: () => ({ kind, values }),
      };
    }
  }
}

/**
 * A column holding `values`, its kind taken from the values (all not reported: a text column): for a
 * table made by hand (tests) and for one patient's values (a test's onePatient.ts).
 */
export function columnOfValues(values: readonly Value[]): Column {
  const first = values.find((v) => v !== null) ?? null;
  const kind: ColumnKind =
    first === null
      ? 'text'
      : Array.isArray(first)
        ? 'list'
        : typeof first === 'number'
          ? 'number'
          : typeof first === 'boolean'
            ? 'boolean'
            : 'text';
  const builder = columnBuilder(kind, values.length);
  values.forEach((v, row) => builder.set(row, v));
  return builder.finish();
}
