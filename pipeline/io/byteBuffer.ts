/**
 * Bytes appended to one reusable buffer that grows when a write needs more room. The CSV writer copies
 * each field's UTF-8 bytes into it and hands on the filled part, so a large table's text never exists
 * as JS strings: at 10^6 patients building those strings, joining them and encoding them again for
 * writeSync cost ~3 s of the ~6 s the write stage took.
 *
 * The hot loops write into `bytes` at `length` themselves after `reserve` (a method call per byte would
 * cost more than the byte); everything else goes through the methods.
 */
export class ByteBuffer {
  bytes: Buffer;
  length = 0;

  constructor(capacity: number) {
    this.bytes = Buffer.allocUnsafe(Math.max(16, capacity));
  }

  /** Makes room for `extra` more bytes after `length` (the filled part is kept). */
  reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + extra));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }

  byte(b: number): void {
    this.reserve(1);
    this.bytes[this.length++] = b;
  }

  /** A text as UTF-8 (a UTF-16 code unit is at most 3 bytes, so 3 per unit is always room enough). */
  utf8(text: string): void {
    this.reserve(text.length * 3);
    this.length += this.bytes.write(text, this.length, 'utf8');
  }

  /** Bytes start … end - 1 of `source`. */
  copy(source: Uint8Array, start: number, end: number): void {
    const n = end - start;
    this.reserve(n);
    const bytes = this.bytes;
    let p = this.length;
    // A short run is copied by hand: set() on a subarray costs more than a few bytes' loop.
    if (n <= 32) for (let k = start; k < end; k++) bytes[p++] = source[k]!;
    else {
      bytes.set(source.subarray(start, end), p);
      p += n;
    }
    this.length = p;
  }

  /** The filled part; a view that the next write may overwrite. */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  clear(): void {
    this.length = 0;
  }
}
