import { describe, expect, it } from 'vitest';
import { caseView, caseViews, includedRowsOf } from '../../pipeline/conditions/caseViews.ts';
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

  it('keeps a view’s value per argument, computing it the first time only', () => {
    const views = caseViews(cases());
    let computed = 0;
    const counted = caseView('counted', (_views, arg: { k: string }) => ({ n: ++computed, k: arg.k }));
    const first = views.of(counted, { k: 'a' });
    expect(views.of(counted, { k: 'a' })).toBe(first);
    expect(computed).toBe(1);
    expect(views.of(counted, { k: 'b' })).toEqual({ n: 2, k: 'b' });
    // Two views with the same name and argument are kept apart: a view is its own key.
    const other = caseView('counted', () => 'other');
    expect(views.of(other, { k: 'a' })).toBe('other');
    // null is kept too.
    let nulls = 0;
    const nothing = caseView('nothing', () => (nulls++, null));
    expect(views.of(nothing, null)).toBeNull();
    expect(views.of(nothing, null)).toBeNull();
    expect(nulls).toBe(1);
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
    const which = caseView('which', (v) => (v === views ? 'whole' : 'restricted'));
    expect(views.of(which, null)).toBe('whole');
    expect(restrictedViews.of(which, null)).toBe('restricted');
  });

  it('refuses a table with other columns', () => {
    expect(() => caseViews(cases()).forTable(cases())).toThrow(RangeError);
  });
});
