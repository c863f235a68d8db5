import { ByteBuffer } from './byteBuffer.ts';
import type { TextChunks } from './textChunks.ts';
import { CHUNK_BYTES, textOfBytes, writeHeader } from './toCsv.ts';

/*
 * The tables with a row per patient (tidy/cases.csv, the long list tables, tables/cases.csv) written
 * column by column, a block of records at a time. The columns are typed and dictionary-coded
 * (values/columns.ts), so a level's field is made once by the rule (csvFieldText) and a record only
 * points at its bytes; a pass over one column of a block is a tight loop over its typed array, and the
 * block is then copied out record by record. At 10^6 patients (~0.3 GB of CSV) making these tables
 * took ~2.0 s of CPU (~1.6 s with copyOut's 8-byte steps) against ~4.8 s cell by cell through
 * csvChunks and ~7 s before the byte writer (load ~6); a writer function per cell instead of the
 * passes needed ~1.5 times as long.
 */

/** Records laid out together: their fields' places fit in a few kB, their bytes in ~30 kB. */
const BLOCK_ROWS = 256;

/** A block of records being laid out, column by column. */
export interface CsvBlock {
  /**
   * The bytes of the fields: first those made once per table (a level's, written when the table is
   * started), then this block's others (an id, a number), from `ready` on.
   */
  readonly arena: ByteBuffer;
  /** Record k's field of column c is arena bytes spans[2 (k columns + c)] … spans[2 (k columns + c) + 1] - 1. */
  readonly spans: Int32Array;
  readonly columns: number;
  /** The table row of each record (its case, or its list item). */
  readonly rows: Int32Array;
  /** Records in this block. */
  count: number;
}

/** Fills column `c` of every record of the block. */
export type CsvColumnPass = (block: CsvBlock, c: number) => void;

/**
 * One column of a table written in blocks: called once when the table is started (each time it is
 * read), it writes the fields it knows in advance into the arena and returns its pass over a block.
 */
export type CsvColumn = (arena: ByteBuffer) => CsvColumnPass;

const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/**
 * A CSV table made while it is written, a block of records at a time (never held whole): record r is
 * table row `rows[r]` when `rows` is given (a table in another order), else r; column c's field of
 * a row comes from `columns[c]`. The same text as csvChunks over the same cells.
 */
export function csvColumnTable(
  header: readonly string[],
  count: number,
  columns: readonly CsvColumn[],
  rows?: Int32Array,
): TextChunks {
  function* bytes(): Generator<Uint8Array> {
    const arena = new ByteBuffer(CHUNK_BYTES);
    const passes = columns.map((column) => column(arena));
    const ready = arena.length;
    const block: CsvBlock = {
      arena,
      spans: new Int32Array(2 * BLOCK_ROWS * columns.length),
      columns: columns.length,
      rows: new Int32Array(BLOCK_ROWS),
      count: 0,
    };
    const out = new ByteBuffer(2 * CHUNK_BYTES);
    writeHeader(out, header);
    for (let first = 0; first < count; first += BLOCK_ROWS) {
      layOut(block, passes, first, Math.min(BLOCK_ROWS, count - first), rows, ready);
      copyOut(out, block);
      // Whole records only: a chunk read as text never splits a character.
      if (out.length >= CHUNK_BYTES) {
        yield out.view();
        out.clear();
      }
    }
    if (out.length > 0) yield out.view();
  }
  return textOfBytes(bytes);
}

/** Records first … first + n - 1 laid out in `block`, column by column. */
function layOut(
  block: CsvBlock,
  passes: readonly CsvColumnPass[],
  first: number,
  n: number,
  rows: Int32Array | undefined,
  ready: number,
): void {
  block.arena.length = ready;
  block.count = n;
  for (let k = 0; k < n; k++) block.rows[k] = rows ? rows[first + k]! : first + k;
  for (let c = 0; c < passes.length; c++) passes[c]!(block, c);
}

/** Bytes past the end of the arena's and the output's filled parts that a copy may touch. */
const COPY_SLACK = 8;

/**
 * The block's records as CSV after `out`'s bytes: fields joined by commas, each record ending CRLF.
 * A field is copied 8 bytes at a time (two 32-bit words through DataViews), past its end when its
 * length is not a multiple of 8: what follows it is written over right after. Most fields are one
 * such step, so the copy has no loop to mispredict: the six large tables at 10^6 patients took ~1.6 s
 * of CPU instead of ~2.0 s with a byte loop (load ~6).
 */
function copyOut(out: ByteBuffer, block: CsvBlock): void {
  const { spans, columns, count, arena } = block;
  let size = count * (columns + 2);
  for (let at = 0; at < 2 * count * columns; at += 2) size += spans[at + 1]! - spans[at]!;
  out.reserve(size + COPY_SLACK);
  arena.reserve(COPY_SLACK);
  const to = dataView(out.bytes);
  const from = dataView(arena.bytes);
  let p = out.length;
  for (let k = 0, at = 0; k < count; k++) {
    for (let c = 0; c < columns; c++, at += 2) {
      if (c > 0) to.setUint8(p++, COMMA);
      let q = spans[at]!;
      const end = p + spans[at + 1]! - q;
      while (p < end) {
        to.setUint32(p, from.getUint32(q, true), true);
        to.setUint32(p + 4, from.getUint32(q + 4, true), true);
        p += 8;
        q += 8;
      }
      p = end;
    }
    to.setUint8(p++, CR);
    to.setUint8(p++, LF);
  }
  out.length = p;
}

/** A DataView of all of a buffer's bytes (its capacity, not only the filled part). */
export const dataView = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
