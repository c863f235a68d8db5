import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pixelsPerMetre, pngResolution, setPngResolution } from '../../pipeline/drawing/pngResolution.ts';

/** A synthetic 1×1 grey PNG built by hand (signature, IHDR, optional extra chunks, IDAT, IEND). */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(Buffer.from(type, 'latin1'), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}
function tinyPng(extra: Uint8Array[] = []): Uint8Array {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, 1);
  v.setUint32(4, 1);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const idat = deflateSync(Buffer.from([0, 128]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...extra,
    chunk('IDAT', idat),
    chunk('IEND', new Uint8Array()),
  ]);
}
const chunkTypes = (png: Uint8Array) => {
  const types: string[] = [];
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  for (let at = 8; at < png.length; at += 12 + view.getUint32(at))
    types.push(Buffer.from(png.subarray(at + 4, at + 8)).toString('latin1'));
  return types;
};

describe('setPngResolution', () => {
  it('300 dpi is 11811 pixels per metre, 600 dpi 23622', () => {
    expect(pixelsPerMetre(300)).toBe(11811);
    expect(pixelsPerMetre(600)).toBe(23622);
    expect(pixelsPerMetre(72)).toBe(2835);
  });

  it('adds a pHYs chunk after IHDR with a valid CRC, read back as the dpi', () => {
    const png = setPngResolution(tinyPng(), 300);
    expect(chunkTypes(png)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
    const r = pngResolution(png)!;
    expect(r.ppm).toBe(11811);
    expect(r.crcValid).toBe(true);
    expect(r.dpi).toBeCloseTo(300, 1);
    // The chunk's bytes as the PNG specification lays them out: "pHYs", 11811 (0x2e23) twice, unit 1.
    const data = Buffer.from([0x70, 0x48, 0x59, 0x73, 0, 0, 0x2e, 0x23, 0, 0, 0x2e, 0x23, 1]);
    const at = 8 + 25;
    expect(Buffer.from(png.subarray(at + 4, at + 17))).toEqual(data);
    expect(new DataView(png.buffer, png.byteOffset).getUint32(at + 17)).toBe(crc32(data));
  });

  it('replaces an existing pHYs instead of adding a second, and leaves the image data as it was', () => {
    const original = tinyPng();
    const once = setPngResolution(original, 72);
    const twice = setPngResolution(once, 600);
    expect(chunkTypes(twice)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
    expect(pngResolution(twice)!.ppm).toBe(23622);
    expect(twice.length).toBe(original.length + 21);
    expect(Buffer.from(twice.subarray(8 + 25 + 21))).toEqual(Buffer.from(original.subarray(8 + 25)));
  });

  it('has no resolution to read from a PNG without pHYs', () => {
    expect(pngResolution(tinyPng())).toBeNull();
  });
});
