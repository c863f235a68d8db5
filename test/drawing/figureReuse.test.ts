/**
 * figureReuse: what of a previous report may be inlined again. The previous report is the user's
 * files, so its SVG is reused only when nothing in it could act in a page, however it is spelled.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { svgHasActiveContent } from '../../pipeline/drawing/figureReuse.ts';
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
