// The shipped cohorts pass --strict: each of their warnings is resolved in the data or recorded, with
// its reason, in the cohort's accepted.csv. Remove a decision and --strict stops, saying why.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSummary } from '../../pipeline/report/runSummary.ts';
import { runCohort } from '../../pipeline/run.ts';
import { tempDir } from '../helpers/badCohort.ts';
import { tempOut } from '../helpers/cohortCopy.ts';

describe.each(['adrenal-lms', 'spinal-lms'])('%s under --strict', (cohort) => {
  it('writes its report: every warning is accepted with a reason', async () => {
    const result = await runCohort(`data/${cohort}`, tempOut(), { strict: true, png: false });
    expect(result.exitCode).toBe(0);
    const warnings = result.findings.filter((f) => f.severity === 'warning');
    expect(warnings.filter((f) => f.accepted === undefined)).toEqual([]);
    for (const w of warnings) expect(w.accepted!.length).toBeGreaterThan(20);
    const page = readFileSync(join(result.outDir, 'index.html'), 'utf8');
    expect(page).toContain(`Accepted: ${warnings[0]!.accepted!.replace(/'/g, '&#39;')}`);
  });

  it('stops once a decision is removed, and the summary says --strict promoted the warning', async () => {
    const dir = join(tempDir(), cohort);
    cpSync(`data/${cohort}`, dir, { recursive: true });
    const accepted = readFileSync(join(dir, 'accepted.csv'), 'utf8').split('\n');
    writeFileSync(join(dir, 'accepted.csv'), [accepted[0], ...accepted.slice(2)].join('\n'));
    const result = await runCohort(dir, tempOut(), { strict: true, png: false });
    expect(result.exitCode).toBe(1);
    expect(runSummary(result).at(-1)).toMatch(
      /\(\d+ accepted, 1 promoted to errors by --strict\)|\(1 promoted to errors by --strict\)/,
    );
  });
});
