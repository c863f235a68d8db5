import { describe, expect, it } from 'vitest';
import { ByteBuffer } from '../../pipeline/io/byteBuffer.ts';

const text = (out: ByteBuffer) => new TextDecoder().decode(out.view());

describe('ByteBuffer', () => {
  it('grows when a write needs more room, keeping what was written', () => {
    const out = new ByteBuffer(4);
    out.utf8('abc');
    out.utf8('defghij');
    out.byte(0x2c);
    expect(text(out)).toBe('abcdefghij,');
    expect(out.bytes.length).toBeGreaterThanOrEqual(11);
  });

  it('writes non-ASCII text as UTF-8, a surrogate pair as one character', () => {
    const out = new ByteBuffer(1);
    out.utf8('é–\u{1F600}');
    expect([...out.view()]).toEqual([...Buffer.from('é–\u{1F600}', 'utf8')]);
  });

  it('copies a short and a long run of another array', () => {
    const source = Uint8Array.from({ length: 100 }, (_, k) => 0x30 + (k % 10));
    const out = new ByteBuffer(8);
    out.copy(source, 2, 5);
    out.copy(source, 0, 100);
    out.copy(source, 7, 7);
    expect(out.length).toBe(103);
    expect(text(out)).toBe('234' + '0123456789'.repeat(10));
  });

  it('starts again from empty when cleared; a view shows only the filled part', () => {
    const out = new ByteBuffer(16);
    out.utf8('first');
    out.clear();
    out.utf8('x');
    expect(text(out)).toBe('x');
    expect(out.view().length).toBe(1);
  });
});
