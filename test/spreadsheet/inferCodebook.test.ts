// The synthetic spreadsheet of test/fixtures/spreadsheets, inferred column by column: as a CSV, and as a
// workbook with a merged header cell and an Excel date column.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../pipeline/parse/parseCsv.ts';
import { readWorkbook } from '../../pipeline/parse/readWorkbook.ts';
import { inferCodebook } from '../../pipeline/spreadsheet/inferCodebook.ts';
import { inferenceReport } from '../../pipeline/spreadsheet/inferenceReport.ts';
import { POOLED, pooledWorkbook } from '../helpers/pooledSpreadsheet.ts';

const csv = parseCsv(readFileSync(POOLED, 'utf8'), 'pooled-cases.csv', 'x').table!;

describe('inferCodebook on the synthetic CSV', () => {
  const inferred = inferCodebook(csv);
  const row = (column: string) => inferred.rows.find((r) => r.column === column)!;
  const brief = (column: string) => {
    const r = row(column);
    return [r.type, r.unit, r.terms, r.synonyms, r.separator, r.not_reported, r.role, r.summarise];
  };

  it('writes one codebook row per column, in order', () => {
    expect(inferred.rows.map((r) => r.column)).toEqual(csv.header);
  });

  it.each([
    ['Patient No.', ['id', '', '', '', '', '', '', 'no']],
    ['Reference', ['source', '', '', '', '', '', '', 'no']],
    ['Age (years)', ['number', 'years', '', '', '', '~60; approximately 45', '', 'yes']],
    ['Gender', ['category', '', 'Female; Male', 'Female: F, Woman; Male: M', '', '', '', 'yes']],
    ['Side', ['category', '', 'Left; Right; Bilateral', 'Left: L, Lt.; Right: R, rt', '', '', '', 'yes']],
    ['Tumour size', ['size', 'cm', '', '', '', 'c. 9 cm', '', 'yes']],
    ['Metastatic sites', ['list', '', 'lung; liver; bone; none; lungs', '', '; ,', '', '', 'yes']],
    ['Surgery', ['yes/no', '', '', '', '', '', '', 'yes']],
    // "unk" is beyond the cohort's notations: proposed as the column's not_reported.
    ['Chemo', ['yes/no', '', '', '', '', 'unk', '', 'yes']],
    [
      'Status',
      [
        'category',
        '',
        'Dead; Alive; LTFU',
        'Dead: died, deceased, DOD; Alive: NED',
        '',
        '',
        'outcome',
        'yes',
      ],
    ],
    ['Follow-up (months)', ['duration', 'months', '', '', '', '>12 months', 'follow-up', 'yes']],
    ['Date of diagnosis', ['date', '', '', '', '', '', '', 'no']],
    ['Comments', ['text', '', '', '', '', '', '', 'no']],
  ])('%s', (column, expected) => {
    expect(brief(column)).toEqual(expected);
  });

  it('labels columns from their headers', () => {
    expect(inferred.rows.map((r) => r.label)).toEqual([
      'Patient No.',
      'Reference',
      'Age',
      'Gender',
      'Side',
      'Tumour size',
      'Metastatic sites',
      'Surgery',
      'Chemo',
      'Status',
      'Follow-up',
      'Date of diagnosis',
      'Comments',
    ]);
  });

  it('collects the distinct citations', () => {
    expect(inferred.citations).toEqual({
      column: 'Reference',
      values: [
        'Miller et al. 2019 (synthetic)',
        'Okafor 2021 (synthetic)',
        'Lindqvist & Berg 2022 (synthetic)',
        'Haddad 2023 (synthetic)',
        'Novak 2024 (synthetic)',
      ],
    });
  });

  it('lists every cell it cannot place, at its line and column, in the report', () => {
    const report = inferenceReport(inferred, { file: 'cases.csv', rows: csv.rows.length, workbook: false });
    for (const place of [
      'cases.csv:3:3: Age (years) "~60"',
      'cases.csv:8:3: Age (years) "approximately 45"',
      'cases.csv:6:6: Tumour size "c. 9 cm"',
      'cases.csv:5:11: Follow-up (months) ">12 months"',
    ])
      expect(report).toContain(place);
    expect(report).toContain('Metastatic sites: "lung" and "lungs": singular and plural');
    expect(report).toContain(
      'Status: "LTFU" and "Alive": "LTFU" (lost to follow-up) is kept as a term of its own: is it alive?',
    );
    expect(report).toContain('Status: Alive = "alive", "Alive", "NED" (5 cells)');
    expect(report).toContain('Side: 1 cell written "-" and 1 written "?" read as not reported');
    expect(report).toContain('Gender: Female = "F", "female", "Woman" (8 cells)');
  });
});

describe('inferCodebook on the synthetic workbook', async () => {
  const read = await readWorkbook(await pooledWorkbook(), 'cases.xlsx', 'x', { sheet: 'Patients' });
  const inferred = inferCodebook(read.table!, read.findings);

  it('takes the Excel date column as dates (each read as empty, with a warning at its cell)', () => {
    expect(read.findings.filter((f) => f.code === 'cell.date')).toHaveLength(14);
    const dates = inferred.columns.find((c) => c.header === 'Date of diagnosis')!;
    expect([dates.type, dates.dates]).toEqual(['date', 14]);
  });

  it('reads the merged header cell as the first column, and lists the cells of the column left without one', () => {
    expect(inferred.columns.find((c) => c.header === 'Treatment')!.type).toBe('boolean');
    expect(inferred.headerless.map((h) => [h.field, h.cells.length])).toEqual([[9, 14]]);
    const report = inferenceReport(inferred, { file: 'cases.xlsx', rows: 14, workbook: true });
    expect(report).toContain('cases.xlsx:2:9 (cell I2): "no" is in a column without a header of its own');
    expect(report).toContain('Date of diagnosis (column L): 14 cells are dates in Excel');
  });

  it('infers the other columns as from the CSV: numbers typed as numbers are numbers', () => {
    const fromCsv = inferCodebook(csv).rows.filter((r) => !['Surgery', 'Chemo'].includes(r.column));
    expect(
      inferred.rows.filter((r) => r.column !== 'Treatment').map((r) => [r.column, r.type, r.terms]),
    ).toEqual(fromCsv.map((r) => [r.column, r.type, r.terms]));
  });
});

describe('inferCodebook: roles by the cells when the headers do not say', () => {
  // Synthetic: a citation column headed "Cited in", an outcome column headed "Last contact".
  const table = parseCsv(
    [
      'ID,Cited in,Last contact,Follow-up',
      'S1,Ito 2015 (synthetic),alive,12',
      'S2,Ito 2015 (synthetic),died,3',
      'S3,Berg and Moss 2020 (synthetic),dead,7',
      'S4,Berg and Moss 2020 (synthetic),alive,30',
    ].join('\n'),
    'cases.csv',
    'x',
  ).table!;
  const inferred = inferCodebook(table);

  it('takes a column of author-and-year cells as the source, and a vital status as the outcome', () => {
    expect(inferred.rows.map((r) => [r.column, r.type, r.role])).toEqual([
      ['ID', 'id', ''],
      ['Cited in', 'source', ''],
      ['Last contact', 'category', 'outcome'],
      ['Follow-up', 'duration', 'follow-up'],
    ]);
    expect(inferred.notes).toEqual([]);
  });

  it('says what is missing when no column can be the id or the source', () => {
    const bare = inferCodebook(parseCsv('Sex,Age\nF,50\nF,60\n', 'cases.csv', 'x').table!);
    expect(bare.notes).toEqual([
      'no column has a different value in every row to be the case id: add one (e.g. case_id) and run again',
      'no column names the publication of each row (source, reference, citation, study): add one, since every row must trace to a publication',
    ]);
  });
});

describe('inferCodebook: rows kept out', () => {
  it('says which rows have include = no without a reason, since the run stops there', () => {
    // Synthetic rows.
    const table = parseCsv(
      [
        'case_id,source,include,exclusion_reason',
        'A,Ito 2015 (synthetic),yes,',
        'B,Ito 2015 (synthetic),no,not the disease',
        'C,Ito 2015 (synthetic),no,',
      ].join('\n'),
      'cases.csv',
      'x',
    ).table!;
    expect(inferCodebook(table).notes).toEqual([
      '1 row has include = no without a reason (line 4): write why in exclusion_reason, or the run stops there',
    ]);
  });
});
