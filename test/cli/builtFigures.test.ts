/**
 * The built pipeline (dist/: charts on the worker pool, rasterised with the cut-down fonts the build
 * writes) draws every figure of the shipped cohorts byte for byte as the sources do in one thread with
 * the full fonts: the speed-ups of the cold run change no file a user sees. The build goes into
 * test/artifacts/ (git-ignored), the reports into a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCohort } from '../../pipeline/run.ts';

const BUILD = join('test', 'artifacts', `build-figures-${process.pid}`);

beforeAll(() => {
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--into', BUILD], { encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
}, 120_000);
afterAll(() => rmSync(BUILD, { recursive: true, force: true }));

/** The built command line as `npm run pipeline` runs it (scripts/pipeline.mjs), from the test build. */
function runBuilt(args: string[]) {
  const launcher = join(BUILD, 'run-cli.mjs');
  writeFileSync(
    launcher,
    "import { runFromCommandLine } from './pipeline/cli/cli.js';\nrunFromCommandLine(process.argv.slice(2));\n",
  );
  return spawnSync(process.execPath, [launcher, ...args], { encoding: 'utf8' });
}

describe('the built command line', () => {
  it("--version prints casepool's version from package.json and Node's, and exits 0", () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const built = runBuilt(['--version']);
    expect(built.status, built.stderr).toBe(0);
    expect(built.stdout).toBe(`casepool ${version} (Node.js ${process.versions.node})\n`);
  });
});

describe('figures of the built pipeline', () => {
  it('the build writes the cut-down fonts beside the chart modules', () => {
    const fonts = join(BUILD, 'pipeline', 'drawing', 'fonts');
    for (const name of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'source.json'])
      expect(existsSync(join(fonts, name)), name).toBe(true);
  });

  it.each(['adrenal-lms', 'spinal-lms'])(
    '%s: every SVG and PNG from the pool with the cut-down fonts is the one drawn in one thread with the full fonts',
    async (cohort) => {
      const parent = mkdtempSync(join(tmpdir(), 'casepool-built-figures-'));
      const pooled = join(parent, 'pooled');
      const built = runBuilt(['--cohort', join('data', cohort), '--out', pooled]);
      expect(built.status, built.stdout + built.stderr).toBe(0);
      const here = join(parent, 'here');
      const run = await runCohort(join('data', cohort), here, { log: () => {}, notice: () => {} });
      expect(run.exitCode).toBe(0);
      const names = readdirSync(join(here, 'figures')).filter((f) => /\.(png|svg)$/.test(f));
      expect(names.filter((f) => f.endsWith('.png')).length).toBeGreaterThan(10);
      expect(readdirSync(join(pooled, 'figures')).filter((f) => /\.(png|svg)$/.test(f))).toEqual(names);
      for (const name of names) {
        const a = readFileSync(join(pooled, 'figures', name));
        const b = readFileSync(join(here, 'figures', name));
        expect(a.equals(b), name).toBe(true);
      }
    },
    180_000,
  );
});
