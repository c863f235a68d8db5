/**
 * figureReuse: what of a previous report may be inlined again. The previous report is the user's
 * files, so its SVG is reused only when nothing in it could act in a page, however it is spelled.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DRAWING_DEPENDENCIES,
  drawingCode,
  svgHasActiveContent,
} from '../../pipeline/drawing/figureReuse.ts';
import { cohortCopy, removeTemporaryFolders, run, tempDir } from '../helpers/badCohort.ts';

afterAll(removeTemporaryFolders);

const clean =
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><g role="img" aria-label="Sources&#39; years"><text>a &lt; b</text></g></svg>';

describe('svgHasActiveContent', () => {
  it("passes what our renderer writes (escapeHtml's &#39; included)", () => {
    expect(svgHasActiveContent(clean)).toBe(false);
  });

  it.each([
    ['a script', '<script>alert(1)</script>'],
    ['a script with space and case', '< SCRIPT >alert(1)</script>'],
    ['an event attribute', '<rect onload="alert(1)"/>'],
    ['an event attribute in capitals', '<rect ONMOUSEOVER = "alert(1)"/>'],
    ['foreign content', '<foreignObject><iframe src="x"></iframe></foreignObject>'],
    ['a link', '<a href="https://example.org"><text>x</text></a>'],
    ['an xlink:href', '<use xlink:href="#x"/>'],
    ['an animation that sets an attribute', '<set attributeName="fill" to="red"/>'],
    ['an animate element', '<animate attributeName="href" values="javascript:alert(1)"/>'],
    ['a javascript: text', '<text>javascript:alert(1)</text>'],
    ['javascript: spelled with decimal references', '<text>&#106;&#97;vascript&#58;alert(1)</text>'],
    ['javascript: spelled with hexadecimal references', '<text>&#x6A;avascript&#x3a;</text>'],
  ])('refuses %s', (_, markup) => {
    expect(svgHasActiveContent(clean.replace('<text>', `${markup}<text>`))).toBe(true);
  });

  it('passes every figure and part a run draws (so reuse still saves their redraw)', async () => {
    const out = join(tempDir(), 'report');
    expect((await run(cohortCopy(), out)).exitCode).toBe(0);
    const figures = join(out, 'figures');
    const svgs = readdirSync(figures).filter((f) => f.endsWith('.svg'));
    expect(svgs.length).toBeGreaterThan(0);
    for (const file of svgs)
      expect(svgHasActiveContent(readFileSync(join(figures, file), 'utf8')), file).toBe(false);
    const manifest = JSON.parse(readFileSync(join(figures, 'manifest.json'), 'utf8')) as {
      parts: Record<string, { svg: string }>;
    };
    for (const [layout, part] of Object.entries(manifest.parts))
      expect(svgHasActiveContent(part.svg), layout).toBe(false);
  });
});

const ROOM = fileURLToPath(new URL('../../pipeline/drawing/', import.meta.url));

/** The drawing room and its dependencies copied to a temporary pipeline/ folder; the room's path. */
function roomCopy(): string {
  const pipeline = join(tempDir(), 'pipeline');
  const room = join(pipeline, 'drawing');
  cpSync(ROOM, room, { recursive: true });
  for (const dependency of DRAWING_DEPENDENCIES) {
    const file = join(room, `${dependency}.ts`);
    mkdirSync(dirname(file), { recursive: true });
    cpSync(join(ROOM, `${dependency}.ts`), file);
  }
  return room;
}

/** The modules outside `room` that a module of it imports for values (type-only imports aside). */
function valueImportsOutside(room: string): string[] {
  const found = new Set<string>();
  for (const name of readdirSync(room).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(room, name), 'utf8');
    const statements = [
      ...text.matchAll(/^(?:import|export)\s+(type\s)?[^;]*?from\s+'([^']+)';/gm),
      ...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g),
    ];
    for (const m of statements) {
      const typeOnly = m.length === 3 && m[1] !== undefined;
      const target = m[m.length - 1]!;
      if (typeOnly || !target.startsWith('.')) continue;
      const full = resolve(room, target);
      if (dirname(full) !== resolve(room)) found.add(`../${full.slice(resolve(room, '..').length + 1)}`);
    }
  }
  return [...found].map((f) => f.replace(/\.ts$/, '')).sort();
}

describe('the drawing code in figure keys', () => {
  it('is every module of the drawing room, listed from the folder', () => {
    const names = drawingCode().filter((_, k) => k % 2 === 0);
    const room = readdirSync(ROOM).filter((f) => f.endsWith('.ts'));
    expect(room.length).toBeGreaterThan(10);
    expect(names.slice(0, room.length)).toEqual([...room].sort());
    expect(names.slice(room.length)).toEqual(DRAWING_DEPENDENCIES.map((d) => `${d}.ts`));
  });

  it('names every module outside the room that the room imports for its values', () => {
    expect(valueImportsOutside(ROOM)).toEqual([...DRAWING_DEPENDENCIES].sort());
  });

  it('changes when a module is added to the room, or one of its files or dependencies is edited', () => {
    const room = roomCopy();
    const before = JSON.stringify(drawingCode(room, '.ts'));
    expect(JSON.stringify(drawingCode(room, '.ts'))).toBe(before);
    writeFileSync(join(room, 'newStep.ts'), 'export const drawsDifferently = true;\n');
    const added = JSON.stringify(drawingCode(room, '.ts'));
    expect(added).not.toBe(before);
    const other = roomCopy();
    writeFileSync(
      join(other, 'encodePng.ts'),
      `${readFileSync(join(other, 'encodePng.ts'), 'utf8')}\n// edited\n`,
    );
    expect(JSON.stringify(drawingCode(other, '.ts'))).not.toBe(before);
    const third = roomCopy();
    const unsafe = join(third, '../parse/unsafeText.ts');
    writeFileSync(unsafe, `${readFileSync(unsafe, 'utf8')}\n// edited\n`);
    expect(JSON.stringify(drawingCode(third, '.ts'))).not.toBe(before);
  });
});
