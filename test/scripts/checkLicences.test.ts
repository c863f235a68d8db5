import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isPermissive, judgeLicences, lockedPackages } from '../../scripts/checkLicences.mjs';

const pkg = (name: string, license: string, dev = false) => ({ name, version: '1.0.0', license, dev });

describe('isPermissive: SPDX expressions', () => {
  it('accepts permissive ids, an OR with one permissive side, an AND of permissive ones', () => {
    for (const e of [
      'MIT',
      'ISC',
      'BSD-3-Clause',
      'Apache-2.0',
      '(MIT OR GPL-3.0-or-later)',
      '(MIT AND Zlib)',
    ])
      expect(isPermissive(e), e).toBe(true);
    expect(isPermissive('Apache-2.0 WITH LLVM-exception')).toBe(true);
  });

  it('refuses copyleft, an AND with a copyleft side, unknown text and broken expressions', () => {
    for (const e of [
      'GPL-3.0',
      'AGPL-3.0-only',
      'LGPL-2.1',
      'MPL-2.0',
      '(MIT AND GPL-2.0)',
      'SEE LICENSE IN x',
      'UNLICENSED',
      '',
      'MIT OR',
      '(MIT',
      'MIT)',
    ])
      expect(isPermissive(e), e).toBe(false);
  });
});

describe('judgeLicences', () => {
  it('refuses a copyleft or undeclared licence that no one has reviewed', () => {
    const judged = judgeLicences([pkg('left-pad', 'MIT'), pkg('gpl-thing', 'GPL-3.0'), pkg('nameless', '')]);
    expect(judged.map((p) => p.verdict)).toEqual(['ok', 'refused', 'refused']);
  });

  it('accepts a reviewed package only under the licence that was reviewed, with its platform binaries', () => {
    const judged = judgeLicences([
      pkg('@resvg/resvg-js', 'MPL-2.0'),
      pkg('@resvg/resvg-js-linux-x64-gnu', 'MPL-2.0'),
      pkg('@resvg/resvg-js', 'GPL-3.0'),
      pkg('@resvg/resvg-js-linux-x64-gnu', 'AGPL-3.0'),
      pkg('buffers', ''),
      pkg('buffers-extra', ''),
    ]);
    expect(judged.map((p) => p.verdict)).toEqual([
      'reviewed',
      'reviewed',
      'refused',
      'refused',
      'reviewed',
      'refused',
    ]);
  });
});

describe('the shipped package-lock.json', () => {
  it('reads every locked package with its licence', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
    const packages = lockedPackages(lock);
    expect(packages.length).toBe(Object.keys(lock.packages).length - 1);
    expect(packages.find((p) => p.name === 'vega')?.license).toBe('BSD-3-Clause');
  });

  it('passes the check: npm run licences exits 0 and lists the reviewed packages', () => {
    const run = spawnSync(process.execPath, ['scripts/checkLicences.mjs'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^casepool is MIT-licensed; \d+ packages in package-lock.json:/);
    expect(run.stdout).toContain('reviewed: @resvg/resvg-js');
  });
});
