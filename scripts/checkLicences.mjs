/* global process, console, URL */
/**
 * `npm run licences`: lists the licence of every package in package-lock.json (what `npm ci`
 * installs) and fails on a copyleft or unknown licence that has not been reviewed below. casepool is
 * MIT-licensed; a dependency under a licence that would impose its terms on casepool's own code
 * (GPL, AGPL, LGPL, …), or under no licence at all, has to be looked at by a person first.
 *
 * Reads the lock file only (no network, no node_modules), so it gives the same answer on any machine.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Licences that ask nothing of casepool beyond keeping their notice: SPDX ids (and one old alias). */
export const PERMISSIVE = new Set([
  '0BSD',
  'Apache-2.0',
  'BlueOak-1.0.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'CC0-1.0',
  'CC-BY-4.0',
  'ISC',
  'MIT',
  'MIT-0',
  'MIT/X11',
  'Python-2.0',
  'Unlicense',
  'Zlib',
]);

/**
 * Packages a person has looked at, with the reason their licence is acceptable. A new version keeps
 * its exception only while its licence text stays the one recorded here. `platformBinaries`: the
 * package's prebuilt binaries, published as `<name>-<platform>` under the same licence, share it.
 */
export const REVIEWED = new Map([
  [
    '@resvg/resvg-js',
    {
      license: 'MPL-2.0',
      reason:
        'file-level copyleft: obligations attach only to changed MPL files, and casepool uses the package unmodified as a separate library (the PNG renderer the project chose)',
      platformBinaries: true,
    },
  ],
  [
    'lightningcss',
    {
      license: 'MPL-2.0',
      reason: 'an optional CSS tool of the test runner (development only), used unmodified',
      platformBinaries: true,
    },
  ],
  [
    'dejavu-fonts-ttf',
    {
      license: 'SEE LICENSE IN README.md AND LICENSE',
      reason:
        'the Bitstream Vera font licence with the DejaVu changes in the public domain: permissive, allows embedding and redistribution (the fonts are embedded in the SVG and PNG figures)',
    },
  ],
  [
    'buffers',
    {
      license: '',
      reason:
        'declares no licence (0.1.1, 2011, no LICENSE file); a transitive dependency of exceljs (via unzipper and binary) that casepool does not call; kept while exceljs needs it, flagged here so that it is not forgotten',
    },
  ],
]);

/**
 * Whether an SPDX licence expression is permissive: `A OR B` when either side is, `A AND B` when both
 * are, parentheses and `WITH` exceptions (judged by the licence before WITH) allowed. A text that is
 * not an expression of known ids is not permissive.
 */
export function isPermissive(expression) {
  const tokens = expression
    .replace(/[()]/g, (p) => ` ${p} `)
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '');
  let at = 0;
  const primary = () => {
    const token = tokens[at++];
    if (token === '(') {
      const value = orExpression();
      if (tokens[at++] !== ')') throw new Error('unbalanced');
      return value;
    }
    if (token === undefined || token === ')' || /^(AND|OR|WITH)$/.test(token)) throw new Error('unexpected');
    if (tokens[at] === 'WITH') at += 2;
    return PERMISSIVE.has(token.replace(/\+$/, ''));
  };
  const andExpression = () => {
    let value = primary();
    while (tokens[at] === 'AND') {
      at++;
      value = primary() && value;
    }
    return value;
  };
  const orExpression = () => {
    let value = andExpression();
    while (tokens[at] === 'OR') {
      at++;
      value = andExpression() || value;
    }
    return value;
  };
  try {
    const value = orExpression();
    return at === tokens.length && value;
  } catch {
    return false;
  }
}

/** Every package of a lock file (v2/v3) with its licence text and whether it is development-only. */
export function lockedPackages(lock) {
  return Object.entries(lock.packages ?? {})
    .filter(([path]) => path !== '')
    .map(([path, entry]) => ({
      name: entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length),
      version: entry.version ?? '',
      license: typeof entry.license === 'string' ? entry.license : '',
      dev: entry.dev === true,
    }));
}

/** The review that covers a package: its own, or that of the package whose prebuilt binary it is. */
function reviewOf(name) {
  const own = REVIEWED.get(name);
  if (own) return own;
  for (const [reviewed, review] of REVIEWED)
    if (review.platformBinaries && name.startsWith(`${reviewed}-`))
      return { ...review, reason: `a prebuilt binary of ${reviewed} for one platform (see there)` };
  return undefined;
}

/** Each package judged: `ok` (permissive), `reviewed` (an exception above) or `refused`. */
export function judgeLicences(packages) {
  return packages.map((p) => {
    if (p.license !== '' && isPermissive(p.license)) return { ...p, verdict: 'ok' };
    const review = reviewOf(p.name);
    if (review && review.license === p.license) return { ...p, verdict: 'reviewed', reason: review.reason };
    return { ...p, verdict: 'refused' };
  });
}

function main() {
  const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'));
  const judged = judgeLicences(lockedPackages(lock));
  const counts = new Map();
  for (const p of judged) if (p.verdict === 'ok') counts.set(p.license, (counts.get(p.license) ?? 0) + 1);
  console.log(`casepool is MIT-licensed; ${judged.length} packages in package-lock.json:`);
  for (const [license, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`  ${n} × ${license}`);
  const reviewed = judged.filter((p) => p.verdict === 'reviewed');
  for (const p of reviewed.filter((p) => REVIEWED.has(p.name)))
    console.log(`  reviewed: ${p.name} ${p.version} (${p.license || 'no licence'}): ${p.reason}`);
  const binaries = reviewed.filter((p) => !REVIEWED.has(p.name)).length;
  if (binaries > 0) console.log(`  reviewed: ${binaries} prebuilt platform binaries of the packages above`);
  const refused = judged.filter((p) => p.verdict === 'refused');
  for (const p of refused)
    console.error(
      `package-lock.json: error: ${p.name} ${p.version}${p.dev ? ' (development only)' : ''} is under ${p.license ? `"${p.license}"` : 'no declared licence'}, which is copyleft or unknown: review it (scripts/checkLicences.mjs, REVIEWED) or replace the dependency`,
    );
  process.exit(refused.length === 0 ? 0 : 1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
