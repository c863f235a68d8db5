// The shipped cohorts pass --strict: each of their warnings is resolved in the data or recorded, with
// its reason, in the cohort's accepted.csv. Remove a decision and --strict stops, saying why.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSummary } from '../../pipeline/cli/runSummary.ts';
import { runCohort } from '../../pipeline/run.ts';
import { tempDir } from '../helpers/badCohort.ts';
import { tempOut } from '../helpers/cohortCopy.ts';
import { workbookFromCsv } from '../helpers/workbookFromCsv.ts';

describe.each(['adrenal-lms', 'spinal-lms'])('%s under --strict', (cohort) => {
  it('writes its report: every warning is accepted with a reason', async () => {
    const result = await runCohort(`data/${cohort}`, tempOut(), { strict: true, png: false });
    expect(result.exitCode).toBe(0);
    const warnings = result.findings.filter((f) => f.severity === 'warning');
    expect(warnings.filter((f) => f.accepted === undefined)).toEqual([]);
    for (const w of warnings) expect(w.accepted!.length).toBeGreaterThan(20);
    const page = readFileSync(join(result.outDir, 'index.html'), 'utf8');
    for (const w of warnings) expect(page).toContain(`Accepted: ${w.accepted!.replace(/'/g, '&#39;')}`);
  });
});

describe('spinal-lms under --strict', () => {
  it('stops once a decision is removed, and the summary says --strict promoted the warning', async () => {
    const dir = join(tempDir(), 'spinal-lms');
    cpSync('data/spinal-lms', dir, { recursive: true });
    const accepted = readFileSync(join(dir, 'accepted.csv'), 'utf8').split('\n');
    writeFileSync(join(dir, 'accepted.csv'), [accepted[0], ...accepted.slice(2)].join('\n'));
    const result = await runCohort(dir, tempOut(), { strict: true, png: false });
    expect(result.exitCode).toBe(1);
    expect(runSummary(result).at(-1)).toMatch(
      /\(\d+ accepted, 1 promoted to errors by --strict\)|\(1 promoted to errors by --strict\)/,
    );
  });
});

describe('a row check on an excluded row (adrenal ALMS-034: dead, no follow-up, include = no)', () => {
  // A copy whose accepted.csv holds exactly the decision the shipped one needed for ALMS-034, and one
  // without it (the lead removes it from data/ on main).
  const DECISION =
    'cases.csv,check.dead_without_followup,ALMS-034,"synthetic copy of the shipped decision, for the test"';
  const copyWith = (lines: string[]) => {
    const dir = join(tempDir(), 'adrenal-lms');
    cpSync('data/adrenal-lms', dir, { recursive: true });
    writeFileSync(join(dir, 'accepted.csv'), ['file,code,key,reason', ...lines, ''].join('\n'));
    return dir;
  };

  it('is a note, not a warning: --strict passes without a decision for it', async () => {
    const result = await runCohort(copyWith([]), tempOut(), { strict: true, png: false });
    expect(result.exitCode).toBe(0);
    const found = result.findings.filter((f) => f.code === 'check.dead_without_followup');
    expect(found.map((f) => f.severity)).toEqual(['info']);
    expect(found[0]!.message).toContain('an excluded row');
  });

  it('and the decision made for it, now unused, is a note to remove the line: --strict still passes', async () => {
    const result = await runCohort(copyWith([DECISION]), tempOut(), { strict: true, png: false });
    expect(result.exitCode).toBe(0);
    const unused = result.findings.filter((f) => f.code === 'accepted.unused');
    expect(unused.map((f) => [f.line, f.severity])).toEqual([[2, 'info']]);
    expect(unused[0]!.message).toMatch(/remove this line$/);
  });
});

describe('decisions keyed by the table, not the file name', () => {
  // A copy of the adrenal cohort in which ALMS-001 (included) loses its follow-up, so that the
  // dead-without-follow-up check warns on it; the decision names cases.csv.
  const copy = () => {
    const dir = join(tempDir(), 'adrenal-lms');
    cpSync('data/adrenal-lms', dir, { recursive: true });
    const lines = readFileSync(join(dir, 'cases.csv'), 'utf8').split('\n');
    const k = lines.findIndex((l) => l.startsWith('ALMS-001,'));
    lines[k] = lines[k]!.replace(',dead,8 months,', ',dead,,');
    writeFileSync(join(dir, 'cases.csv'), lines.join('\n'));
    writeFileSync(
      join(dir, 'accepted.csv'),
      'file,code,key,reason\ncases.csv,check.dead_without_followup,ALMS-001,"synthetic edit of a copy, for the test"\n',
    );
    return dir;
  };

  it('keeps a decision when cases.csv becomes cases.xlsx', async () => {
    const dir = copy();
    writeFileSync(join(dir, 'cases.xlsx'), await workbookFromCsv({ Cases: join(dir, 'cases.csv') }));
    rmSync(join(dir, 'cases.csv'));
    const text = readFileSync(join(dir, 'cohort.json'), 'utf8');
    writeFileSync(join(dir, 'cohort.json'), text.replace('"cases": "cases.csv"', '"cases": "cases.xlsx"'));
    const result = await runCohort(dir, tempOut(), { strict: true, png: false });
    const found = result.findings.filter((f) => f.code === 'check.dead_without_followup');
    // ALMS-001's warning, accepted by the line naming cases.csv; ALMS-034's note (an excluded row).
    expect(found.map((f) => [f.severity, f.accepted])).toEqual([
      ['warning', 'synthetic edit of a copy, for the test'],
      ['info', undefined],
    ]);
    expect(result.exitCode).toBe(0);
    expect(result.findings.filter((f) => f.code.startsWith('accepted.'))).toEqual([]);
  });

  it('does not advise removing a decision when the cases could not be read', async () => {
    const dir = copy();
    rmSync(join(dir, 'cases.csv'));
    const result = await runCohort(dir, tempOut(), { strict: true, png: false });
    expect(result.exitCode).toBe(1);
    expect(result.findings.filter((f) => /remove this line/.test(f.message))).toEqual([]);
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
