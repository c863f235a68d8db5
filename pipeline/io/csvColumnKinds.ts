import { hasUnsafeText } from '../parse/unsafeText.ts';
import type { Column, ListColumn } from '../values/columns.ts';
import { formatValue } from '../values/formatValue.ts';
import { ByteBuffer } from './byteBuffer.ts';
import { csvFieldText, writeCell, writeNumberCell, writeTextCell, type CsvCell } from './toCsv.ts';
import { type CsvColumn } from './csvColumns.ts';

/** The cells' fields by the rule, written into the arena: field k at spans[2k] … spans[2k + 1] - 1. */
function readyFields(arena: ByteBuffer, cells: readonly CsvCell[]): Int32Array {
  const spans = new Int32Array(2 * cells.length);
  cells.forEach((cell, k) => {
    spans[2 * k] = arena.length;
    arena.utf8(csvFieldText(cell));
    spans[2 * k + 1] = arena.length;
  });
  return spans;
}

/**
 * Codes into `cells` (a dictionary column's levels, or -1 and 0/1 for booleans): each cell's field is
 * made once; a code outside the cells is an empty field.
 */
export function codedColumn(codes: ArrayLike<number>, cells: readonly CsvCell[]): CsvColumn {
  return (arena) => {
    const fields = readyFields(arena, cells);
    const n = cells.length;
    return (block, c) => {
      const { spans, rows, count, columns } = block;
      for (let k = 0; k < count; k++) {
        const code = codes[rows[k]!]!;
        const at = 2 * (k * columns + c);
        const known = code >= 0 && code < n;
        spans[at] = known ? fields[2 * code]! : 0;
        spans[at + 1] = known ? fields[2 * code + 1]! : 0;
      }
    };
  };
}

/** yes or no per row, from booleans. */
export function yesNoColumn(values: ArrayLike<boolean>): CsvColumn {
  return (arena) => {
    const fields = readyFields(arena, ['no', 'yes']);
    return (block, c) => {
      const { spans, rows, count, columns } = block;
      for (let k = 0; k < count; k++) {
        const code = values[rows[k]!] ? 1 : 0;
        const at = 2 * (k * columns + c);
        spans[at] = fields[2 * code]!;
        spans[at + 1] = fields[2 * code + 1]!;
      }
    };
  };
}

/** Any cell per row, written when its block is laid out (for the few columns that are not typed). */
export function cellColumn(cellAt: (row: number) => CsvCell): CsvColumn {
  return () => (block, c) => {
    const { arena, spans, rows, count, columns } = block;
    for (let k = 0; k < count; k++) {
      const at = 2 * (k * columns + c);
      spans[at] = arena.length;
      writeCell(arena, cellAt(rows[k]!));
      spans[at + 1] = arena.length;
    }
  };
}

/**
 * Texts, one per row (null: an empty cell): ids (distinct) and free texts, which often repeat the row
 * before (a source id, an exclusion reason): a text equal to the last one written in the block points
 * at its bytes again.
 */
export function textColumn(values: ArrayLike<string | null>): CsvColumn {
  return () => (block, c) => {
    const { arena, spans, rows, count, columns } = block;
    let last: string | null = null;
    let start = 0;
    let end = 0;
    for (let k = 0; k < count; k++) {
      const at = 2 * (k * columns + c);
      const text = values[rows[k]!] ?? null;
      if (text !== last) {
        start = arena.length;
        if (text !== null) writeTextCell(arena, text);
        end = arena.length;
        last = text;
      }
      spans[at] = start;
      spans[at + 1] = end;
    }
  };
}

/** Distinct keys whose fields are kept, up to this many (then each is made when written). */
const KEPT_FIELDS = 1 << 16;

/** Each key's field (a field's whole text by the rule, from `fieldText`) made once, up to KEPT_FIELDS. */
function fieldCache<K>(fieldText: (key: K) => string): (key: K) => Uint8Array {
  const known = new Map<K, Uint8Array>();
  return (key) => {
    let field = known.get(key);
    if (field === undefined) {
      field = Buffer.from(fieldText(key), 'utf8');
      if (known.size < KEPT_FIELDS) known.set(key, field);
    }
    return field;
  };
}

/** Slots of a number's field cache: 2^14, a slot being the top bits of a 32-bit hash. */
const SLOT_BITS = 14;

/**
 * Each number's field (from `fieldText`) made once while it stays in the cache: two slots per value,
 * chosen by the double's bits, as a Map keyed by numbers boxes every double it is asked for (a size
 * column took twice as long through one). A miss costs ~1 µs (the rule and a Buffer), so values that
 * share a slot must not evict each other: a column's few hundred values fit with room to spare. NaN
 * is never kept; -0 and 0 share a field, which is right for String() and for displayValue (both "0").
 */
function numberFieldCache(fieldText: (x: number) => string): (x: number) => Uint8Array {
  const keys = new Float64Array(1 << SLOT_BITS).fill(NaN);
  const fields: Uint8Array[] = new Array<Uint8Array>(1 << SLOT_BITS);
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  return (x) => {
    bits[0] = x;
    // A multiplicative hash of both halves: a decimal's low mantissa bits repeat (0x…333, 0x…99a),
    // so any plain slice of them puts most of a column's values in a few slots.
    const slot = Math.imul(words[0]! ^ Math.imul(words[1]!, 0x9e3779b1), 0x85ebca6b) >>> (32 - SLOT_BITS);
    if (keys[slot] === x) return fields[slot]!;
    const other = slot ^ 1;
    if (keys[other] === x) return fields[other]!;
    const field = Buffer.from(fieldText(x), 'utf8');
    // An empty slot (NaN) first; else the neighbour's value gives way.
    const into = keys[slot] !== keys[slot] ? slot : other;
    keys[into] = x;
    fields[into] = field;
    return field;
  };
}

/**
 * A numeric column: each reported value's field from `fieldText`, made once per distinct value (-0
 * and 0 are one Map key; both are written "0"); an unreported row is an empty cell. With
 * `wholeNumbers`, `fieldText` is String() and a whole number is written digit by digit instead.
 */
export function numberColumn(
  values: Float64Array,
  reported: Uint8Array,
  fieldText: (x: number) => string,
  wholeNumbers = false,
): CsvColumn {
  return () => {
    // Made when the table is started, so it takes memory only while the table is written.
    const fieldOf = numberFieldCache(fieldText);
    return (block, c) => {
      const { arena, spans, rows, count, columns } = block;
      for (let k = 0; k < count; k++) {
        const row = rows[k]!;
        const at = 2 * (k * columns + c);
        spans[at] = arena.length;
        if (reported[row] === 1) {
          const x = values[row]!;
          if (wholeNumbers && (x | 0) === x) writeNumberCell(arena, x);
          else {
            const field = fieldOf(x);
            arena.copy(field, 0, field.length);
          }
        }
        spans[at + 1] = arena.length;
      }
    };
  };
}

/**
 * A text per row looked up by a key (a level id, a source id): each key's field from `fieldText`, made
 * once; those of `keys` when the table is started, any other when first met. null: an empty cell.
 */
export function keyedColumn(
  keyOf: (row: number) => string | null,
  keys: readonly string[],
  fieldText: (key: string) => string,
): CsvColumn {
  return (arena) => {
    const otherField = fieldCache(fieldText);
    const indexOf = new Map<string, number>();
    const spansOf: number[] = [];
    for (const key of keys) {
      if (indexOf.has(key)) continue;
      indexOf.set(key, spansOf.length);
      spansOf.push(arena.length);
      arena.utf8(fieldText(key));
      spansOf.push(arena.length);
    }
    return (block, c) => {
      const { arena: bytes, spans, rows, count, columns } = block;
      for (let k = 0; k < count; k++) {
        const key = keyOf(rows[k]!);
        const at = 2 * (k * columns + c);
        const index = key === null ? undefined : indexOf.get(key);
        if (index !== undefined) {
          spans[at] = spansOf[index]!;
          spans[at + 1] = spansOf[index + 1]!;
        } else {
          spans[at] = bytes.length;
          if (key !== null) {
            const field = otherField(key);
            bytes.copy(field, 0, field.length);
          }
          spans[at + 1] = bytes.length;
        }
      }
    };
  };
}

/**
 * A column's cells as the tidy tables write them, formatValue's canonical text with exact numbers: a
 * level as it is, yes/no, a list's items joined by "; " ("none" for an empty reported list), a number
 * as String() gives it (never neutralised), an empty cell for not reported.
 */
export function tidyColumn(column: Column): CsvColumn {
  switch (column.kind) {
    case 'number':
      return numberColumn(column.values, column.reported, (x) => csvFieldText(x), true);
    case 'boolean':
      // -1 (not reported) is no cell's code.
      return codedColumn(column.values, ['no', 'yes']);
    case 'coded':
      return codedColumn(column.codes, column.levels);
    case 'list':
      return listColumn(column);
    case 'text':
      return textColumn(column.values);
  }
}

/**
 * A list's field is its items joined by "; ": "none" and a single item's field are made once. When no
 * level needs quoting or cleaning, the field of several items is their own bytes with "; " between
 * them, after an apostrophe when the first item looks like a formula (neutralising looks at the
 * joined text's first character: the first item's, unless that is empty, when it is ";" or nothing).
 * Otherwise such a row's text is joined and written by the rule.
 */
function listColumn(column: ListColumn): CsvColumn {
  const { starts, items, levels, reported } = column;
  const plain = levels.every((level) => !/[",\r\n]/.test(level) && !hasUnsafeText(level));
  const raw = levels.map((level) => Buffer.from(level, 'utf8'));
  const formulaFirst = levels.map((level) => /^[=+\-@\t]/.test(level));
  const severalItems = (arena: ByteBuffer, first: number, end: number) => {
    if (!plain) {
      const joined: string[] = [];
      for (let k = first; k < end; k++) joined.push(levels[items[k]!]!);
      writeCell(arena, formatValue(joined));
      return;
    }
    let size = 1 + 2 * (end - first);
    for (let k = first; k < end; k++) size += raw[items[k]!]!.length;
    arena.reserve(size);
    const bytes = arena.bytes;
    let p = arena.length;
    if (formulaFirst[items[first]!]) bytes[p++] = 0x27;
    for (let k = first; k < end; k++) {
      if (k > first) {
        bytes[p++] = 0x3b; // ;
        bytes[p++] = 0x20;
      }
      const level = raw[items[k]!]!;
      for (let j = 0; j < level.length; j++) bytes[p++] = level[j]!;
    }
    arena.length = p;
  };
  return (arena) => {
    const single = readyFields(arena, levels);
    const none = readyFields(arena, ['none']);
    return (block, c) => {
      const { spans, rows, count, columns } = block;
      for (let k = 0; k < count; k++) {
        const row = rows[k]!;
        const at = 2 * (k * columns + c);
        const first = starts[row]!;
        const end = starts[row + 1]!;
        if (reported[row] !== 1) {
          spans[at] = 0;
          spans[at + 1] = 0;
        } else if (end - first <= 1) {
          const fields = end === first ? none : single;
          const index = end === first ? 0 : items[first]!;
          spans[at] = fields[2 * index]!;
          spans[at + 1] = fields[2 * index + 1]!;
        } else {
          spans[at] = block.arena.length;
          severalItems(block.arena, first, end);
          spans[at + 1] = block.arena.length;
        }
      }
    };
  };
}

/**
 * For a long list table (a row per item): the id of each item's row, `ids[patient]`. The items come
 * in order, so the patient is found by stepping along `starts` (the prefix sum of the item counts,
 * over patients with no item too), and a patient's id is written once per block for all its items.
 */
export function itemOwnerColumn(starts: Int32Array, ids: ArrayLike<string>): CsvColumn {
  return () => {
    let patient = 0;
    return (block, c) => {
      const { arena, spans, rows, count, columns } = block;
      let written = -1;
      let start = 0;
      let end = 0;
      for (let k = 0; k < count; k++) {
        const item = rows[k]!;
        if (item < starts[patient]!) patient = lastAtMost(starts, item);
        while (patient + 2 < starts.length && starts[patient + 1]! <= item) patient++;
        if (patient !== written) {
          start = arena.length;
          writeTextCell(arena, ids[patient]!);
          end = arena.length;
          written = patient;
        }
        const at = 2 * (k * columns + c);
        spans[at] = start;
        spans[at + 1] = end;
      }
    };
  };
}

/** The largest i with sorted[i] <= x (sorted ascending, sorted[0] <= x): a binary search. */
export function lastAtMost(sorted: Int32Array, x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
