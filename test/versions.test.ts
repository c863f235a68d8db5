import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { casepoolVersion, softwareVersions, versionsText } from '../pipeline/versions.ts';

const packageJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as { version: string };

describe('softwareVersions', () => {
  it("takes casepool's version from package.json, the one place it is written", () => {
    expect(casepoolVersion()).toBe(packageJson('package.json').version);
  });

  it('gives the versions of Node and of the installed Vega and Vega-Lite', () => {
    const versions = softwareVersions();
    expect(versions).toEqual({
      casepool: packageJson('package.json').version,
      node: process.versions.node,
      vega: packageJson('node_modules/vega/package.json').version,
      vega_lite: packageJson('node_modules/vega-lite/package.json').version,
    });
    expect(versionsText(versions)).toBe(
      `casepool ${versions.casepool}, Node.js ${versions.node}, Vega ${versions.vega}, Vega-Lite ${versions.vega_lite}`,
    );
  });
});
