import { describe, expect, it } from 'vitest';
import { rowsPerGroup, runningTotals } from '../../pipeline/conditions/countByGroup.ts';
import { seededRandom } from '../../pipeline/stats/seededRandom.ts';

describe('counting by group', () => {
  it('counts rows per group as a plain loop does, rows in no group left out', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 200; trial++) {
      const n = Math.floor(random() * 60);
      const groups = Math.floor(random() * 5);
      const groupOfRow = Int32Array.from({ length: n }, () => Math.floor(random() * (groups + 1)) - 1);
      const included = Uint32Array.from([...Array(n).keys()].filter(() => random() < 0.8));
      const expected = new Array(groups).fill(0);
      for (const i of included) if (groupOfRow[i]! >= 0) expected[groupOfRow[i]!]++;
      expect([...rowsPerGroup(included, groupOfRow, groups)]).toEqual(expected);
    }
  });

  it('gives running totals', () => {
    expect(runningTotals([3, 0, 2, 5])).toEqual([3, 3, 5, 10]);
    expect(runningTotals(new Uint32Array(0))).toEqual([]);
  });
});
