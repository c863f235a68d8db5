import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temp folder holding the given files (copied from their paths), for one test run. */
export function cohortFromFiles(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'casepool-cohort-'));
  for (const [name, from] of Object.entries(files)) cpSync(from, join(dir, name));
  return dir;
}

/**
 * The synthetic 49-patient fixture with the real adrenal cohort definition and published figures. The
 * real cohort's accepted warnings and appraisals are about its own rows and sources, so the copy names
 * no accepted.csv and no appraisal.
 */
export function syntheticAdrenalCohort(): string {
  const dir = cohortFromFiles({
    'published.csv': 'data/adrenal-lms/published.csv',
    'cases.csv': 'test/fixtures/synthetic-adrenal/cases.csv',
    'sources.csv': 'test/fixtures/synthetic-adrenal/sources.csv',
  });
  const config = JSON.parse(readFileSync('data/adrenal-lms/cohort.json', 'utf8')) as {
    files: Record<string, string>;
    appraisal?: unknown;
  };
  // The real cohort's accepted warnings and source appraisals are about its own rows and sources.
  delete config.files.accepted;
  delete config.files.appraisal;
  delete config.appraisal;
  writeFileSync(join(dir, 'cohort.json'), JSON.stringify(config, null, 2));
  return dir;
}

export function tempOut(): string {
  return join(mkdtempSync(join(tmpdir(), 'casepool-out-')), 'report');
}
