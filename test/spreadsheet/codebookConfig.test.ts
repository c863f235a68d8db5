// A codebook's rows → cohort.json parts: what each cell becomes, and the default analyses.
import { describe, expect, it } from 'vitest';
import { codebookParts } from '../../pipeline/spreadsheet/codebookConfig.ts';
import { mergeCodebook } from '../../pipeline/spreadsheet/mergeCodebook.ts';
import {
  CODEBOOK_FIELDS,
  type CodebookRow,
  type LocatedCodebookRow,
} from '../../pipeline/spreadsheet/codebookTable.ts';

const columnOf = Object.fromEntries(
  CODEBOOK_FIELDS.map((f, k) => [f, k + 1]),
) as LocatedCodebookRow['columnOf'];
const rows = (...cells: Array<Partial<CodebookRow>>): LocatedCodebookRow[] =>
  cells.map((c, k) => ({
    row: Object.fromEntries(CODEBOOK_FIELDS.map((f) => [f, c[f] ?? ''])) as CodebookRow,
    line: k + 2,
    columnOf,
  }));

const COHORT = rows(
  { column: 'id', type: 'id' },
  { column: 'ref', type: 'source' },
  { column: 'Arm', type: 'category', terms: 'A; B', group_by: 'yes', summarise: 'yes' },
  { column: 'sites', type: 'list', terms: 'lung; None; N+; N-', separator: '; ,', summarise: 'yes' },
  {
    column: 'Status',
    type: 'category',
    terms: 'Alive; Dead',
    synonyms: 'Dead: died',
    role: 'outcome',
    summarise: 'yes',
  },
  { column: 'FU', type: 'duration', unit: 'Years', role: 'follow-up', summarise: 'yes', min: '0' },
  { column: 'included', type: 'yes/no', role: 'include' },
);

describe('codebookParts', () => {
  const { parts, problems } = codebookParts(COHORT);

  it('reads the rows without a problem', () => {
    expect(problems).toEqual([]);
  });

  it('makes roles, columns and vocabularies; a list keeps none and its separators', () => {
    expect(parts.roles).toEqual({ caseId: 'id', sourceId: 'ref', include: 'included' });
    expect(parts.columns.find((c) => c.name === 'FU')).toEqual({
      name: 'FU',
      label: 'FU',
      description: 'FU',
      type: 'duration',
      unit: 'years',
      min: 0,
    });
    expect(parts.columns.find((c) => c.name === 'sites')!.separator).toEqual([';', ',']);
    expect(parts.vocabularies.sites!.terms.map((t) => t.id)).toEqual(['lung', 'none', 'n', 'n_2']);
    expect(parts.vocabularies.status!.terms).toEqual([
      { id: 'alive', label: 'Alive' },
      { id: 'dead', label: 'Dead', synonyms: ['died'] },
    ]);
  });

  it('makes the default analyses: no statistic for none, Table 1 by the group_by column, survival in years', () => {
    expect(parts.statistics.map((s) => s.id)).toEqual([
      'arm_a',
      'arm_b',
      'sites_lung',
      'sites_n',
      'sites_n_2',
      'status_alive',
      'status_dead',
    ]);
    expect(parts.continuous).toEqual([{ id: 'fu_summary', label: 'FU', variable: 'FU' }]);
    expect(parts.table1).toEqual({
      by: 'Arm',
      variables: [
        { variable: 'Status', label: 'Status' },
        { variable: 'FU', label: 'FU' },
      ],
    });
    expect(parts.survival).toEqual({
      time: 'FU',
      event: { variable: 'Status', in: ['dead'] },
      censored: { variable: 'Status', in: ['alive'] },
      at: [1, 2],
      riskTimes: [0, 1, 2, 3],
      groupings: [],
    });
  });

  it('says at the cell what it cannot read', () => {
    const bad = codebookParts(
      rows(
        { column: 'a', type: 'number', min: 'zero', summarise: 'maybe' },
        { column: 'b', type: 'category' },
        { column: 'c', type: 'text', role: 'exposure' },
        { column: 'A', type: 'text' },
        { column: 'd', type: 'list', terms: 'x; X' },
        { column: 'e', type: 'text', group_by: 'yes' },
      ),
    );
    expect(bad.problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [2, 5, 'a: min "zero" is not a number'],
      [2, 9, 'a: summarise "maybe" is not yes or no'],
      [3, 7, 'b: a category column needs its terms (Female; Male)'],
      [
        4,
        14,
        'c: role "exposure" is not one of outcome, follow-up, include, exclusion reason, duplicate of (or empty)',
      ],
      [5, 1, 'column "A" is described twice (rows 2 and 5)'],
      [6, 7, 'd: term "X" is given twice'],
      [7, 10, 'e: Table 1 can be grouped by a category or yes/no column only'],
    ]);
  });

  it('gives no survival, with a warning, when the outcome has no death term', () => {
    const noDeath = codebookParts(
      rows(
        { column: 'Status', type: 'category', terms: 'Well; Unwell', role: 'outcome' },
        { column: 'FU', type: 'duration', role: 'follow-up' },
      ),
    );
    expect(noDeath.parts.survival).toBeUndefined();
    expect(noDeath.problems.map((p) => [p.severity, p.message])).toEqual([
      ['warning', 'Status: no survival analysis, since no term says dead (dead, died, deceased)'],
    ]);
  });
});

describe('mergeCodebook', () => {
  it("puts cohort.json's own entries over the codebook's, by name or id, without changing either", () => {
    const { parts } = codebookParts(COHORT);
    const json = {
      id: 'x',
      roles: { caseId: 'id', sourceId: 'ref', include: undefined },
      columns: [{ name: 'fu', label: 'Follow-up', type: 'duration', description: 'Own.' }],
      statistics: [{ id: 'arm_a', label: 'Arm A (own)', when: { variable: 'Arm', in: ['a'] } }],
      survival: { own: true },
    };
    const before = JSON.stringify(json);
    const merged = mergeCodebook(json, parts);
    expect(JSON.stringify(json)).toBe(before);
    expect((merged.columns as Array<{ name: string }>).map((c) => c.name)).toEqual([
      'id',
      'ref',
      'Arm',
      'sites',
      'Status',
      'included',
      'fu',
    ]);
    expect(
      (merged.statistics as Array<{ id: string; label: string }>).find((s) => s.id === 'arm_a')!.label,
    ).toBe('Arm A (own)');
    expect(merged.survival).toEqual({ own: true });
    expect(merged.table1).toBe(parts.table1);
  });
});
