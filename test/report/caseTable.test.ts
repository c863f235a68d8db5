import { describe, expect, it } from 'vitest';
import { caseTable } from '../../pipeline/report/caseTable.ts';
import type { VariableInfo } from '../../pipeline/dataPackage/variables.ts';
import type { CohortConfig } from '../../pipeline/types.ts';
import { caseTableFromValues } from '../helpers/caseTableFromValues.ts';

// Synthetic cases: two made-up patients, one with a long note and one with a short one.
const LONG = `SYNTHETIC ${'word '.repeat(40)}the last words of a long note`;
const cases = caseTableFromValues(
  {
    file: 'cases.csv',
    columnNumbers: {},
    n: 3,
    caseIds: ['SYN-1', 'SYN-2', 'SYN-3'],
    sourceIds: ['s', 's', 's'],
    lines: [2, 3, 4],
    included: [true, true, false],
    exclusionReasons: [null, null, 'synthetic exclusion'],
    duplicateOf: [null, null, null],
  },
  { age: [60, 50, null], notes: [LONG, 'short synthetic note', null] },
);
const variables: VariableInfo[] = [
  { id: 'age', label: 'Age', description: '', type: 'number', derived: false },
  { id: 'notes', label: 'Notes', description: '', type: 'text', derived: false },
];
const config = { vocabularies: {} } as unknown as CohortConfig;
const sources = [{ id: 's', line: 2, fields: { authors: 'Synthetic A', year: '2020' } }];

describe('caseTable', () => {
  const page = caseTable(cases, sources, variables, config).value;

  it('keeps notes out of the row: compact rows, notes in a second row spanning the table', () => {
    expect(page).not.toContain('<th>Notes</th>');
    const rows = [...page.matchAll(/<tr class="(included|excluded) (case|notes)"/g)].map((m) => m[2]);
    // The third case has no notes, so no notes row.
    expect(rows).toEqual(['case', 'notes', 'case', 'notes', 'case']);
    // Case, source, included, age: the notes row spans all four columns.
    expect(page.match(/<td colspan="4">/g)).toHaveLength(2);
  });

  it('collapses a long note behind <details> with its first words, and shows a short one as it is', () => {
    const [first, second] = page.split('data-notes-of="SYN-2"');
    expect(first).toContain('<details>');
    expect(first).toMatch(/<summary>Notes: SYNTHETIC word[^<]*…<\/summary>/);
    expect(first).toContain('the last words of a long note');
    expect(second).not.toContain('<details>');
    expect(second).toContain('<span>short synthetic note</span>');
  });
});
