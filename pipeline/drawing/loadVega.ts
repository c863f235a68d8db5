import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runInThisContext } from 'node:vm';
import type * as VegaModule from 'vega';
import type * as VegaLiteModule from 'vega-lite';

const require = createRequire(import.meta.url);

/** The chart libraries a layout needs: the vega runtime and the vega-lite compiler on it. */
export interface ChartLibraries {
  vega: typeof VegaModule;
  vegaLite: typeof VegaLiteModule;
}

/** Where the UMD bundles are looked for; null where the package cannot be found at all. */
export interface BundleFiles {
  vega: string | null;
  vegaLite: string | null;
}

/**
 * Evaluates a UMD bundle that a package ships next to its ES modules, handing it `exports` and a
 * `require` for its one dependency. Loading one file is many times faster than importing hundreds of
 * ES modules: vega ~0.1 s instead of ~0.5 s, vega-lite ~0.1 s instead of ~0.6 s (twice that under
 * tsx's loader), on every run.
 */
function loadBundle(file: string, dependencies: Record<string, unknown>): Record<string, unknown> {
  const exports: Record<string, unknown> = {};
  const factory = runInThisContext(
    `(function (exports, module, require) {${readFileSync(file, 'utf8')}\n})`,
    {
      filename: file,
    },
  ) as (exports: object, module: object, require: (name: string) => unknown) => void;
  factory(exports, { exports }, (name) => {
    if (!(name in dependencies)) throw new Error(`${file} asks for "${name}", which is not provided`);
    return dependencies[name];
  });
  return exports;
}

/** `<package>/build/<name>`: the bundle of the installed version, beside the module entry point. */
function bundleOf(pkg: string, name: string): string | null {
  try {
    return join(dirname(require.resolve(pkg)), name);
  } catch {
    return null;
  }
}

/** The bundles of the installed vega and vega-lite (`build/vega.min.js`, `build/vega-lite.min.js`). */
export const installedBundles = (): BundleFiles => ({
  vega: bundleOf('vega', 'vega.min.js'),
  vegaLite: bundleOf('vega-lite', 'vega-lite.min.js'),
});

const isFunction = (x: unknown): x is (...args: never[]) => unknown => typeof x === 'function';

/**
 * What a layout takes from vega (renderChart.ts): `View` and `parse` to lay a spec out, and the
 * `textMetrics` object whose `width` it replaces with the bundled font's widths.
 */
export function isVegaRuntime(x: Record<string, unknown>): boolean {
  const metrics = x.textMetrics as Record<string, unknown> | undefined;
  return (
    isFunction(x.View) && isFunction(x.parse) && typeof metrics === 'object' && isFunction(metrics.width)
  );
}

/** What a layout takes from vega-lite: `compile`. */
export const isVegaLiteCompiler = (x: Record<string, unknown>): boolean => isFunction(x.compile);

/**
 * A bundle's exports when the file is there, evaluates and exports what we take; null otherwise (a
 * repackaged or new major version), so the caller imports the package's ES modules instead.
 */
function fromBundle(
  file: string | null,
  dependencies: Record<string, unknown>,
  exportsWhatWeTake: (x: Record<string, unknown>) => boolean,
): Record<string, unknown> | null {
  if (file === null || !existsSync(file)) return null;
  try {
    const exports = loadBundle(file, dependencies);
    return exportsWhatWeTake(exports) ? exports : null;
  } catch {
    return null;
  }
}

/**
 * vega and vega-lite from their UMD bundles (`files`), the fast way; each one whose bundle is not
 * where it is looked for, or does not export what a layout takes, from a plain `import()` of the
 * package (slower to load, the same charts), so a repackaging costs start-up time, not every chart.
 */
export async function loadChartLibraries(files: BundleFiles = installedBundles()): Promise<ChartLibraries> {
  const vega = (fromBundle(files.vega, {}, isVegaRuntime) ?? (await import('vega'))) as typeof VegaModule;
  const vegaLite = (fromBundle(files.vegaLite, { vega }, isVegaLiteCompiler) ??
    (await import('vega-lite'))) as typeof VegaLiteModule;
  return { vega, vegaLite };
}

let installed: Promise<ChartLibraries> | undefined;

/** The installed chart libraries, loaded on first use and kept for the process. */
export function chartLibraries(): Promise<ChartLibraries> {
  installed ??= loadChartLibraries();
  return installed;
}
