import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCohort, type RunResult } from '../../pipeline/run.ts';
import type { Stats } from '../../pipeline/stages/analyze.ts';
import { syntheticAdrenalCohort, tempOut } from '../helpers/cohortCopy.ts';
import { workbookFromCsv } from '../helpers/workbookFromCsv.ts';

// The cohorts here are the synthetic 49-patient adrenal fixture (made-up patients), saved as
// workbooks inside the test.

/** Points cohort.json files.<role> at another file name. */
function nameInCohort(dir: string, role: string, name: string) {
  const path = join(dir, 'cohort.json');
  const config = JSON.parse(readFileSync(path, 'utf8')) as { files: Record<string, string> };
  config.files[role] = name;
  writeFileSync(path, JSON.stringify(config, null, 2));
}

/** The synthetic cohort with cases.csv replaced by a one-sheet workbook named `name`. */
async function workbookCohort(name: string): Promise<string> {
  const dir = syntheticAdrenalCohort();
  writeFileSync(join(dir, name), await workbookFromCsv({ Sheet1: join(dir, 'cases.csv') }));
  rmSync(join(dir, 'cases.csv'));
  return dir;
}

const statsOf = (result: RunResult) =>
  JSON.parse(readFileSync(join(result.outDir, 'stats.json'), 'utf8')) as Stats;

describe('extract: a cohort as CSV and as an .xlsx workbook', () => {
  let csv: RunResult;
  let xlsx: RunResult;
  beforeAll(async () => {
    csv = await runCohort(syntheticAdrenalCohort(), tempOut(), { png: false });
    // One workbook, a sheet per table, each named in cohort.json with #Sheet; the CSVs removed.
    const dir = syntheticAdrenalCohort();
    const tables = { Patients: 'cases', Sources: 'sources', Published: 'published' };
    const sheets = Object.fromEntries(
      Object.entries(tables).map(([sheet, t]) => [sheet, join(dir, `${t}.csv`)]),
    );
    writeFileSync(join(dir, 'extraction.xlsx'), await workbookFromCsv(sheets));
    for (const [sheet, table] of Object.entries(tables)) {
      rmSync(join(dir, `${table}.csv`));
      nameInCohort(dir, table, `extraction.xlsx#${sheet}`);
    }
    xlsx = await runCohort(dir, tempOut(), { png: false });
  });

  it('gives identical statistics', () => {
    expect(csv.exitCode).toBe(0);
    expect(xlsx.exitCode).toBe(0);
    const a = statsOf(csv);
    const b = statsOf(xlsx);
    expect(b.n_included).toBe(49);
    expect(b.statistics).toEqual(a.statistics);
    expect(b.continuous).toEqual(a.continuous);
    expect(b.survival).toEqual(a.survival);
    expect(b.reconciliation).toEqual(a.reconciliation);
    expect(b.inputs.map((i) => i.file.split('/').pop())).toEqual(Array(3).fill('extraction.xlsx'));
  });

  it('warns, naming the cell, only where Excel stored a bare number in a column of text with units', () => {
    const cases = readFileSync('test/fixtures/synthetic-adrenal/cases.csv', 'utf8').trim().split('\n');
    const header = cases[0]!.split(',');
    // Bare numbers in the size and followup columns of the fixture, as the workbook holds them.
    const expected: string[] = [];
    cases.slice(1).forEach((line, i) => {
      const cells = line.replace(/"[^"]*"/g, 'q').split(',');
      for (const name of ['size', 'followup']) {
        const k = header.indexOf(name);
        if (/^\d+(\.\d+)?$/.test(cells[k]!))
          expected.push(`${i + 2}:${k + 1}:${String.fromCharCode(65 + k)}${i + 2}`);
      }
    });
    expect(expected.length).toBeGreaterThan(0);
    const warnings = xlsx.findings.filter((f) => f.severity !== 'info');
    expect(warnings.every((f) => f.code === 'cell.number' && f.file.endsWith('extraction.xlsx'))).toBe(true);
    expect(
      warnings.map((f) => `${f.line}:${f.column}:${/\(cell ([A-Z]+\d+)\)$/.exec(f.message)?.[1]}`).sort(),
    ).toEqual(expected.sort());
  });
});

describe('extract: which file', () => {
  it('says so when cohort.json names cases.csv and the folder has cases.xlsx', async () => {
    const result = await runCohort(await workbookCohort('cases.xlsx'), tempOut(), { png: false });
    expect(result.exitCode).toBe(1);
    expect(result.findings.map((f) => [f.line, f.column, f.severity, f.code, f.message])).toEqual([
      [
        0,
        0,
        'error',
        'file.unreadable',
        'cases.csv not found; the folder has cases.xlsx — name it in cohort.json files.cases, or save the sheet as CSV UTF-8',
      ],
    ]);
  });

  it('says so when cohort.json names sources.xlsx and the folder has sources.csv', async () => {
    const dir = syntheticAdrenalCohort();
    nameInCohort(dir, 'sources', 'sources.xlsx');
    const result = await runCohort(dir, tempOut(), { png: false });
    expect(result.findings.map((f) => f.message)).toEqual([
      'sources.xlsx not found; the folder has sources.csv — name it in cohort.json files.sources',
    ]);
  });

  it('keeps "file not found" when there is no other format either', async () => {
    const dir = syntheticAdrenalCohort();
    rmSync(join(dir, 'cases.csv'));
    const result = await runCohort(dir, tempOut(), { png: false });
    expect(result.findings.map((f) => f.message)).toEqual(['file not found']);
  });

  it.each([
    ['cases.xls', 'the old Excel format (.xls)'],
    ['cases.ods', 'a .ods file'],
  ])('refuses %s with what to do', async (name, kind) => {
    const dir = syntheticAdrenalCohort();
    writeFileSync(join(dir, name), 'not read');
    nameInCohort(dir, 'cases', name);
    const result = await runCohort(dir, tempOut(), { png: false });
    expect(result.findings.map((f) => [f.severity, f.code, f.message])).toEqual([
      [
        'error',
        'file.unsupported-format',
        `is ${kind}, which is not read: save it as "Excel Workbook (.xlsx)" or as "CSV UTF-8"`,
      ],
    ]);
  });

  it('names the cell in findings of later stages, and stops on a typo as for CSV', async () => {
    const dir = await workbookCohort('cases.xlsx');
    nameInCohort(dir, 'cases', 'cases.xlsx');
    // Row 5 of the sheet is SYN-04; its sex (column D) is given a value that is no term.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'cases.xlsx'));
    workbook.worksheets[0]!.getCell('D5').value = 'femal';
    await workbook.xlsx.writeFile(join(dir, 'cases.xlsx'));
    const result = await runCohort(dir, tempOut(), { png: false });
    expect(result.exitCode).toBe(1);
    const errors = result.findings.filter((f) => f.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 5, column: 4, code: 'value.unknown-term' });
    expect(errors[0]!.file.endsWith('cases.xlsx')).toBe(true);
    expect(errors[0]!.message).toMatch(/^sex "femal" .* \(cell D5\)$/);
  });
});
