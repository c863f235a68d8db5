import { crc32 } from 'node:zlib';

/** Pixels per metre at `dpi` dots per inch, as a PNG pHYs chunk stores it (300 dpi = 11811). */
export function pixelsPerMetre(dpi: number): number {
  return Math.round(dpi / 0.0254);
}

const SIGNATURE_LENGTH = 8;

/** Offsets of each chunk: type, start of the chunk (its length field) and its data length. */
function chunks(png: Uint8Array): Array<{ type: string; start: number; length: number }> {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const found = [];
  for (let at = SIGNATURE_LENGTH; at + 8 <= png.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    found.push({ type, start: at, length });
    at += 12 + length;
  }
  return found;
}

/**
 * The PNG with a pHYs chunk saying `dpi` (any pHYs it had is replaced), placed right after IHDR as
 * the PNG specification requires (before IDAT). Without it, Word and image tools read 72 dpi and a
 * 300-dpi figure comes in four times too large.
 */
export function setPngResolution(png: Uint8Array, dpi: number): Uint8Array {
  const all = chunks(png);
  if (all[0]?.type !== 'IHDR') throw new Error('not a PNG: the first chunk is not IHDR');
  const ppm = pixelsPerMetre(dpi);
  const chunk = new Uint8Array(21);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, 9);
  chunk.set([0x70, 0x48, 0x59, 0x73], 4); // "pHYs"
  view.setUint32(8, ppm);
  view.setUint32(12, ppm);
  chunk[16] = 1; // unit: metre
  view.setUint32(17, crc32(chunk.subarray(4, 17)));
  const afterHeader = all[0].start + 12 + all[0].length;
  const parts: Uint8Array[] = [png.subarray(0, afterHeader), chunk];
  for (const c of all.slice(1))
    if (c.type !== 'pHYs') parts.push(png.subarray(c.start, c.start + 12 + c.length));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Dots per inch from a PNG's pHYs chunk (horizontal), or null when it has none or no unit. */
export function pngResolution(png: Uint8Array): { dpi: number; ppm: number; crcValid: boolean } | null {
  const c = chunks(png).find((x) => x.type === 'pHYs');
  if (!c) return null;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  if (png[c.start + 16] !== 1) return null;
  const ppm = view.getUint32(c.start + 8);
  const crcValid = view.getUint32(c.start + 17) === crc32(png.subarray(c.start + 4, c.start + 17));
  return { dpi: ppm * 0.0254, ppm, crcValid };
}
