import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BUNDLED_FONT_FILES,
  fontFilesFor,
  installedFontVersion,
} from '../../pipeline/drawing/bundledFont.ts';
import { readFontWidths } from '../../pipeline/drawing/fontMetrics.ts';
import { COMMON_CHARACTERS, coveredBySubset, subsetFont } from '../../pipeline/drawing/fontSubset.ts';
import { runCohort } from '../../pipeline/run.ts';

const require = createRequire(import.meta.url);
const { Resvg } = require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');

/** The tables of a TrueType file, by tag. */
function tables(font: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const found = new Map<string, Uint8Array>();
  for (let i = 0; i < view.getUint16(4); i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(...font.subarray(at, at + 4));
    const offset = view.getUint32(at + 8);
    found.set(tag, font.subarray(offset, offset + view.getUint32(at + 12)));
  }
  return found;
}

/** Each glyph's outline bytes, by glyph number (long or short loca). */
function outlines(font: Uint8Array): Uint8Array[] {
  const t = tables(font);
  const head = t.get('head')!;
  const long = new DataView(head.buffer, head.byteOffset).getInt16(50) === 1;
  const loca = t.get('loca')!;
  const locaView = new DataView(loca.buffer, loca.byteOffset, loca.byteLength);
  const glyf = t.get('glyf')!;
  const maxp = t.get('maxp')!;
  const count = new DataView(maxp.buffer, maxp.byteOffset).getUint16(4);
  const at = (g: number) => (long ? locaView.getUint32(4 * g) : 2 * locaView.getUint16(2 * g));
  return Array.from({ length: count }, (_, g) => glyf.subarray(at(g), at(g + 1)));
}

const original = BUNDLED_FONT_FILES.map((f) => readFileSync(f));
const cut = original.map((f) => subsetFont(f));
/** The cut-down files where bundledFont.ts would find them after a build: a temporary folder here. */
let subsetDir: string;
beforeAll(() => {
  subsetDir = mkdtempSync(join(tmpdir(), 'casepool-font-subset-'));
  BUNDLED_FONT_FILES.forEach((f, i) => writeFileSync(join(subsetDir, basename(f)), cut[i]!));
  writeFileSync(
    join(subsetDir, 'source.json'),
    JSON.stringify({ package: 'dejavu-fonts-ttf', version: installedFontVersion() }),
  );
});

describe('subsetFont', () => {
  it('is several times smaller than the font it is cut from', () => {
    for (const [i, font] of original.entries()) expect(cut[i]!.length).toBeLessThan(font.length / 2.5);
  });

  it('keeps every table but glyf, loca, head and post byte for byte (glyph numbers are kept)', () => {
    for (const [i, font] of original.entries()) {
      const before = tables(font);
      const after = tables(cut[i]!);
      expect([...after.keys()]).toEqual([...before.keys()]);
      for (const [tag, data] of before)
        if (!['glyf', 'loca', 'head', 'post'].includes(tag))
          expect(Buffer.compare(after.get(tag)!, data), tag).toBe(0);
      // post keeps its 32-byte header (italic angle, underline, fixed pitch), only the glyph names go.
      expect(Buffer.compare(after.get('post')!.subarray(4, 32), before.get('post')!.subarray(4, 32))).toBe(0);
    }
  });

  it('keeps the outline of every common character, and empties those of others (Cyrillic, CJK-free DejaVu symbols)', () => {
    const [font] = original;
    const widths = readFontWidths(BUNDLED_FONT_FILES[0]!);
    const before = outlines(font!);
    const after = outlines(cut[0]!);
    expect(after).toHaveLength(before.length);
    let kept = 0;
    let emptied = 0;
    // Every non-empty outline is kept whole (padded to 4 bytes at most) or emptied, never altered.
    for (const [g, outline] of before.entries()) {
      if (after[g]!.length === 0) {
        if (outline.length > 0) emptied++;
        continue;
      }
      kept++;
      expect(Buffer.compare(after[g]!.subarray(0, outline.length), outline), `glyph ${g}`).toBe(0);
    }
    expect(kept).toBeGreaterThan(500);
    expect(emptied).toBeGreaterThan(3000);
    // A common character keeps its outline; one outside the set (Ж, U+0416) loses it.
    expect(widths.advance.has(0x416)).toBe(true);
    const drawn = (text: string) =>
      new Resvg(
        `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><text x="2" y="15" font-size="12">${text}</text></svg>`,
        {
          font: {
            loadSystemFonts: false,
            fontFiles: [join(subsetDir, basename(BUNDLED_FONT_FILES[0]!))],
            defaultFontFamily: 'DejaVu Sans',
          },
        },
      )
        .render()
        .pixels.some((v, i) => i % 4 === 3 && v > 0);
    expect(drawn('é≤χ')).toBe(true);
    expect(drawn('Ж')).toBe(false);
  });
});

describe('coveredBySubset', () => {
  it('is true when every character (numeric references included) is a common one', () => {
    expect(
      coveredBySubset('<svg><text>Survival by sex · χ² = 3.2, p ≤ 0.05 – n = 40 &amp; &lt;5</text></svg>'),
    ).toBe(true);
    expect(coveredBySubset('<text>&#955; &#x3bb; Łódź</text>')).toBe(true);
  });

  it('is false for any other character, written or referenced, and for named entities it cannot read', () => {
    expect(coveredBySubset('<text>Жуков</text>')).toBe(false);
    expect(coveredBySubset('<text>&#x416;</text>')).toBe(false);
    expect(coveredBySubset('<text>&#1046;</text>')).toBe(false);
    expect(coveredBySubset('<text>a&nbsp;b</text>')).toBe(false);
    expect(coveredBySubset('<text>😀</text>')).toBe(false);
  });

  it('agrees with COMMON_CHARACTERS at the edges of each range', () => {
    for (const [first, last] of COMMON_CHARACTERS) {
      expect(coveredBySubset(String.fromCodePoint(first, last))).toBe(true);
      if (!COMMON_CHARACTERS.some(([a, b]) => last + 1 >= a && last + 1 <= b))
        expect(coveredBySubset(String.fromCodePoint(last + 1))).toBe(false);
    }
  });
});

describe('fontFilesFor', () => {
  it('takes the cut-down files only when they were cut from the installed fonts and the SVG is covered', () => {
    expect(fontFilesFor('<svg>n = 40</svg>', subsetDir)).toEqual(
      BUNDLED_FONT_FILES.map((f) => join(subsetDir, basename(f))),
    );
    expect(fontFilesFor('<svg>Жуков</svg>', subsetDir)).toEqual(BUNDLED_FONT_FILES);
    const stale = mkdtempSync(join(tmpdir(), 'casepool-font-stale-'));
    BUNDLED_FONT_FILES.forEach((f, i) => writeFileSync(join(stale, basename(f)), cut[i]!));
    writeFileSync(
      join(stale, 'source.json'),
      JSON.stringify({ package: 'dejavu-fonts-ttf', version: '0.0.1' }),
    );
    expect(fontFilesFor('<svg>n = 40</svg>', stale)).toEqual(BUNDLED_FONT_FILES);
    expect(fontFilesFor('<svg>n = 40</svg>', join(tmpdir(), 'casepool-no-such-folder'))).toEqual(
      BUNDLED_FONT_FILES,
    );
  });

  it.each([
    ['adrenal-lms', 'double'],
    ['spinal-lms', 'double'],
    ['adrenal-lms', 'single'],
  ] as const)(
    'every figure of %s (%s column) rasterises to the same PNG bytes with the cut-down fonts as with the full ones',
    async (cohort, width) => {
      const out = join(mkdtempSync(join(tmpdir(), 'casepool-font-figures-')), 'report');
      const run = await runCohort(join('data', cohort), out, {
        png: false,
        figures: { width },
        log: () => {},
        notice: () => {},
      });
      expect(run.exitCode).toBe(0);
      const svgs = readdirSync(join(out, 'figures')).filter((f) => f.endsWith('.svg'));
      expect(svgs.length).toBeGreaterThan(10);
      for (const name of svgs) {
        const svg = readFileSync(join(out, 'figures', name), 'utf8');
        const files = fontFilesFor(svg, subsetDir);
        expect(files, name).not.toEqual(BUNDLED_FONT_FILES);
        const png = (fontFiles: readonly string[]) =>
          new Resvg(svg, {
            fitTo: { mode: 'zoom', value: 300 / 96 },
            font: {
              loadSystemFonts: false,
              fontFiles: [...fontFiles],
              defaultFontFamily: 'DejaVu Sans',
              sansSerifFamily: 'DejaVu Sans',
            },
            background: 'white',
          })
            .render()
            .asPng();
        expect(Buffer.compare(png(files), png(BUNDLED_FONT_FILES)), name).toBe(0);
      }
    },
    120_000,
  );
});
