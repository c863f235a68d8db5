import { describe, expect, it } from 'vitest';
import { caseViews } from '../../../pipeline/conditions/caseViews.ts';
import { continuousValues } from '../../../pipeline/analyses/continuous/continuousValues.ts';
import type { CaseTable, Value } from '../../../pipeline/types.ts';
import { caseTableFromValues } from '../../helpers/caseTableFromValues.ts';

// Synthetic: five patients, the fourth excluded; ids with non-ASCII letters.
function cases(age: Value[]): CaseTable {
  return caseTableFromValues(
    {
      file: 'cases.csv',
      columnNumbers: {},
      n: age.length,
      caseIds: age.map((_, i) => `Pé${i + 1}`),
      sourceIds: age.map(() => 's'),
      lines: age.map((_, i) => i + 2),
      included: age.map((_, i) => i !== 3),
      exclusionReasons: age.map(() => null),
      duplicateOf: age.map(() => null),
    },
    { age, sex: age.map(() => 'f') },
  );
}

describe('continuousValues', () => {
  it('gives the included reported values sorted, and the first holders (in row order) of the extremes', () => {
    const table = cases([40, null, 7, 99, 40, 7]);
    const result = continuousValues(table, 'age');
    expect([...result.sorted]).toEqual([7, 7, 40, 40]);
    expect(result.minCase).toBe('Pé3');
    expect(result.maxCase).toBe('Pé1');
  });

  it('is empty for a column with no reported value, a non-numeric column and a missing one', () => {
    for (const variable of ['age', 'sex', 'absent']) {
      const result = continuousValues(cases([null, null, null, null]), variable);
      expect(result.sorted).toHaveLength(0);
      expect(result.minCase).toBeNull();
      expect(result.maxCase).toBeNull();
    }
  });

  it('is kept in the run’s views', () => {
    const table = cases([1, 2, 3, 4]);
    const views = caseViews(table);
    expect(continuousValues(table, 'age', views)).toBe(continuousValues(table, 'age', views));
  });
});
