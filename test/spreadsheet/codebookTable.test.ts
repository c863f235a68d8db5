// The codebook's format: its fields, the terms and synonyms cells, and a codebook written and read back.
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../pipeline/parse/parseCsv.ts';
import {
  CODEBOOK_FIELDS,
  codebookCsv,
  codebookRows,
  synonymsCell,
  synonymsOfCell,
  termsCell,
  termsOfCell,
  type CodebookRow,
} from '../../pipeline/spreadsheet/codebookTable.ts';

const row = (cells: Partial<CodebookRow>): CodebookRow =>
  Object.fromEntries(CODEBOOK_FIELDS.map((f) => [f, cells[f] ?? ''])) as CodebookRow;

describe('terms and synonyms cells', () => {
  it('reads and writes them', () => {
    expect(termsOfCell(' Female ;Male;; ')).toEqual(['Female', 'Male']);
    expect(termsCell(['Female', 'Male'])).toBe('Female; Male');
    expect(synonymsOfCell('Female: F, woman; Male: M')).toEqual({
      entries: [
        { term: 'Female', synonyms: ['F', 'woman'] },
        { term: 'Male', synonyms: ['M'] },
      ],
      problem: null,
    });
    expect(synonymsOfCell('Female F').problem).toBe(
      '"Female F" names no term: write the term, ":" and its spellings (Female: F, woman; Male: M)',
    );
    expect(
      synonymsCell([
        { term: 'Female', synonyms: ['F', 'woman'] },
        { term: 'Bilateral', synonyms: [] },
      ]),
    ).toBe('Female: F, woman');
  });
});

describe('codebookRows', () => {
  it('reads back what codebookCsv wrote, a notation starting with "-" included', () => {
    const rows = [
      row({ column: 'Side', label: 'Side', type: 'category', terms: 'Left; Right', not_reported: '-x; ~1' }),
      row({ column: 'Chemo', type: 'yes/no', summarise: 'yes', not_reported: '-' }),
    ];
    const text = codebookCsv(rows);
    // toCsv guards a cell that starts like a formula; the reader takes the guard off.
    expect(text).toContain(",'-x; ~1,");
    const read = codebookRows(parseCsv(text, 'codebook.csv', 'x').table!);
    expect(read.findings).toEqual([]);
    expect(read.rows.map((r) => r.row)).toEqual(rows);
    expect(read.rows.map((r) => r.line)).toEqual([2, 3]);
    expect(read.rows[0]!.columnOf.terms).toBe(7);
  });

  it('matches headers as a cases table does, and says which are unknown or missing', () => {
    const table = parseCsv('Column,Group by,Summarize,colour\nAge,yes,no,red\n', 'codebook.csv', 'x').table!;
    const read = codebookRows(table);
    expect(read.rows[0]!.row).toMatchObject({ column: 'Age', group_by: 'yes', summarise: 'no', type: '' });
    expect(read.findings.map((f) => [f.line, f.column, f.severity, f.code])).toEqual([
      [1, 4, 'warning', 'codebook.unknown-field'],
      [1, 0, 'error', 'codebook.missing-field'],
    ]);
  });
});
