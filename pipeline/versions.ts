import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The versions a report was made with: what a methods section names and a re-run a year later needs. */
export interface SoftwareVersions {
  casepool: string;
  node: string;
  vega: string;
  vega_lite: string;
}

/**
 * The version in the nearest package.json named `name`, from `start` upwards: casepool's own
 * package.json is the one source of its version, found from pipeline/ (tsx) and from dist/pipeline/
 * (the build) alike; a dependency's from its installed files (vega's "exports" hide its package.json
 * from require.resolve).
 */
function packageVersion(name: string, start: string): string {
  for (let dir = start; ;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (json.name === name && typeof json.version === 'string') return json.version;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json of ${name} above ${start}`);
    dir = parent;
  }
}

let versions: SoftwareVersions | undefined;

/** casepool's version (package.json), Node's, and those of the chart libraries, read once. */
export function softwareVersions(): SoftwareVersions {
  versions ??= {
    casepool: casepoolVersion(),
    node: process.versions.node,
    vega: packageVersion('vega', dirname(require.resolve('vega'))),
    vega_lite: packageVersion('vega-lite', dirname(require.resolve('vega-lite'))),
  };
  return versions;
}

/** casepool's version, from its package.json. */
export function casepoolVersion(): string {
  return packageVersion('casepool', dirname(fileURLToPath(import.meta.url)));
}

/** The versions in one line, as the page footer and the methods text say them. */
export const versionsText = (v: SoftwareVersions) =>
  `casepool ${v.casepool}, Node.js ${v.node}, Vega ${v.vega}, Vega-Lite ${v.vega_lite}`;
