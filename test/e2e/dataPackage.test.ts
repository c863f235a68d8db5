import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCohort } from '../../pipeline/run.ts';
import { checkDataPackage } from '../helpers/checkTableSchema.ts';
import { tempOut } from '../helpers/cohortCopy.ts';
import { cpSync } from 'node:fs';

describe.each(['adrenal-lms', 'spinal-lms'])('datapackage.json of %s', (cohort) => {
  let tidyDir: string;
  beforeAll(async () => {
    const result = await runCohort(`data/${cohort}`, tempOut(), { png: false });
    expect(result.exitCode).toBe(0);
    tidyDir = join(result.outDir, 'tidy');
  });

  it('matches the tidy files column by column (types, enums, bounds, keys)', () => {
    expect(checkDataPackage(tidyDir)).toEqual([]);
  });

  it('lists every tidy CSV except the codebook, which is generated from the same schema', () => {
    const pkg = JSON.parse(readFileSync(join(tidyDir, 'datapackage.json'), 'utf8')) as {
      resources: Array<{ path: string; schema: { fields: Array<{ name: string }> } }>;
    };
    const codebook = readFileSync(join(tidyDir, 'codebook.csv'), 'utf8')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',')[0]);
    expect(codebook).toEqual(pkg.resources[0]!.schema.fields.map((f) => f.name));
  });
});

describe('the checker itself', () => {
  it('catches a value outside its enum and a broken foreign key', async () => {
    const result = await runCohort('data/adrenal-lms', tempOut(), { png: false });
    const copy = mkdtempSync(join(tmpdir(), 'casepool-dp-'));
    cpSync(join(result.outDir, 'tidy'), copy, { recursive: true });
    const cases = readFileSync(join(copy, 'cases.csv'), 'utf8').replace(',female,', ',femme,');
    writeFileSync(join(copy, 'cases.csv'), cases);
    writeFileSync(join(copy, 'symptoms.csv'), 'case_id,value\r\nNOPE,abdominal_pain\r\n');
    const problems = checkDataPackage(copy);
    expect(problems.some((p) => p.includes('"femme" is not in enum'))).toBe(true);
    expect(problems.some((p) => p.includes('"NOPE" not in cases'))).toBe(true);
  });
});
