// npm run new-cohort -- <dir> --from <table>: the folder written from the synthetic spreadsheet of
// test/fixtures/spreadsheets, as a CSV and as a workbook, and the run on it green with no edit.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main as pipeline } from '../../pipeline/cli/cli.ts';
import { main as newCohort } from '../../pipeline/cli/newCohort.ts';
import type { Stats } from '../../pipeline/stages/analyze.ts';
import { sourcesStub } from '../../pipeline/spreadsheet/newCohortFrom.ts';
import { POOLED, pooledWorkbook } from '../helpers/pooledSpreadsheet.ts';

const quiet = () => {};
const scratch = () => mkdtempSync(join(tmpdir(), 'casepool-from-'));

async function runPipeline(dir: string) {
  const out = join(scratch(), 'report');
  const lines: string[] = [];
  const code = await pipeline(['--cohort', dir, '--out', out, '--no-png'], (s) => lines.push(s));
  const stats = code === 0 ? (JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8')) as Stats) : null;
  return { code, lines, stats };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('new-cohort --from a CSV', async () => {
  const dir = join(scratch(), 'Pooled Review');
  const before = readFileSync(POOLED);
  const printed: string[] = [];
  const code = await newCohort([dir, '--from', POOLED], (s) => printed.push(s));

  it('writes the folder: the table copied as it was, codebook, cohort.json, sources stub, report', () => {
    expect(code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      'cases.csv',
      'codebook.csv',
      'cohort.json',
      'inference-report.txt',
      'sources.csv',
    ]);
    expect(readFileSync(join(dir, 'cases.csv'))).toEqual(before);
    expect(readFileSync(POOLED)).toEqual(before);
    expect(JSON.parse(readFileSync(join(dir, 'cohort.json'), 'utf8'))).toEqual({
      id: 'pooled-review',
      title: 'Cohort from pooled-cases.csv',
      description:
        'Inferred by npm run new-cohort --from pooled-cases.csv. codebook.csv describes each column (edit it in Excel); inference-report.txt says what was inferred and why.',
      inclusion: 'Every row of pooled-cases.csv.',
      files: { cases: 'cases.csv', sources: 'sources.csv', codebook: 'codebook.csv' },
    });
    // The report is printed and written.
    expect(printed.join('\n')).toContain(readFileSync(join(dir, 'inference-report.txt'), 'utf8').trimEnd());
  });

  it('runs green with no edit, the default analyses made from the codebook', async () => {
    const run = await runPipeline(dir);
    expect(run.code).toBe(0);
    expect(run.lines.filter((l) => /: (warning|error): /.test(l))).toEqual([]);
    const stats = run.stats!;
    const statistic = (id: string) => stats.statistics.find((s) => s.id === id)!;
    // Gender: F ×5, female ×2, Woman ×1 are female; n/a (P07) is not reported, never "no".
    expect([statistic('gender_female').numerator, statistic('gender_female').denominator]).toEqual([8, 14]);
    expect(statistic('gender_female.reported').denominator).toBe(13);
    // Side: L, Lt., left, LEFT; "-" and "?" are not reported.
    expect([statistic('side_left').numerator, statistic('side_left.reported').denominator]).toEqual([6, 12]);
    // Metastatic sites, split on ";" and ",": lung (and Lung) in P01, P02, P04, P09, P12; "lungs" left apart.
    expect(statistic('metastatic_sites_lung').case_ids).toEqual(['P01', 'P02', 'P04', 'P09', 'P12']);
    expect(statistic('metastatic_sites_lungs').case_ids).toEqual(['P06']);
    // "not reported", "-" and "unk" (proposed in the codebook) are not reported.
    expect(statistic('chemo_yes.reported').denominator).toBe(11);
    expect(Object.keys(stats.continuous)).toEqual([
      'age_years_summary',
      'tumour_size_summary',
      'follow_up_months_summary',
    ]);
    // "~60" and "approximately 45" are not read as ages (listed in the codebook), NR and N.R. are not
    // reported: 10 of 14.
    expect(stats.continuous.age_years_summary!.n).toBe(10);
    // Kaplan–Meier from the outcome and follow-up columns: dead, died, deceased and DOD are deaths.
    expect([stats.survival!.overall.n, stats.survival!.overall.events]).toEqual([10, 7]);
    expect(stats.table1).toBeDefined();
  });
});

describe('new-cohort --from a workbook sheet', () => {
  it('copies the workbook and names the sheet; the run is green (Excel dates and the merged header are warnings)', async () => {
    const folder = scratch();
    const workbook = join(folder, 'extraction.xlsx');
    writeFileSync(workbook, await pooledWorkbook());
    const dir = join(folder, 'from-excel');
    expect(await newCohort([dir, '--from', `${workbook}#Patients`], quiet)).toBe(0);
    expect(readFileSync(join(dir, 'cases.xlsx'))).toEqual(readFileSync(workbook));
    expect(JSON.parse(readFileSync(join(dir, 'cohort.json'), 'utf8')).files.cases).toBe(
      'cases.xlsx#Patients',
    );
    const run = await runPipeline(dir);
    expect(run.code).toBe(0);
    expect(run.lines.some((l) => /warning: Date of diagnosis is a date in Excel/.test(l))).toBe(true);
    expect(run.lines.some((l) => /warning: cells H1:I1 are merged/.test(l))).toBe(true);
    expect(run.stats!.statistics.find((s) => s.id === 'treatment_yes')!.denominator).toBe(14);
  }, 60_000);
});

describe('new-cohort --from: refusals', () => {
  it('writes nothing when the table cannot be read (exit 1), and wants a folder and a table (exit 2)', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((s: string) => errors.push(s));
    const dir = join(scratch(), 'none');
    expect(await newCohort([dir, '--from', join(scratch(), 'missing.csv')], quiet)).toBe(1);
    expect(() => readdirSync(dir)).toThrow();
    expect(await newCohort([dir, '--from'], quiet)).toBe(2);
    expect(await newCohort(['--from', POOLED], quiet)).toBe(2);
    expect(errors.at(-1)).toBe(
      'casepool: new-cohort --from takes a folder and a table: npm run new-cohort -- <dir> --from <file.csv|file.xlsx[#Sheet]>',
    );
    const full = scratch();
    writeFileSync(join(full, 'kept.txt'), 'kept\n');
    expect(await newCohort([full, '--from', POOLED], quiet)).toBe(2);
    expect(readdirSync(full)).toEqual(['kept.txt']);
  });
});

describe('sourcesStub', () => {
  it('writes one row per citation, with the year it names', () => {
    expect(
      sourcesStub({ column: 'ref', values: ['Smith 2019 (synthetic)', 'Case report (synthetic)'] }).split(
        '\r\n',
      ),
    ).toEqual([
      'source_id,authors,year,title,journal,doi,pmid,url,note',
      'Smith 2019 (synthetic),,2019,,,,,,"written by new-cohort --from, from the citation column: complete authors, title and journal"',
      'Case report (synthetic),,,,,,,,"written by new-cohort --from, from the citation column: complete authors, title and journal"',
      '',
    ]);
  });
});
