import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BUNDLED_FONT_FILES } from '../../pipeline/drawing/bundledFont.ts';
import { encodeRgbaPng } from '../../pipeline/drawing/encodePng.ts';
import { pngResolution } from '../../pipeline/drawing/pngResolution.ts';
import { renderPng } from '../../pipeline/drawing/renderChart.ts';
import { runCohort } from '../../pipeline/run.ts';

const require = createRequire(import.meta.url);
const { Resvg } = require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');

/** A PNG decoded by the specification (8-bit RGBA, any of the five row filters): its chunks and pixels. */
function decodePng(png: Uint8Array) {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: Array<{ type: string; data: Uint8Array; crcValid: boolean }> = [];
  for (let at = 8; at < png.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    chunks.push({
      type,
      data,
      crcValid: view.getUint32(at + 8 + length) === crc32(png.subarray(at + 4, at + 8 + length)),
    });
    at += 12 + length;
  }
  const ihdr = new DataView(chunks[0]!.data.buffer, chunks[0]!.data.byteOffset, 13);
  const [width, height] = [ihdr.getUint32(0), ihdr.getUint32(4)];
  expect([...chunks[0]!.data.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
  const rows = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = width * 4;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = rows[y * (stride + 1)]!;
    const line = rows.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride;
    if (filter === 0) pixels.set(line, row);
    else if (filter === 1)
      for (let x = 0; x < stride; x++)
        pixels[row + x] = (line[x]! + (x >= 4 ? pixels[row + x - 4]! : 0)) & 0xff;
    else
      for (let x = 0; x < stride; x++) {
        const left = x >= 4 ? pixels[row + x - 4]! : 0;
        const up = y > 0 ? pixels[row - stride + x]! : 0;
        const upLeft = x >= 4 && y > 0 ? pixels[row - stride + x - 4]! : 0;
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        const paeth = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
        const predictor = [0, left, up, (left + up) >> 1, paeth][filter]!;
        pixels[row + x] = (line[x]! + predictor) & 0xff;
      }
  }
  return { width, height, pixels, chunks };
}

const resvgPng = (svg: string) =>
  new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 300 / 96 },
    font: {
      loadSystemFonts: false,
      fontFiles: [...BUNDLED_FONT_FILES],
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
    background: 'white',
  }).render();

describe('encodeRgbaPng', () => {
  it('writes IHDR, pHYs (the dpi), IDAT and IEND, each with a valid CRC, holding exactly the pixels given', () => {
    // Synthetic: a 3 × 2 image of distinct colours and alphas.
    const rgba = Uint8Array.from({ length: 24 }, (_, i) => (i * 37) % 256);
    const png = encodeRgbaPng(rgba, 3, 2, 300);
    const decoded = decodePng(png);
    expect(decoded.chunks.map((c) => c.type)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
    expect(decoded.chunks.every((c) => c.crcValid)).toBe(true);
    expect([decoded.width, decoded.height]).toEqual([3, 2]);
    expect([...decoded.pixels]).toEqual([...rgba]);
    expect(pngResolution(png)).toEqual({ dpi: 11811 * 0.0254, ppm: 11811, crcValid: true });
    expect(pngResolution(encodeRgbaPng(rgba, 3, 2, 600))?.ppm).toBe(23622);
  });

  it('refuses pixels that are not width × height RGBA', () => {
    expect(() => encodeRgbaPng(new Uint8Array(23), 3, 2, 300)).toThrow(/not 3 × 2 RGBA/);
  });

  it.each(['adrenal-lms', 'spinal-lms'])(
    'every figure of %s: renderPng gives the pixels of resvg’s own PNG encoder, in a smaller file',
    async (cohort) => {
      const out = join(mkdtempSync(join(tmpdir(), 'casepool-encode-png-')), 'report');
      const run = await runCohort(join('data', cohort), out, { png: false, log: () => {}, notice: () => {} });
      expect(run.exitCode).toBe(0);
      const svgs = readdirSync(join(out, 'figures')).filter((f) => f.endsWith('.svg'));
      expect(svgs.length).toBeGreaterThan(10);
      let [ours, theirs] = [0, 0];
      for (const name of svgs) {
        const svg = readFileSync(join(out, 'figures', name), 'utf8');
        const theirPng = resvgPng(svg).asPng();
        const reference = decodePng(theirPng);
        const png = await renderPng(svg);
        const decoded = decodePng(png);
        expect([decoded.width, decoded.height], name).toEqual([reference.width, reference.height]);
        expect(Buffer.compare(decoded.pixels, reference.pixels), name).toBe(0);
        // Every pixel opaque: the premultiplied pixels resvg hands over are the straight ones.
        expect(
          decoded.pixels.every((v, i) => i % 4 !== 3 || v === 255),
          name,
        ).toBe(true);
        ours += png.length;
        theirs += theirPng.length;
      }
      expect(ours).toBeLessThan(theirs);
    },
    180_000,
  );
});
