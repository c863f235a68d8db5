/*
 * A cell as a span of its line's text (text, start, end): read where it lies, so that a cell whose
 * reading is already known costs no string of its own. At 10^6 rows × 19 cells, splitting every line
 * into strings and looking each up in a Map was ~2 s of normalize and much of its garbage collection.
 */

/** Fills `bounds` with where each cell of a quote-free line starts: cell k is bounds[k] … bounds[k + 1] - 1. */
export function cellBounds(line: string, delimiter: string, bounds: Int32Array): number {
  let cells = 0;
  bounds[0] = 0;
  for (
    let k = line.indexOf(delimiter);
    k >= 0 && cells + 2 < bounds.length;
    k = line.indexOf(delimiter, k + 1)
  )
    bounds[++cells] = k + 1;
  bounds[++cells] = line.length + 1;
  return cells;
}

/** Is text[start, end) empty or white space only (as `slice(start, end).trim() === ''`)? */
export function isBlankSpan(text: string, start: number, end: number): boolean {
  if (start >= end) return true;
  const first = text.charCodeAt(start);
  // Printable ASCII other than the space is never white space: the common cell is decided here.
  if (first > 32 && first < 127) return false;
  return text.slice(start, end).trim() === '';
}

/** FNV-1a over the UTF-16 code units of text[start, end). */
function spanHash(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let k = start; k < end; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 0x01000193);
  return hash ^ (hash >>> 15);
}

/** Does text hold `key` at `start`? (String.prototype.startsWith with a position measured ~10× slower.) */
function holdsAt(text: string, start: number, key: string): boolean {
  for (let k = 0; k < key.length; k++) if (text.charCodeAt(start + k) !== key.charCodeAt(k)) return false;
  return true;
}

/**
 * Results remembered per distinct text, looked up by a span of a longer text without cutting it out
 * (open addressing on a hash of the span's characters). Holds at most `limit` texts; after that a text
 * not yet seen is worked out each time it comes, as `compute` would have done anyway.
 */
export class SpanMemo<T> {
  private keys: Array<string | undefined>;
  private values: Array<T | undefined>;
  private hashes: Int32Array;
  private size = 0;

  constructor(
    private readonly compute: (text: string) => T,
    private readonly limit = 10_000,
  ) {
    this.keys = new Array<string | undefined>(64).fill(undefined);
    this.values = new Array<T | undefined>(64).fill(undefined);
    this.hashes = new Int32Array(64);
  }

  /** The result for text[start, end), worked out on first sight. */
  get(text: string, start: number, end: number): T {
    const hash = spanHash(text, start, end);
    const length = end - start;
    const mask = this.keys.length - 1;
    let slot = hash & mask;
    for (let key = this.keys[slot]; key !== undefined; key = this.keys[slot]) {
      if (this.hashes[slot] === hash && key.length === length && holdsAt(text, start, key))
        return this.values[slot] as T;
      slot = (slot + 1) & mask;
    }
    const cell = start === 0 && end === text.length ? text : text.slice(start, end);
    const result = this.compute(cell);
    if (this.size < this.limit) {
      // A copy of the key: a slice would keep the whole line (and through it the file's text) alive.
      this.keys[slot] = `${cell} `.slice(0, -1);
      this.values[slot] = result;
      this.hashes[slot] = hash;
      this.size++;
      // Kept at most half full, so that a probe ends soon at an empty slot.
      if (this.size * 2 > this.keys.length) this.grow();
    }
    return result;
  }

  private grow(): void {
    const { keys, values, hashes } = this;
    const capacity = keys.length * 2;
    this.keys = new Array<string | undefined>(capacity).fill(undefined);
    this.values = new Array<T | undefined>(capacity).fill(undefined);
    this.hashes = new Int32Array(capacity);
    const mask = capacity - 1;
    for (let old = 0; old < keys.length; old++) {
      const key = keys[old];
      if (key === undefined) continue;
      let slot = hashes[old]! & mask;
      while (this.keys[slot] !== undefined) slot = (slot + 1) & mask;
      this.keys[slot] = key;
      this.values[slot] = values[old];
      this.hashes[slot] = hashes[old]!;
    }
  }
}
