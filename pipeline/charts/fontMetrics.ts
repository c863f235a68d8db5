import { readFileSync } from 'node:fs';

/** Advance widths of a TrueType font, read from its cmap (format 4) and hmtx tables. */
export interface FontWidths {
  unitsPerEm: number;
  /** Advance of each BMP code point, in font units. */
  advance: Map<number, number>;
  /** Advance of a character the font lacks (its .notdef glyph). */
  missing: number;
}

function tables(font: Buffer): Map<string, number> {
  const count = font.readUInt16BE(4);
  const found = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    found.set(font.toString('latin1', at, at + 4), font.readUInt32BE(at + 8));
  }
  return found;
}

/** Reads the advance widths of a TrueType file (the bundled DejaVu fonts). */
export function readFontWidths(file: string): FontWidths {
  const font = readFileSync(file);
  const t = tables(font);
  const need = (name: string) => {
    const at = t.get(name);
    if (at === undefined) throw new Error(`${file} has no ${name} table`);
    return at;
  };
  const unitsPerEm = font.readUInt16BE(need('head') + 18);
  const longMetrics = font.readUInt16BE(need('hhea') + 34);
  const hmtx = need('hmtx');
  const glyphAdvance = (glyph: number) => font.readUInt16BE(hmtx + 4 * Math.min(glyph, longMetrics - 1));
  const cmap = need('cmap');
  let subtable = -1;
  for (let i = 0; i < font.readUInt16BE(cmap + 2); i++) {
    const at = cmap + 4 + i * 8;
    const [platform, encoding] = [font.readUInt16BE(at), font.readUInt16BE(at + 2)];
    const offset = cmap + font.readUInt32BE(at + 4);
    if (platform === 3 && encoding === 1 && font.readUInt16BE(offset) === 4) subtable = offset;
  }
  if (subtable < 0) throw new Error(`${file} has no Unicode BMP cmap (format 4)`);
  const segments = font.readUInt16BE(subtable + 6) / 2;
  const ends = subtable + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  const advance = new Map<number, number>();
  for (let s = 0; s < segments; s++) {
    const end = font.readUInt16BE(ends + 2 * s);
    const start = font.readUInt16BE(starts + 2 * s);
    const delta = font.readInt16BE(deltas + 2 * s);
    const rangeOffset = font.readUInt16BE(rangeOffsets + 2 * s);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const at = rangeOffsets + 2 * s + rangeOffset + 2 * (c - start);
        glyph = font.readUInt16BE(at);
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) advance.set(c, glyphAdvance(glyph));
    }
  }
  return { unitsPerEm, advance, missing: glyphAdvance(0) };
}

/** Width of `text` in pixels at `fontSize`, as the font lays it out (no kerning). */
export function textWidth(widths: FontWidths, text: string, fontSize: number): number {
  let units = 0;
  for (const ch of text) units += widths.advance.get(ch.codePointAt(0)!) ?? widths.missing;
  return (units * fontSize) / widths.unitsPerEm;
}
