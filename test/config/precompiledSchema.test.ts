/**
 * The build (scripts/build.mjs) ships the cohort.json schema compiled to a module, and the built
 * loadCohort takes it instead of compiling the schema at start. Here a real build (into
 * test/artifacts/, git-ignored) must give the same findings, word for word and place for place, as
 * the sources, which compile the schema at run time, for configs that hit each kind of schema message
 * (unknown keys with "did you mean", missing keys, enums, conditions, file names, reserved list names).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCohort } from '../../pipeline/config/loadCohort.ts';
import type { CohortConfig } from '../../pipeline/types.ts';

const BUILD = join('test', 'artifacts', `build-${process.pid}`);
let builtLoadCohort: typeof loadCohort;

beforeAll(() => {
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--into', BUILD], { encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
}, 120_000);
afterAll(() => rmSync(BUILD, { recursive: true, force: true }));

/** Synthetic: the drug-reactions fixture's cohort.json, changed by `change`, in a temp folder. */
const base = JSON.parse(readFileSync('test/fixtures/drug-reactions/cohort.json', 'utf8')) as CohortConfig;
function cohortWith(change: (c: Record<string, unknown>) => void): string {
  const config = structuredClone(base) as unknown as Record<string, unknown>;
  change(config);
  const dir = mkdtempSync(join(tmpdir(), 'casepool-precompiled-'));
  writeFileSync(join(dir, 'cohort.json'), JSON.stringify(config, null, 2));
  return dir;
}
const listColumn = base.columns.findIndex((c) => c.type === 'list');
const cases: Array<[string, () => string]> = [
  ['the valid fixture', () => 'test/fixtures/drug-reactions'],
  ['the shipped adrenal cohort', () => 'data/adrenal-lms'],
  ...readdirSync('test/fixtures/bad')
    .filter((name) => name.startsWith('config-'))
    .map((name): [string, () => string] => [name, () => join('test/fixtures/bad', name)]),
  ['an unknown key near a known one', () => cohortWith((c) => ((c as { titel?: string }).titel = 'x'))],
  ['a missing key', () => cohortWith((c) => delete c.columns)],
  [
    'a reserved list name',
    () => cohortWith((c) => ((c.columns as CohortConfig['columns'])[listColumn]!.name = 'cases')),
  ],
  [
    'a list name that is a path',
    () => cohortWith((c) => ((c.columns as CohortConfig['columns'])[listColumn]!.name = '../x')),
  ],
  [
    'a wrong type in a column',
    () => cohortWith((c) => ((c.columns as Array<Record<string, unknown>>)[0]!.type = 'nmber')),
  ],
];

describe('the precompiled cohort.json schema (dist/)', () => {
  beforeAll(async () => {
    expect(existsSync(join(BUILD, 'pipeline', 'config', 'cohortSchemaValidator.js'))).toBe(true);
    const url = pathToFileURL(resolve(BUILD, 'pipeline', 'config', 'loadCohort.js')).href;
    builtLoadCohort = ((await import(url)) as { loadCohort: typeof loadCohort }).loadCohort;
  });

  it.each(cases)('%s: the same findings as the schema compiled at run time', (_, dir) => {
    const folder = dir();
    const fromSources = loadCohort(folder, 'cohort.json');
    const fromBuild = builtLoadCohort(folder, 'cohort.json');
    expect(fromBuild.findings).toEqual(fromSources.findings);
    expect(fromBuild.config === null).toBe(fromSources.config === null);
  });

  it('the cases above include schema errors of several kinds (the comparison is not vacuous)', () => {
    const messages = cases.flatMap(([, dir]) =>
      loadCohort(dir(), 'cohort.json').findings.map((f) => f.message),
    );
    expect(messages.some((m) => m.includes('did you mean'))).toBe(true);
    expect(messages.some((m) => m.includes('missing key'))).toBe(true);
    expect(messages.some((m) => m.includes('cannot name a list'))).toBe(true);
    expect(messages.some((m) => m.includes('cannot name an output file'))).toBe(true);
    expect(messages.some((m) => m.includes('must be one of'))).toBe(true);
  });
});
