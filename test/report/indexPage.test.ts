import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCohort } from '../../pipeline/run.ts';
import { softwareVersions, versionsText, type SoftwareVersions } from '../../pipeline/versions.ts';
import { tempOut } from '../helpers/cohortCopy.ts';

/** The local files the page links that the report does not hold, and the anchors no element has. */
function brokenLinks(outDir: string) {
  const page = readFileSync(join(outDir, 'index.html'), 'utf8');
  const hrefs = [...page.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
  const ids = new Set([...page.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]!));
  return {
    links: hrefs.length,
    files: hrefs
      // ../index.html is the list of cohorts beside the report, not in it.
      .filter((h) => !h.startsWith('#') && !h.startsWith('../') && !/^[a-z]+:/.test(h))
      .filter((h) => !existsSync(join(outDir, h))),
    anchors: hrefs.filter((h) => h.startsWith('#') && !ids.has(h.slice(1))),
  };
}

describe('the page links only what the report holds', () => {
  it.each([
    ['data/adrenal-lms', true],
    ['data/spinal-lms', true],
    ['data/adrenal-lms', false],
    ['data/spinal-lms', false],
  ])(
    '%s, PNGs %s: every file link and every anchor resolves',
    async (cohort, png) => {
      const result = await runCohort(cohort, tempOut(), { png, log: () => {}, notice: () => {} });
      expect(result.exitCode).toBe(0);
      const broken = brokenLinks(result.outDir);
      expect(broken.links).toBeGreaterThan(30);
      expect(broken.files).toEqual([]);
      expect(broken.anchors).toEqual([]);
      const page = readFileSync(join(result.outDir, 'index.html'), 'utf8');
      // Without PNGs the page says so instead of linking them.
      expect(page.includes('.png"')).toBe(png);
      expect(page.includes('This run wrote no PNGs')).toBe(!png);
    },
    120_000,
  );
});

describe('the versions that made the report', () => {
  it('are in stats.json, the page footer and the methods: casepool (package.json), Node, Vega, Vega-Lite', async () => {
    const result = await runCohort('test/fixtures/drug-reactions', tempOut(), {
      png: false,
      log: () => {},
      notice: () => {},
    });
    expect(result.exitCode).toBe(0);
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const stats = JSON.parse(readFileSync(join(result.outDir, 'stats.json'), 'utf8')) as {
      software: SoftwareVersions;
    };
    expect(stats.software).toEqual(softwareVersions());
    expect(stats.software.casepool).toBe(version);
    const page = readFileSync(join(result.outDir, 'index.html'), 'utf8');
    const footer = page.slice(page.indexOf('<footer'), page.indexOf('</footer>'));
    for (const v of [
      `casepool ${version}`,
      `Node.js ${process.versions.node}`,
      `Vega ${stats.software.vega}`,
    ])
      expect(footer).toContain(v);
    expect(footer).toMatch(new RegExp(`Vega-Lite\\s+${stats.software.vega_lite.replace(/\./g, '\\.')}`));
    const methods = page.slice(page.indexOf('<h2 id="methods">'), page.indexOf('<h2 id="codebook-section">'));
    expect(methods).toContain(versionsText(stats.software));
  }, 60_000);
});
