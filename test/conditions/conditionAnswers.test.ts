import { describe, expect, it } from 'vitest';
import { conditionAnswers } from '../../pipeline/conditions/conditionAnswers.ts';
import { rowCondition } from '../../pipeline/conditions/rowCondition.ts';
import { seededRandom } from '../../pipeline/stats/seededRandom.ts';
import type { Condition, Value } from '../../pipeline/types.ts';
import { columnBuilder, type Column, type ColumnKind } from '../../pipeline/values/columns.ts';
import { randomCaseColumns, randomCondition } from '../helpers/randomConditions.ts';

const encoded = (answer: boolean | null) => (answer === null ? -1 : answer ? 1 : 0);

describe('conditionAnswers', () => {
  it('gives rowCondition’s answer for every row, for 2,000 random conditions on every kind of column', () => {
    const random = seededRandom(11);
    const n = 50;
    const { columns } = randomCaseColumns(random, n);
    const seen = new Set<number>();
    for (let k = 0; k < 2000; k++) {
      const condition = randomCondition(random, 3);
      const answers = conditionAnswers(condition, columns, n);
      const bound = rowCondition(condition, columns);
      expect(answers).toHaveLength(n);
      for (let row = 0; row < n; row++) {
        expect(answers[row]).toBe(encoded(bound(row)));
        seen.add(answers[row]!);
      }
    }
    // All three answers were compared, not only unknown ones.
    expect([...seen].sort()).toEqual([-1, 0, 1]);
  });

  it('answers an empty table with an empty array, and a missing variable as unknown', () => {
    expect(conditionAnswers({ variable: 'x', in: ['a'] }, {}, 0)).toHaveLength(0);
    expect([...conditionAnswers({ variable: 'x', in: ['a'] }, {}, 2)]).toEqual([-1, -1]);
    expect([...conditionAnswers({ not: { variable: 'x', reported: true } }, {}, 2)]).toEqual([1, 1]);
    expect([...conditionAnswers({ all: [] }, {}, 2)]).toEqual([1, 1]);
    expect([...conditionAnswers({ any: [] }, {}, 2)]).toEqual([0, 0]);
  });

  it('takes false over unknown in all, and true over unknown in any (Kleene)', () => {
    const columns = {
      a: columnBuilderOf('boolean', [true, false, null]),
      b: columnBuilderOf('boolean', [null, null, null]),
    };
    const yes = (variable: string): Condition => ({ variable, in: [true] });
    expect([...conditionAnswers({ all: [yes('a'), yes('b')] }, columns, 3)]).toEqual([-1, 0, -1]);
    expect([...conditionAnswers({ any: [yes('a'), yes('b')] }, columns, 3)]).toEqual([1, -1, -1]);
  });
});

function columnBuilderOf(kind: ColumnKind, values: Value[]): Column {
  const builder = columnBuilder(kind, values.length);
  values.forEach((v, row) => builder.set(row, v));
  return builder.finish();
}
