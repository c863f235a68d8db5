import { describe, expect, it } from 'vitest';
import { rowCondition, rowConditionTreatingUnknownAsAbsent } from '../../pipeline/conditions/rowCondition.ts';
import { seededRandom } from '../../pipeline/stats/seededRandom.ts';
import type { Condition, Value } from '../../pipeline/types.ts';
import { evaluateCondition, holdsTreatingUnknownAsAbsent, type ValueOf } from '../helpers/onePatient.ts';
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

// The same logic asked of one patient written by hand (test/helpers/onePatient.ts binds rowCondition
// to a table of one row).

type Truth = boolean | null;
const TRUTHS: Truth[] = [true, false, null];

/** A condition on boolean variable `name` whose evaluation is `truth` (null: not reported). */
const leaf = (name: string): Condition => ({ variable: name, in: [true] });
const patient =
  (values: Record<string, Value>): ValueOf =>
  (variable) =>
    variable in values ? values[variable]! : null;
const truthPatient = (...truths: Truth[]) => patient(Object.fromEntries(truths.map((t, i) => [`v${i}`, t])));

/** Kleene's strong three-valued logic, written out as tables. */
const kleeneAnd = (a: Truth, b: Truth): Truth =>
  a === false || b === false ? false : a === null || b === null ? null : true;
const kleeneOr = (a: Truth, b: Truth): Truth =>
  a === true || b === true ? true : a === null || b === null ? null : false;
const pairs = TRUTHS.flatMap((a) => TRUTHS.map((b) => [a, b] as const));

describe('evaluateCondition: Kleene logic', () => {
  it.each(pairs.map(([a, b]) => [a, b, kleeneAnd(a, b)]))('all(%s, %s) = %s', (a, b, expected) => {
    expect(evaluateCondition({ all: [leaf('v0'), leaf('v1')] }, truthPatient(a, b))).toBe(expected);
  });

  it.each(pairs.map(([a, b]) => [a, b, kleeneOr(a, b)]))('any(%s, %s) = %s', (a, b, expected) => {
    expect(evaluateCondition({ any: [leaf('v0'), leaf('v1')] }, truthPatient(a, b))).toBe(expected);
  });

  it.each([
    [true, false],
    [false, true],
    [null, null],
  ])('not(%s) = %s', (a, expected) => {
    expect(evaluateCondition({ not: leaf('v0') }, truthPatient(a))).toBe(expected);
  });

  it.each([
    // An unknown before a deciding value must not hide it.
    ['all(null, false, true)', { all: [leaf('v0'), leaf('v1'), leaf('v2')] }, [null, false, true], false],
    ['all(true, true, null)', { all: [leaf('v0'), leaf('v1'), leaf('v2')] }, [true, true, null], null],
    ['any(null, false, true)', { any: [leaf('v0'), leaf('v1'), leaf('v2')] }, [null, false, true], true],
    ['any(false, false, null)', { any: [leaf('v0'), leaf('v1'), leaf('v2')] }, [false, false, null], null],
    ['all() is true', { all: [] }, [], true],
    ['any() is false', { any: [] }, [], false],
    ['not(all(true, null))', { not: { all: [leaf('v0'), leaf('v1')] } }, [true, null], null],
    ['not(any(false, false))', { not: { any: [leaf('v0'), leaf('v1')] } }, [false, false], true],
    [
      'all(any(null, true), not(false))',
      { all: [{ any: [leaf('v0'), leaf('v1')] }, { not: leaf('v2') }] },
      [null, true, false],
      true,
    ],
  ] as Array<[string, Condition, Truth[], Truth]>)('%s → %s', (_, condition, truths, expected) => {
    expect(evaluateCondition(condition, truthPatient(...truths))).toBe(expected);
  });
});

describe('evaluateCondition: leaves', () => {
  const values: Record<string, Value> = {
    sex: 'female',
    symptoms: ['abdominal_pain', 'fever'],
    metastasis: [],
    surgery: true,
    chemotherapy: false,
    age: 54,
    size: 0,
    outcome: null,
  };
  const valueOf = patient(values);

  it.each<[string, Condition, Truth]>([
    ['category in its term', { variable: 'sex', in: ['female'] }, true],
    ['category in several terms', { variable: 'sex', in: ['male', 'female'] }, true],
    ['category not in the terms', { variable: 'sex', in: ['male'] }, false],
    ['category in []', { variable: 'sex', in: [] }, false],
    ['list containing one of the terms', { variable: 'symptoms', in: ['fever', 'cough'] }, true],
    ['list containing none of the terms', { variable: 'symptoms', in: ['cough', 'back_pain'] }, false],
    ['list is not "none" when it has items', { variable: 'symptoms', in: ['none'] }, false],
    ['empty list matches none', { variable: 'metastasis', in: ['none'] }, true],
    ['empty list matches none among others', { variable: 'metastasis', in: ['lung', 'none'] }, true],
    ['empty list does not match other terms', { variable: 'metastasis', in: ['lung', 'liver'] }, false],
    ['true in [true]', { variable: 'surgery', in: [true] }, true],
    ['true in [false]', { variable: 'surgery', in: [false] }, false],
    ['false in [false]', { variable: 'chemotherapy', in: [false] }, true],
    ['false in [true]', { variable: 'chemotherapy', in: [true] }, false],
    ['false in [true, false]', { variable: 'chemotherapy', in: [true, false] }, true],
    ['a boolean is not the string "true"', { variable: 'surgery', in: ['true'] }, false],
    ['unreported category in terms', { variable: 'outcome', in: ['dead'] }, null],
    ['unreported category in none', { variable: 'outcome', in: ['none'] }, null],
    ['undefined variable in terms', { variable: 'nope', in: ['x'] }, null],
    ['reported: true of a reported value', { variable: 'sex', reported: true }, true],
    ['reported: true of an empty list', { variable: 'metastasis', reported: true }, true],
    ['reported: true of false', { variable: 'chemotherapy', reported: true }, true],
    ['reported: true of 0', { variable: 'size', reported: true }, true],
    ['reported: true of null', { variable: 'outcome', reported: true }, false],
    ['reported: false of null', { variable: 'outcome', reported: false }, true],
    ['reported: false of a value', { variable: 'sex', reported: false }, false],
    ['atLeast at the bound', { variable: 'age', atLeast: 54 }, true],
    ['atLeast above the value', { variable: 'age', atLeast: 54.5 }, false],
    ['below at the bound', { variable: 'age', below: 54 }, false],
    ['below above the value', { variable: 'age', below: 54.5 }, true],
    ['atLeast and below around the value', { variable: 'age', atLeast: 40, below: 60 }, true],
    ['atLeast and below, value below the range', { variable: 'age', atLeast: 55, below: 60 }, false],
    ['atLeast and below, value at the upper bound', { variable: 'age', atLeast: 40, below: 54 }, false],
    ['atLeast 0 of 0', { variable: 'size', atLeast: 0 }, true],
    ['below 0 of 0', { variable: 'size', below: 0 }, false],
    ['atLeast of an unreported value', { variable: 'outcome', atLeast: 1 }, null],
    ['below of an unreported value', { variable: 'outcome', below: 1 }, null],
    ['atLeast of a value that is not a number', { variable: 'sex', atLeast: 1 }, null],
  ])('%s → %s', (_, condition, expected) => {
    expect(evaluateCondition(condition, valueOf)).toBe(expected);
  });
});

describe('holdsTreatingUnknownAsAbsent', () => {
  const valueOf = patient({ ivc: true, kidney: false, metastasis: null, size: null });
  const ivc = leaf('ivc');
  const kidney = leaf('kidney');
  const metastasis = leaf('metastasis');

  it.each<[string, Condition, boolean, Truth]>([
    ['true', ivc, true, true],
    ['false', kidney, false, false],
    ['unknown', metastasis, false, null],
    ['all(true, unknown)', { all: [ivc, metastasis] }, false, null],
    ['any(false, unknown)', { any: [kidney, metastasis] }, false, null],
    ['any(true, unknown)', { any: [ivc, metastasis] }, true, true],
    // "IVC and no metastasis": a metastasis that is not reported counts as absent.
    ['all(true, not unknown)', { all: [ivc, { not: metastasis }] }, true, null],
    ['not unknown', { not: metastasis }, true, null],
    ['not not unknown', { not: { not: metastasis } }, false, null],
    ['not(all(true, unknown))', { not: { all: [ivc, metastasis] } }, true, null],
    ['reported: false of unknown', { variable: 'metastasis', reported: false }, true, true],
    ['atLeast of unknown', { variable: 'size', atLeast: 5 }, false, null],
    ['not atLeast of unknown', { not: { variable: 'size', atLeast: 5 } }, true, null],
  ])('%s → %s (three-valued: %s)', (_, condition, expected, kleene) => {
    expect(holdsTreatingUnknownAsAbsent(condition, valueOf)).toBe(expected);
    expect(evaluateCondition(condition, valueOf)).toBe(kleene);
  });

  it('agrees with evaluateCondition whenever the three-valued answer is known', () => {
    const conditions: Condition[] = [
      { all: [leaf('v0'), { any: [leaf('v1'), { not: leaf('v2') }] }] },
      { any: [{ not: leaf('v0') }, { all: [leaf('v1'), leaf('v2')] }] },
      { not: { any: [leaf('v0'), { not: leaf('v1') }, leaf('v2')] } },
    ];
    for (const condition of conditions)
      for (const a of TRUTHS)
        for (const b of TRUTHS)
          for (const c of TRUTHS) {
            const valueOf = truthPatient(a, b, c);
            const kleene = evaluateCondition(condition, valueOf);
            // Unknown taken as absent: the answer for the patient with every null replaced by false.
            const absent = evaluateCondition(condition, truthPatient(a ?? false, b ?? false, c ?? false));
            expect(holdsTreatingUnknownAsAbsent(condition, valueOf)).toBe(absent);
            if (kleene !== null) expect(absent).toBe(kleene);
          }
  });
});
