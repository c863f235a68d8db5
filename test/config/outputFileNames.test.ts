import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCohort } from '../../pipeline/config/loadCohort.ts';
import type { CohortConfig } from '../../pipeline/types.ts';

// Names in cohort.json that become output file names must be plain names; the synthetic
// drug-reactions cohort has one list column (`reaction`, column 5) to rename.
const base = JSON.parse(readFileSync('test/fixtures/drug-reactions/cohort.json', 'utf8')) as CohortConfig;
const listColumn = base.columns.findIndex((c) => c.type === 'list');

function load(change: (c: CohortConfig) => void) {
  const config = structuredClone(base);
  change(config);
  const dir = mkdtempSync(join(tmpdir(), 'casepool-names-'));
  writeFileSync(join(dir, 'cohort.json'), JSON.stringify(config, null, 2));
  return loadCohort(dir, 'cohort.json');
}

describe('names that become output files', () => {
  it('the shipped and fixture cohorts pass', () => {
    for (const dir of [
      'data/adrenal-lms',
      'data/spinal-lms',
      'test/fixtures/drug-reactions',
      'test/fixtures/hostile',
    ])
      expect(
        loadCohort(dir).findings.filter((f) => f.severity === 'error'),
        dir,
      ).toEqual([]);
  });

  it.each(['../../somewhere/cases', 'a/b', '..', '.hidden', 'x..y', 'C:evil', 'white space', ''])(
    'a list column named %j is a located config error',
    (name) => {
      const loaded = load((c) => (c.columns[listColumn]!.name = name));
      expect(loaded.config).toBeNull();
      const line = JSON.stringify(structuredClone(base), null, 2)
        .split('\n')
        .findIndex((l) => l.includes(`"name": "${base.columns[listColumn]!.name}"`));
      expect(loaded.findings).toContainEqual(
        expect.objectContaining({
          file: 'cohort.json',
          line: line + 1,
          severity: 'error',
          code: 'config.invalid',
          message: expect.stringMatching(
            name === ''
              ? new RegExp(`^/columns/${listColumn}/name: `)
              : new RegExp(`^/columns/${listColumn}/name: ".*" cannot name an output file: use letters`),
          ) as unknown,
        }),
      );
    },
  );

  it.each(['cases', 'Sources', 'CODEBOOK'])(
    'a list named %j would overwrite a tidy table: an error',
    (name) => {
      const loaded = load((c) => (c.columns[listColumn]!.name = name));
      expect(loaded.config).toBeNull();
      expect(loaded.findings.map((f) => f.message)).toContain(
        `/columns/${listColumn}/name: "${name}" cannot name a list: tidy/cases.csv, tidy/sources.csv and tidy/codebook.csv are casepool's own tables`,
      );
    },
  );

  it('a plain name with dots, dashes and digits is fine', () => {
    const loaded = load((c) => (c.columns[listColumn]!.name = 'Reaction-2.v1_x'));
    expect(loaded.findings.filter((f) => f.message.includes('/columns/'))).toEqual([]);
  });

  it('a non-list column keeps any name (it becomes no file)', () => {
    const text = base.columns.findIndex((c) => c.type !== 'list' && c.name !== base.roles.caseId);
    const loaded = load((c) => (c.columns[text]!.name = 'dose (mg)'));
    expect(loaded.findings.filter((f) => f.message.includes(`/columns/${text}/name`))).toEqual([]);
  });
});
