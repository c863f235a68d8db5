import { fontTables, unicodeCmaps } from './fontMetrics.ts';

/**
 * A TrueType font cut down to the outlines of the characters charts commonly use, glyph numbers kept.
 *
 * Why: resvg-js (2.6) can take fonts only as files, and its font database reads the whole file again
 * each time it shapes or outlines a run of text (counted with strace: ~11,600 reads of the 0.7 MB
 * DejaVu files for the adrenal report, about a third of all rasterising time, most of it kernel time).
 * A file that holds only the outlines a chart can reach is read as often but is ~3 times smaller
 * (0.24 MB).
 *
 * Nothing a chart draws changes: every glyph keeps its number, so cmap, hmtx, kern, GPOS and GSUB are
 * copied unchanged, and the outline of every glyph that a character of `COMMON_CHARACTERS` can reach
 * (through cmap, then any GSUB substitution, then the parts of composite glyphs) is copied as it is.
 * Only other glyphs' outlines are emptied and the glyph names of `post` dropped (format 3), which
 * no renderer draws. A chart with a character outside the set is drawn with the full font
 * (`coveredBySubset`).
 */

/** Code point ranges (inclusive) whose glyphs the cut-down font keeps. */
export const COMMON_CHARACTERS: ReadonlyArray<readonly [number, number]> = [
  [0x20, 0x7e], // Basic Latin
  [0xa0, 0x17f], // Latin-1 Supplement, Latin Extended-A
  [0x370, 0x3ff], // Greek (χ², α, β, …)
  [0x2000, 0x206f], // General Punctuation (– — … ‘ ’ “ ” •)
  [0x2070, 0x209f], // superscripts and subscripts
  [0x20a0, 0x20cf], // currency
  [0x2190, 0x21ff], // arrows
  [0x2200, 0x22ff], // mathematical operators (− ≤ ≥ ∞ ±)
];

function inCommonCharacters(codePoint: number): boolean {
  return COMMON_CHARACTERS.some(([first, last]) => codePoint >= first && codePoint <= last);
}

const hex = (codePoint: number) => `\\u{${codePoint.toString(16)}}`;
/** A character outside the set (line ends and tabs between tags are fine): one native scan of the SVG. */
const UNCOMMON = new RegExp(
  `[^\\n\\r\\t${COMMON_CHARACTERS.map(([first, last]) => `${hex(first)}-${hex(last)}`).join('')}]`,
  'u',
);

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/**
 * Whether every character of an SVG (its markup is ASCII; numeric character references are read as
 * the characters they stand for) is one whose glyphs the cut-down font keeps. A named entity other
 * than XML's five answers no, as does anything not understood: the full font then draws it.
 */
export function coveredBySubset(svg: string): boolean {
  if (UNCOMMON.test(svg)) return false;
  for (const [, reference] of svg.matchAll(/&([^;\s]*);/g)) {
    const name = reference!;
    if (XML_ENTITIES.has(name)) continue;
    const numeric = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(name);
    if (!numeric) return false;
    const codePoint = numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2]!, 10);
    if (!inCommonCharacters(codePoint)) return false;
  }
  return true;
}

/** The glyphs of an OpenType coverage table, in coverage order. */
function coverage(font: DataView, at: number): number[] {
  const glyphs: number[] = [];
  const format = font.getUint16(at);
  const count = font.getUint16(at + 2);
  if (format === 1) for (let i = 0; i < count; i++) glyphs.push(font.getUint16(at + 4 + 2 * i));
  else if (format === 2)
    for (let i = 0; i < count; i++) {
      const range = at + 4 + 6 * i;
      for (let g = font.getUint16(range); g <= font.getUint16(range + 2); g++) glyphs.push(g);
    }
  else throw new Error(`unknown OpenType coverage format ${format}`);
  return glyphs;
}

/**
 * Adds to `keep` every glyph a GSUB substitution can put in place of kept glyphs, until nothing more
 * is added. Over-approximated: a substitution counts whatever its context, for every lookup.
 */
function closeOverSubstitutions(font: DataView, gsub: number, keep: Set<number>): void {
  const lookupList = gsub + font.getUint16(gsub + 8);
  const subtables: Array<{ type: number; at: number }> = [];
  for (let l = 0; l < font.getUint16(lookupList); l++) {
    const lookup = lookupList + font.getUint16(lookupList + 2 + 2 * l);
    const type = font.getUint16(lookup);
    for (let s = 0; s < font.getUint16(lookup + 4); s++) {
      const at = lookup + font.getUint16(lookup + 6 + 2 * s);
      // Extension (type 7): the real type and a 32-bit offset to the subtable.
      if (type === 7) subtables.push({ type: font.getUint16(at + 2), at: at + font.getUint32(at + 4) });
      else subtables.push({ type, at });
    }
  }
  const uint16s = (at: number, count: number) =>
    Array.from({ length: count }, (_, i) => font.getUint16(at + 2 * i));
  for (let grown = true; grown;) {
    const before = keep.size;
    for (const { type, at } of subtables) {
      const format = font.getUint16(at);
      const covered = type <= 4 || type === 8 ? coverage(font, at + font.getUint16(at + 2)) : [];
      const outputs: number[] = [];
      covered.forEach((glyph, index) => {
        if (!keep.has(glyph)) return;
        if (type === 1 && format === 1) outputs.push((glyph + font.getInt16(at + 4)) & 0xffff);
        else if (type === 1 && format === 2) outputs.push(font.getUint16(at + 6 + 2 * index));
        else if (type === 2 || type === 3) {
          // Multiple / alternate: a sequence or alternate set per covered glyph.
          const set = at + font.getUint16(at + 6 + 2 * index);
          outputs.push(...uint16s(set + 2, font.getUint16(set)));
        } else if (type === 4) {
          const set = at + font.getUint16(at + 6 + 2 * index);
          for (let g = 0; g < font.getUint16(set); g++) {
            const ligature = set + font.getUint16(set + 2 + 2 * g);
            const components = uint16s(ligature + 4, font.getUint16(ligature + 2) - 1);
            if (components.every((c) => keep.has(c))) outputs.push(font.getUint16(ligature));
          }
        } else if (type === 8) {
          // Reverse chaining: the substitutes follow the backtrack and lookahead coverage offsets.
          let p = at + 4;
          p += 2 + 2 * font.getUint16(p);
          p += 2 + 2 * font.getUint16(p);
          outputs.push(font.getUint16(p + 2 + 2 * index));
        }
      });
      for (const g of outputs) keep.add(g);
    }
    grown = keep.size > before;
  }
}

/** Adds the parts of kept composite glyphs (and their parts), so that each one draws whole. */
function closeOverComposites(
  font: DataView,
  glyf: number,
  offsetOf: (g: number) => [number, number],
  keep: Set<number>,
) {
  const pending = [...keep];
  while (pending.length > 0) {
    const [start, end] = offsetOf(pending.pop()!);
    if (end <= start || font.getInt16(glyf + start) >= 0) continue;
    let p = glyf + start + 10;
    for (let more = true; more;) {
      const flags = font.getUint16(p);
      const part = font.getUint16(p + 2);
      if (!keep.has(part)) {
        keep.add(part);
        pending.push(part);
      }
      p += 4 + (flags & 0x1 ? 4 : 2) + (flags & 0x8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
      more = (flags & 0x20) !== 0;
    }
  }
}

function checksum(bytes: Uint8Array): number {
  const padded = new Uint8Array((bytes.length + 3) & ~3);
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

/** The font with only the outlines `COMMON_CHARACTERS` can reach (glyph numbers and every other table kept). */
export function subsetFont(bytes: Uint8Array): Uint8Array {
  const font = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = [...fontTables(bytes)].map(([tag, place]) => ({ tag, ...place }));
  const table = (tag: string) => {
    const entry = entries.find((e) => e.tag === tag);
    if (!entry) throw new Error(`the font has no ${tag} table`);
    return entry;
  };
  const head = table('head').offset;
  const longOffsets = font.getInt16(head + 50) === 1;
  const glyphCount = font.getUint16(table('maxp').offset + 4);
  const loca = table('loca').offset;
  const glyf = table('glyf');
  const offsetOf = (g: number): [number, number] =>
    longOffsets
      ? [font.getUint32(loca + 4 * g), font.getUint32(loca + 4 * g + 4)]
      : [2 * font.getUint16(loca + 2 * g), 2 * font.getUint16(loca + 2 * g + 2)];

  // Every Unicode subtable, should they differ: whichever the shaper reads, its glyphs are kept.
  const keep = new Set<number>([0]);
  for (const { glyphs } of unicodeCmaps(bytes))
    for (const [codePoint, glyph] of glyphs) if (inCommonCharacters(codePoint)) keep.add(glyph);
  if (entries.some((e) => e.tag === 'GSUB')) closeOverSubstitutions(font, table('GSUB').offset, keep);
  closeOverComposites(font, glyf.offset, offsetOf, keep);

  // glyf: the kept outlines as they were, the others empty; loca in the long format.
  const outlines: Uint8Array[] = [];
  const newLoca = new DataView(new ArrayBuffer(4 * (glyphCount + 1)));
  let at = 0;
  for (let g = 0; g < glyphCount; g++) {
    newLoca.setUint32(4 * g, at);
    const [start, end] = offsetOf(g);
    if (!keep.has(g) || end <= start) continue;
    const outline = new Uint8Array((end - start + 3) & ~3);
    outline.set(bytes.subarray(glyf.offset + start, glyf.offset + end));
    outlines.push(outline);
    at += outline.length;
  }
  newLoca.setUint32(4 * glyphCount, at);
  const newGlyf = new Uint8Array(at);
  outlines.reduce((p, o) => (newGlyf.set(o, p), p + o.length), 0);

  // Copies (a Buffer's slice() would share the input's memory).
  const newHead = new Uint8Array(bytes.subarray(head, head + table('head').length));
  const headView = new DataView(newHead.buffer);
  headView.setUint32(8, 0); // checkSumAdjustment, set below
  headView.setInt16(50, 1); // indexToLocFormat: long
  const post = table('post');
  const newPost = new Uint8Array(bytes.subarray(post.offset, post.offset + 32));
  new DataView(newPost.buffer).setUint32(0, 0x00030000);

  const replaced: Record<string, Uint8Array> = {
    glyf: newGlyf,
    loca: new Uint8Array(newLoca.buffer),
    head: newHead,
    post: newPost,
  };
  const tables = entries.map((e) => ({
    tag: e.tag,
    data: replaced[e.tag] ?? bytes.subarray(e.offset, e.offset + e.length),
  }));
  const headerLength = 12 + 16 * tables.length;
  const total = tables.reduce((n, t) => n + ((t.data.length + 3) & ~3), headerLength);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(bytes.subarray(0, 12));
  let offset = headerLength;
  let headAt = 0;
  tables.forEach((t, i) => {
    const record = 12 + 16 * i;
    for (let k = 0; k < 4; k++) view.setUint8(record + k, t.tag.charCodeAt(k));
    view.setUint32(record + 4, checksum(t.data));
    view.setUint32(record + 8, offset);
    view.setUint32(record + 12, t.data.length);
    out.set(t.data, offset);
    if (t.tag === 'head') headAt = offset;
    offset += (t.data.length + 3) & ~3;
  });
  view.setUint32(headAt + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}
