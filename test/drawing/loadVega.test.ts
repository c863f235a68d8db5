// What loadVega.ts assumes of the installed vega and vega-lite (UMD bundles beside their entry points,
// exporting what a layout takes), pinned here so that an upgrade that breaks it fails a test instead of
// every chart at run time; and the fallback to a plain import() when a bundle is not usable.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledFontWidths } from '../../pipeline/drawing/bundledFont.ts';
import { textWidth } from '../../pipeline/drawing/fontMetrics.ts';
import {
  chartLibraries,
  installedBundles,
  isVegaLiteCompiler,
  isVegaRuntime,
  loadChartLibraries,
} from '../../pipeline/drawing/loadVega.ts';
import { drawSvgWith, measureWithBundledFont } from '../../pipeline/drawing/renderChart.ts';

const require = createRequire(import.meta.url);

/** The version in a package's own package.json (vega and vega-lite export none: found above the entry). */
function installedVersion(name: string): string {
  for (let dir = dirname(require.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (manifest.name === name) return manifest.version!;
  }
  throw new Error(`no package.json for ${name}`);
}

const SPEC = {
  title: 'Overall survival by a rather long subtitle Wg',
  data: { values: [{ a: 'Female patients', n: 2 }] },
  mark: 'bar',
  encoding: { y: { field: 'a', type: 'nominal' }, x: { field: 'n', type: 'quantitative' } },
};

const missing = join(tmpdir(), 'casepool-no-such-dir', 'vega.min.js');

describe('loadVega: what it assumes of the installed packages', () => {
  it('finds both UMD bundles where it looks, beside the packages’ entry points', () => {
    const files = installedBundles();
    expect(files.vega).toBe(join(dirname(require.resolve('vega')), 'vega.min.js'));
    expect(files.vegaLite).toBe(join(dirname(require.resolve('vega-lite')), 'vega-lite.min.js'));
    expect(existsSync(files.vega!)).toBe(true);
    expect(existsSync(files.vegaLite!)).toBe(true);
  });

  it('the bundles evaluate to the installed versions and export what a layout takes', async () => {
    const { vega, vegaLite } = await loadChartLibraries();
    // Not the ES modules: the bundles were used (the fallback would give the import() namespaces).
    expect(vega).not.toBe(await import('vega'));
    expect(vegaLite).not.toBe(await import('vega-lite'));
    expect(vega.version).toBe(installedVersion('vega'));
    expect(vegaLite.version).toBe(installedVersion('vega-lite'));
    expect(typeof vega.View).toBe('function');
    expect(typeof vega.parse).toBe('function');
    expect(typeof vegaLite.compile).toBe('function');
    // renderChart.ts replaces this function: it must be there, and be what Vega's layout calls.
    expect(typeof (vega as unknown as { textMetrics: { width: unknown } }).textMetrics.width).toBe(
      'function',
    );
  });

  it('after preparation the runtime measures text with the bundled font, as resvg draws it', async () => {
    const { vega } = await chartLibraries();
    measureWithBundledFont(vega);
    const metrics = (vega as unknown as { textMetrics: { width: (item: object, text: string) => number } })
      .textMetrics;
    const { regular, bold } = bundledFontWidths();
    expect(metrics.width({ fontSize: 13 }, 'Overall survival')).toBe(
      textWidth(regular, 'Overall survival', 13),
    );
    expect(metrics.width({ fontSize: 11, fontWeight: 'bold' }, 'Female')).toBe(textWidth(bold, 'Female', 11));
  });

  it('a layout uses the replaced width: a longer title widens the chart by the bundled font’s measure', async () => {
    const libraries = await loadChartLibraries();
    const width = async (title: string) =>
      Number(/<svg[^>]*\swidth="([0-9.]+)"/.exec(await drawSvgWith(libraries, { ...SPEC, title }))![1]);
    const { bold } = bundledFontWidths();
    const extra = 'W'.repeat(40);
    // Vega-Lite titles are bold 13 px; the chart is as wide as its title once the title is the widest.
    const grown = (await width(`x${extra}${extra}`)) - (await width(`x${extra}`));
    expect(grown).toBeCloseTo(textWidth(bold, extra, 13), 0);
  });
});

describe('loadVega: the fallback to import()', () => {
  it('the predicates refuse what lacks an export a layout takes', () => {
    const metrics = { width: () => 0 };
    const fn = () => {};
    expect(isVegaRuntime({ View: fn, parse: fn, textMetrics: metrics })).toBe(true);
    expect(isVegaRuntime({ View: fn, parse: fn })).toBe(false);
    expect(isVegaRuntime({ View: fn, parse: fn, textMetrics: {} })).toBe(false);
    expect(isVegaRuntime({ parse: fn, textMetrics: metrics })).toBe(false);
    expect(isVegaLiteCompiler({ compile: fn })).toBe(true);
    expect(isVegaLiteCompiler({ compile: 'x' })).toBe(false);
  });

  it('imports the packages when the bundles are not where they are looked for', async () => {
    const libraries = await loadChartLibraries({ vega: missing, vegaLite: null });
    expect(libraries.vega).toBe(await import('vega'));
    expect(libraries.vegaLite).toBe(await import('vega-lite'));
  });

  it('imports the package when a bundle is there but does not export what a layout takes, or throws', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casepool-bundle-'));
    const partial = join(dir, 'partial.js');
    writeFileSync(partial, 'exports.View = function () {}; exports.parse = function () {};');
    const throwing = join(dir, 'throwing.js');
    writeFileSync(throwing, 'require("d3-something-new");');
    const a = await loadChartLibraries({ vega: partial, vegaLite: throwing });
    expect(a.vega).toBe(await import('vega'));
    expect(a.vegaLite).toBe(await import('vega-lite'));
  });

  it('the imported packages lay out the same SVG as the bundles (the one default the installed tree writes apart)', async () => {
    const bundles = await loadChartLibraries();
    const imported = await loadChartLibraries({ vega: missing, vegaLite: missing });
    expect(imported.vega).not.toBe(bundles.vega);
    const fromBundles = await drawSvgWith(bundles, SPEC);
    const fromImport = await drawSvgWith(imported, SPEC);
    // The ES modules render with the vega-scenegraph that npm nested under vega-view (5.3), which
    // writes the root group's stroke-miterlimit as 4 (SVG's default), where the bundle's writes 10: a
    // very sharp corner of a line is bevelled sooner. Every position, size and text is the same.
    const miterLimit = /^(<svg[^>]*><rect[^>]*\/><g fill="none" stroke-miterlimit=")(\d+)"/;
    expect(miterLimit.exec(fromBundles)?.[2]).toBe('10');
    expect(miterLimit.exec(fromImport)?.[2]).toMatch(/^(4|10)$/);
    expect(fromImport.replace(miterLimit, '$110"')).toBe(fromBundles);
  }, 60_000);
});
