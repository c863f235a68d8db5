import { describe, expect, it } from 'vitest';
import { pngResolution } from '../../pipeline/drawing/pngResolution.ts';
import { renderPng, renderSvg } from '../../pipeline/drawing/renderChart.ts';

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (png: Uint8Array) => {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
};

const textOnly = (text: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="white"/><text x="10" y="25" font-family="DejaVu Sans" font-size="16">${text}</text></svg>`;

describe('renderPng', () => {
  it('renders at 300 dpi by default: 300/96 pixels per CSS pixel, tagged 11811 px/m', async () => {
    const png = await renderPng(textOnly('x'));
    expect(pngSize(png)).toEqual({
      width: Math.round((200 * 300) / 96),
      height: Math.round((40 * 300) / 96),
    });
    expect(pngResolution(png)).toEqual({ dpi: 11811 * 0.0254, ppm: 11811, crcValid: true });
  });

  it('renders to a given pixel width at a given dpi, keeping the aspect ratio', async () => {
    const png = await renderPng(textOnly('x'), { dpi: 600, widthPx: 1000 });
    expect(pngSize(png)).toEqual({ width: 1000, height: 200 });
    expect(pngResolution(png)?.ppm).toBe(23622);
  });

  it('draws text with the bundled font (no system fonts are loaded)', async () => {
    const blank = await renderPng(textOnly(''));
    const words = await renderPng(textOnly('Overall survival'));
    const other = await renderPng(textOnly('Overall survivaI'));
    // Glyphs make the image differ from the blank one, and different glyphs differ from each other.
    expect(Buffer.compare(Buffer.from(words), Buffer.from(blank))).not.toBe(0);
    expect(Buffer.compare(Buffer.from(words), Buffer.from(other))).not.toBe(0);
  });
});

describe('renderSvg', () => {
  it('renders a Vega-Lite spec headless, escaping text from the data', async () => {
    const svg = await renderSvg({
      data: { values: [{ a: '<b>x</b>', n: 2 }] },
      mark: 'bar',
      encoding: { y: { field: 'a', type: 'nominal' }, x: { field: 'n', type: 'quantitative' } },
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('aria-roledescription="bar"');
    expect(svg).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(svg).not.toContain('<b>');
  });

  it('a spec drawn again (from memory in a long-running --watch) gives the same SVG; a changed one a new one', async () => {
    const spec = (n: number) => ({
      data: { values: [{ a: 'x', n }] },
      mark: 'bar',
      encoding: { y: { field: 'a', type: 'nominal' }, x: { field: 'n', type: 'quantitative' } },
    });
    const first = await renderSvg(spec(3));
    expect(await renderSvg(spec(3))).toBe(first);
    const changed = await renderSvg(spec(30));
    expect(changed).not.toBe(first);
    // Evicting the oldest drawings (more specs than are kept) changes nothing a caller sees.
    for (let k = 0; k < 140; k++) await renderSvg(spec(100 + k));
    expect(await renderSvg(spec(3))).toBe(first);
    expect(await renderSvg(spec(30))).toBe(changed);
  }, 60_000);
});
