import { describe, expect, it } from 'vitest';
import { rowCondition, rowConditionTreatingUnknownAsAbsent } from '../../pipeline/conditions/rowCondition.ts';
import { seededRandom } from '../../pipeline/stats/seededRandom.ts';
import type { Condition, Value } from '../../pipeline/types.ts';
import { randomCaseColumns, randomCondition } from '../helpers/randomConditions.ts';

/**
 * The rules written out once more, as plainly as possible, as the reference: Kleene's logic over a
 * patient's values (null: not reported), `none` matching an empty list, the number bounds.
 */
function reference(condition: Condition, value: (variable: string) => Value): boolean | null {
  if ('all' in condition) {
    const parts = condition.all.map((c) => reference(c, value));
    return parts.includes(false) ? false : parts.includes(null) ? null : true;
  }
  if ('any' in condition) {
    const parts = condition.any.map((c) => reference(c, value));
    return parts.includes(true) ? true : parts.includes(null) ? null : false;
  }
  if ('not' in condition) {
    const part = reference(condition.not, value);
    return part === null ? null : !part;
  }
  const v = value(condition.variable);
  if ('reported' in condition) return (v !== null) === condition.reported;
  if (v === null) return null;
  if ('in' in condition) {
    if (Array.isArray(v))
      return v.length === 0 ? condition.in.includes('none') : v.some((t) => condition.in.includes(t));
    return condition.in.includes(v as string | boolean);
  }
  if (typeof v !== 'number') return null;
  return !(
    (condition.atLeast !== undefined && v < condition.atLeast) ||
    (condition.atMost !== undefined && v > condition.atMost) ||
    (condition.below !== undefined && v >= condition.below)
  );
}

/** The reference with unknown leaves taken as false. */
function referenceAbsent(condition: Condition, value: (variable: string) => Value): boolean {
  if ('all' in condition) return condition.all.every((c) => referenceAbsent(c, value));
  if ('any' in condition) return condition.any.some((c) => referenceAbsent(c, value));
  if ('not' in condition) return !referenceAbsent(condition.not, value);
  return reference(condition, value) === true;
}

describe('rowCondition', () => {
  it('answers as the reference for 2,000 random conditions on every kind of value, unknown as absent too', () => {
    const random = seededRandom(7);
    const n = 60;
    const { values, columns } = randomCaseColumns(random, n);
    let decided = 0;
    for (let k = 0; k < 2000; k++) {
      const condition = randomCondition(random, 3);
      const bound = rowCondition(condition, columns);
      const absent = rowConditionTreatingUnknownAsAbsent(condition, columns);
      for (let row = 0; row < n; row++) {
        const value = (v: string) => values[v]?.[row] ?? null;
        const expected = reference(condition, value);
        expect(bound(row)).toBe(expected);
        expect(absent(row)).toBe(referenceAbsent(condition, value));
        if (expected !== null) decided++;
      }
    }
    // The comparison covered decided answers, not only unknown ones.
    expect(decided).toBeGreaterThan(2000 * 60 * 0.3);
  });

  it('reads a variable the table does not have as not reported', () => {
    expect(rowCondition({ variable: 'x', in: ['a'] }, {})(0)).toBeNull();
    expect(rowCondition({ variable: 'x', reported: false }, {})(0)).toBe(true);
  });
});
