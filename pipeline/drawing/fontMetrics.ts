import { readFileSync } from 'node:fs';

/** Advance widths of a TrueType font, read from its cmap (format 4) and hmtx tables. */
export interface FontWidths {
  unitsPerEm: number;
  /** Advance of each BMP code point, in font units. */
  advance: Map<number, number>;
  /** Advance of a character the font lacks (its .notdef glyph). */
  missing: number;
}

/** Where each table of a TrueType file starts and how long it is, by tag. */
export function fontTables(font: Uint8Array): Map<string, { offset: number; length: number }> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const found = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < view.getUint16(4); i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(...font.subarray(at, at + 4));
    found.set(tag, { offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  return found;
}

/**
 * The Unicode BMP subtables (format 4) of a font's cmap, each as code point → glyph number (glyph 0,
 * the missing glyph, left out), with the platform and encoding they are listed under.
 */
export function unicodeCmaps(
  font: Uint8Array,
): Array<{ platform: number; encoding: number; glyphs: Map<number, number> }> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const cmap = fontTables(font).get('cmap')?.offset;
  if (cmap === undefined) return [];
  const found = [];
  for (let i = 0; i < view.getUint16(cmap + 2); i++) {
    const at = cmap + 4 + i * 8;
    const [platform, encoding] = [view.getUint16(at), view.getUint16(at + 2)];
    const subtable = cmap + view.getUint32(at + 4);
    if (view.getUint16(subtable) !== 4 || !(platform === 0 || (platform === 3 && encoding === 1))) continue;
    const segments = view.getUint16(subtable + 6) / 2;
    const ends = subtable + 14;
    const starts = ends + 2 * segments + 2;
    const deltas = starts + 2 * segments;
    const rangeOffsets = deltas + 2 * segments;
    const glyphs = new Map<number, number>();
    for (let s = 0; s < segments; s++) {
      const end = view.getUint16(ends + 2 * s);
      const start = view.getUint16(starts + 2 * s);
      const delta = view.getInt16(deltas + 2 * s);
      const rangeOffset = view.getUint16(rangeOffsets + 2 * s);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let glyph: number;
        if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
        else {
          glyph = view.getUint16(rangeOffsets + 2 * s + rangeOffset + 2 * (c - start));
          if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
        }
        if (glyph !== 0) glyphs.set(c, glyph);
      }
    }
    found.push({ platform, encoding, glyphs });
  }
  return found;
}

/** Reads the advance widths of a TrueType file (the bundled DejaVu fonts). */
export function readFontWidths(file: string): FontWidths {
  const font = readFileSync(file);
  const t = fontTables(font);
  const need = (name: string) => {
    const at = t.get(name)?.offset;
    if (at === undefined) throw new Error(`${file} has no ${name} table`);
    return at;
  };
  const unitsPerEm = font.readUInt16BE(need('head') + 18);
  const longMetrics = font.readUInt16BE(need('hhea') + 34);
  const hmtx = need('hmtx');
  const glyphAdvance = (glyph: number) => font.readUInt16BE(hmtx + 4 * Math.min(glyph, longMetrics - 1));
  need('cmap');
  const windows = unicodeCmaps(font).filter((c) => c.platform === 3);
  if (windows.length === 0) throw new Error(`${file} has no Unicode BMP cmap (format 4)`);
  const advance = new Map<number, number>();
  for (const [c, glyph] of windows.at(-1)!.glyphs) advance.set(c, glyphAdvance(glyph));
  return { unitsPerEm, advance, missing: glyphAdvance(0) };
}

/** Width of `text` in pixels at `fontSize`, as the font lays it out (no kerning). */
export function textWidth(widths: FontWidths, text: string, fontSize: number): number {
  let units = 0;
  for (const ch of text) units += widths.advance.get(ch.codePointAt(0)!) ?? widths.missing;
  return (units * fontSize) / widths.unitsPerEm;
}
