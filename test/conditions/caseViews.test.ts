import { describe, expect, it } from 'vitest';
import { caseViews, includedRowsOf } from '../../pipeline/conditions/caseViews.ts';
import { restrictCases } from '../../pipeline/conditions/restrictCases.ts';
import type { CaseTable, Value } from '../../pipeline/types.ts';
import { caseTableFromValues } from '../helpers/caseTableFromValues.ts';

// Synthetic: four patients, the third excluded; ä, a non-ASCII level.
function cases(): CaseTable {
  const n = 4;
  return caseTableFromValues(
    {
      file: 'cases.csv',
      columnNumbers: {},
      n,
      caseIds: ['P1', 'P2', 'P3', 'P4'],
      sourceIds: ['s1', 's1', 's2', 's2'],
      lines: [2, 3, 4, 5],
      included: [true, true, false, true],
      exclusionReasons: [null, null, 'synthetic', null],
      duplicateOf: [null, null, null, null],
    },
    { side: ['left', null, 'ä', 'ä'] as Value[] },
  );
}

describe('caseViews', () => {
  it('lists the included rows ascending, once', () => {
    const views = caseViews(cases());
    expect([...views.includedRows()]).toEqual([0, 1, 3]);
    expect(views.includedRows()).toBe(views.includedRows());
    expect(includedRowsOf({ n: 0, included: [] })).toHaveLength(0);
  });

  it('answers a condition for every row (excluded ones too), computed once per condition', () => {
    const views = caseViews(cases());
    const answers = views.answers({ variable: 'side', in: ['ä'] });
    expect([...answers]).toEqual([0, -1, 1, 1]);
    // The same condition written again is the same array; another condition is not.
    expect(views.answers({ variable: 'side', in: ['ä'] })).toBe(answers);
    expect(views.answers({ variable: 'side', in: ['left'] })).not.toBe(answers);
  });

  it('keeps a value under its key, computing it the first time only', () => {
    const views = caseViews(cases());
    let computed = 0;
    const first = views.kept('k', () => ({ n: ++computed }));
    expect(views.kept('k', () => ({ n: ++computed }))).toBe(first);
    expect(computed).toBe(1);
    // null and undefined are kept too.
    expect(views.kept('nothing', () => null)).toBeNull();
    expect(views.kept('nothing', () => 1)).toBeNull();
  });

  it('shares the answers with a restricted table, with that table’s own included rows', () => {
    const table = cases();
    const views = caseViews(table);
    const answers = views.answers({ variable: 'side', in: ['ä'] });
    const restricted = restrictCases(table, (i) => table.sourceIds[i] === 's1');
    const restrictedViews = views.forTable(restricted);
    expect([...restrictedViews.includedRows()]).toEqual([0, 1]);
    expect(restrictedViews.answers({ variable: 'side', in: ['ä'] })).toBe(answers);
    expect(views.forTable(table)).toBe(views);
    // Nothing kept for one table is read for the other.
    views.kept('x', () => 'whole');
    expect(restrictedViews.kept('x', () => 'restricted')).toBe('restricted');
  });

  it('refuses a table with other columns', () => {
    expect(() => caseViews(cases()).forTable(cases())).toThrow(RangeError);
  });
});
