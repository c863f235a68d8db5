import { describe, expect, it } from 'vitest';
import { ANSWER_FALSE, ANSWER_TRUE, ANSWER_UNKNOWN } from '../../pipeline/conditions/conditionAnswers.ts';
import { answerCountsByGroup, rowsPerGroup, runningTotals } from '../../pipeline/conditions/countByGroup.ts';
import { seededRandom } from '../../pipeline/stats/seededRandom.ts';

describe('counting by group', () => {
  it('relies on the answer codes 1 / 0 / -1 (its arithmetic is wrong for any others)', () => {
    expect([ANSWER_TRUE, ANSWER_FALSE, ANSWER_UNKNOWN]).toEqual([1, 0, -1]);
  });

  it('counts rows, holds and decided answers per group as a plain loop does, rows in no group left out', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 200; trial++) {
      const n = Math.floor(random() * 60);
      const groups = Math.floor(random() * 5);
      const answers = Int8Array.from({ length: n }, () => Math.floor(random() * 3) - 1);
      const groupOfRow = Int32Array.from({ length: n }, () => Math.floor(random() * (groups + 1)) - 1);
      const included = Uint32Array.from([...Array(n).keys()].filter(() => random() < 0.8));
      const expected = {
        rows: new Array(groups).fill(0),
        numerator: new Array(groups).fill(0),
        reported: new Array(groups).fill(0),
      };
      for (const i of included) {
        const g = groupOfRow[i]!;
        if (g < 0) continue;
        expected.rows[g]++;
        if (answers[i] === 1) expected.numerator[g]++;
        if (answers[i] !== -1) expected.reported[g]++;
      }
      const counts = answerCountsByGroup(answers, included, groupOfRow, groups);
      expect([...rowsPerGroup(included, groupOfRow, groups)]).toEqual(expected.rows);
      expect([...counts.numerator]).toEqual(expected.numerator);
      expect([...counts.reported]).toEqual(expected.reported);
    }
  });

  it('gives running totals', () => {
    expect(runningTotals([3, 0, 2, 5])).toEqual([3, 3, 5, 10]);
    expect(runningTotals(new Uint32Array(0))).toEqual([]);
  });
});
