import type { Condition } from '../types.ts';
import { NOT_REPORTED, type Column } from '../values/columns.ts';
import {
  answerPairTable,
  answerTable,
  combineAnswers,
  mapAnswers,
  ANSWER_FALSE,
  ANSWER_TRUE,
  ANSWER_UNKNOWN,
  type Answer,
} from './answerKernels.ts';
import { rowCondition } from './rowCondition.ts';

/** A condition's answer for one row, held in an Int8Array: true, false or unknown (null). */
export { ANSWER_FALSE, ANSWER_TRUE, ANSWER_UNKNOWN };

/**
 * The condition's answer for every row 0 … n - 1 of `columns` (rowCondition's three-valued logic, which
 * says what the answers mean), as one Int8Array: 1 true, 0 false, -1 unknown.
 *
 * Why a column of answers: the analyses ask the same conditions of 10^6 rows again and again (the
 * survival event in every curve and every Cox model, a grouping's levels in survival and Table 1); a
 * tree of closures asked per row cost about 0.3 µs a row and condition. Here each leaf is one
 * tight loop over its column (rowCondition's own leaf, so the answers cannot drift apart) and `all`,
 * `any` and `not` combine whole columns of answers, so a condition costs a few passes over typed
 * arrays, once per run when the caller keeps the result (caseViews).
 */
export function conditionAnswers(
  condition: Condition,
  columns: Readonly<Record<string, Column | undefined>>,
  n: number,
): Int8Array {
  if ('all' in condition) return combined(condition.all, columns, n, ANSWER_FALSE);
  if ('any' in condition) return combined(condition.any, columns, n, ANSWER_TRUE);
  if ('not' in condition) {
    const answers = conditionAnswers(condition.not, columns, n);
    mapAnswers(answers, NOT_TABLE, n);
    return answers;
  }
  return leafAnswers(condition, columns, n);
}

/**
 * A leaf's answers. The common leaves (`in` on a category, a list or a boolean; a number's bounds)
 * are a loop over the column's typed arrays written out here, about three times faster than asking
 * rowCondition's leaf per row; the others ask it. The tests hold every leaf to rowCondition's answers.
 */
function leafAnswers(
  condition: Extract<Condition, { variable: string }>,
  columns: Readonly<Record<string, Column | undefined>>,
  n: number,
): Int8Array {
  const column = columns[condition.variable];
  const answers = new Int8Array(n);
  if (column !== undefined && 'in' in condition) {
    const terms = new Set<unknown>(condition.in);
    const codeAnswers = (levels: readonly string[]) =>
      Int8Array.from(levels, (level) => (terms.has(level) ? ANSWER_TRUE : ANSWER_FALSE));
    if (column.kind === 'coded') {
      const { codes } = column;
      // Indexed by code + 1: a code of NOT_REPORTED (-1) reads the unknown at 0.
      const byCodePlusOne = Int8Array.from([ANSWER_UNKNOWN, ...codeAnswers(column.levels)]);
      for (let i = 0; i < n; i++) answers[i] = byCodePlusOne[codes[i]! - NOT_REPORTED]!;
      return answers;
    }
    if (column.kind === 'list') {
      const { starts, items, reported } = column;
      const byCode = codeAnswers(column.levels);
      const empty = terms.has('none') ? ANSWER_TRUE : ANSWER_FALSE;
      for (let i = 0; i < n; i++) {
        if (reported[i] !== 1) {
          answers[i] = ANSWER_UNKNOWN;
          continue;
        }
        const end = starts[i + 1]!;
        let k = starts[i]!;
        let answer: number = k === end ? empty : ANSWER_FALSE;
        for (; k < end && answer === ANSWER_FALSE; k++) answer = byCode[items[k]!]!;
        answers[i] = answer;
      }
      return answers;
    }
    if (column.kind === 'boolean') {
      const { values } = column;
      // Indexed by value + 1: not reported (-1), no (0), yes (1).
      const byValue = Int8Array.from([
        ANSWER_UNKNOWN,
        terms.has(false) ? ANSWER_TRUE : ANSWER_FALSE,
        terms.has(true) ? ANSWER_TRUE : ANSWER_FALSE,
      ]);
      for (let i = 0; i < n; i++) answers[i] = byValue[values[i]! - NOT_REPORTED]!;
      return answers;
    }
  }
  if (column?.kind === 'number' && !('in' in condition) && !('reported' in condition)) {
    const { values, reported } = column;
    const { atLeast, atMost, below } = condition;
    for (let i = 0; i < n; i++) {
      if (reported[i] !== 1) {
        answers[i] = ANSWER_UNKNOWN;
        continue;
      }
      const value = values[i]!;
      answers[i] =
        (atLeast !== undefined && value < atLeast) ||
        (atMost !== undefined && value > atMost) ||
        (below !== undefined && value >= below)
          ? ANSWER_FALSE
          : ANSWER_TRUE;
    }
    return answers;
  }
  const leaf = rowCondition(condition, columns);
  for (let i = 0; i < n; i++) {
    const r = leaf(i);
    answers[i] = r === null ? ANSWER_UNKNOWN : r ? ANSWER_TRUE : ANSWER_FALSE;
  }
  return answers;
}

/**
 * Kleene `all` (decisive: false) or `any` (decisive: true): the decisive answer where a part gives it,
 * otherwise unknown where a part is unknown, otherwise the other answer. An empty list is never
 * decisive and never unknown (all [] holds, any [] does not), as rowCondition.
 */
function combined(
  parts: readonly Condition[],
  columns: Readonly<Record<string, Column | undefined>>,
  n: number,
  decisive: typeof ANSWER_TRUE | typeof ANSWER_FALSE,
): Int8Array {
  const otherwise = decisive === ANSWER_TRUE ? ANSWER_FALSE : ANSWER_TRUE;
  if (parts.length === 0) return new Int8Array(n).fill(otherwise);
  // The first part's answers are the answers of a list of one part; the others are folded in.
  const answers = conditionAnswers(parts[0]!, columns, n);
  const table = decisive === ANSWER_FALSE ? AND_TABLE : OR_TABLE;
  for (const part of parts.slice(1)) {
    const partAnswers = conditionAnswers(part, columns, n);
    combineAnswers(answers, partAnswers, table, n);
  }
  return answers;
}

/*
 * Kleene's not, and and or as lookup tables (answerKernels.ts): a lookup instead of branches on answers
 * that, in real data, look random to the processor (its mispredicted branches were most of a
 * combination's time). Written as the logic, so the tables follow the answer codes.
 */
const U = ANSWER_UNKNOWN;
const F = ANSWER_FALSE;
const T = ANSWER_TRUE;
const NOT_TABLE = answerTable((a) => (a === U ? U : a === T ? F : T));
const AND_TABLE = answerPairTable((a: Answer, b: Answer) =>
  a === F || b === F ? F : a === U || b === U ? U : T,
);
const OR_TABLE = answerPairTable((a: Answer, b: Answer) =>
  a === T || b === T ? T : a === U || b === U ? U : F,
);
