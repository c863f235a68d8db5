import { describe, expect, it } from 'vitest';
import { runLogFactorials } from '../../pipeline/analyses/exactTests.ts';
import { caseViews } from '../../pipeline/conditions/caseViews.ts';
import { logGamma } from '../../pipeline/stats/distributions.ts';
import { caseTableFromValues } from '../helpers/caseTableFromValues.ts';

describe('runLogFactorials', () => {
  it('covers every table of the included patients, and is made once per run', () => {
    // Synthetic: three rows, two included.
    const cases = caseTableFromValues(
      {
        file: 'cases.csv',
        columnNumbers: {},
        n: 3,
        caseIds: ['P1', 'P2', 'P3'],
        sourceIds: ['s', 's', 's'],
        lines: [2, 3, 4],
        included: [true, false, true],
        exclusionReasons: [null, 'synthetic', null],
        duplicateOf: [null, null, null],
      },
      { age: [1, 2, 3] },
    );
    const views = caseViews(cases);
    const table = runLogFactorials(views);
    expect([...table]).toEqual([logGamma(1), logGamma(2), logGamma(3)]);
    expect(runLogFactorials(views)).toBe(table);
  });
});
