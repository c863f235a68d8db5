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

describe('accepting a warning about a row of appraisal.csv', () => {
  it('keys it by the source id, so --strict lets it pass', async () => {
    const dir = join(tempDir(), 'adrenal-lms');
    cpSync('data/adrenal-lms', dir, { recursive: true });
    // Blank one answer of the first appraised source (an edit of a copy, for the test).
    const lines = readFileSync(join(dir, 'appraisal.csv'), 'utf8').split('\n');
    const first = lines[1]!.split(',');
    const source = first[0]!;
    first[2] = '';
    lines[1] = first.join(',');
    writeFileSync(join(dir, 'appraisal.csv'), lines.join('\n'));
    const refused = await runCohort(dir, tempOut(), { strict: true, png: false });
    expect(refused.exitCode).toBe(1);
    expect(refused.findings.filter((f) => f.code === 'appraisal.unanswered').map((f) => f.accepted)).toEqual([
      undefined,
    ]);
    writeFileSync(
      join(dir, 'accepted.csv'),
      `${readFileSync(join(dir, 'accepted.csv'), 'utf8').trimEnd()}\nappraisal.csv,appraisal.unanswered,${source},"synthetic decision, for the test"\n`,
    );
    const accepted = await runCohort(dir, tempOut(), { strict: true, png: false });
    expect(accepted.exitCode).toBe(0);
    expect(accepted.findings.find((f) => f.code === 'appraisal.unanswered')!.accepted).toBe(
      'synthetic decision, for the test',
    );
  });
});
