/*
 * A condition's answers per row, as an Int8Array of three codes, and the loops over them that run
 * without a branch on the answer. The answers of real data look random to the processor, and the
 * branches it mispredicted were most of a count's time (measured: 7 ms → 2 ms a statistic at 10^6
 * rows) and of a combination's. Each kernel rests on the codes below (answer + 1 is 0 unknown,
 * 1 false, 2 true): they are here, with the only arithmetic on them, and the tests assert them.
 */

/** A condition's answer for one row: true, false or unknown (null). */
export const ANSWER_TRUE = 1;
export const ANSWER_FALSE = 0;
export const ANSWER_UNKNOWN = -1;

export type Answer = typeof ANSWER_TRUE | typeof ANSWER_FALSE | typeof ANSWER_UNKNOWN;

/** The three answers in the order of a table's slots (answer + 1). */
const ANSWERS_BY_SLOT: readonly Answer[] = [ANSWER_UNKNOWN, ANSWER_FALSE, ANSWER_TRUE];

/** How many rows an answer holds for, and for how many it is decided (not unknown). */
export interface AnswerCount {
  numerator: number;
  reported: number;
}

/**
 * The answers of `rows` counted: numerator += (a + 1) >> 1 (1 for true only) and reported +=
 * (a + 2) >> 1 (1 for true and false), so the loop has no branch on the answer.
 */
export function countAnswers(answers: Int8Array, rows: Uint32Array): AnswerCount {
  let numerator = 0;
  let reported = 0;
  for (let k = 0; k < rows.length; k++) {
    const a = answers[rows[k]!]!;
    numerator += (a + 1) >> 1;
    reported += (a + 2) >> 1;
  }
  return { numerator, reported };
}

/** Per group: the rows for which the condition holds, and those for which it is decided. */
export interface AnswerCountsByGroup {
  numerator: Uint32Array;
  reported: Uint32Array;
}

/**
 * The answers of `rows` counted per group (a row's group a small integer in [0, groups), or -1 for a
 * row in no group, which slot 0 collects), as `countAnswers` counts them: one pass whatever the number
 * of groups.
 */
export function answerCountsByGroup(
  answers: Int8Array,
  rows: Uint32Array,
  groupOfRow: Int32Array,
  groups: number,
): AnswerCountsByGroup {
  const numerator = new Uint32Array(groups + 1);
  const reported = new Uint32Array(groups + 1);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    const slot = groupOfRow[i]! + 1;
    const a = answers[i]!;
    numerator[slot]! += (a + 1) >> 1;
    reported[slot]! += (a + 2) >> 1;
  }
  return { numerator: numerator.subarray(1), reported: reported.subarray(1) };
}

/**
 * The rows of `rows` (ascending stays ascending) whose answer is true. Every row is written and the
 * position moves on past a true one only ((a + 1) >> 1), so one slot more than the result is filled.
 */
export function compactWhere(answers: Int8Array, rows: Uint32Array): Uint32Array {
  const size = countAnswers(answers, rows).numerator;
  const written = new Uint32Array(size + 1);
  for (let k = 0, m = 0; k < rows.length; k++) {
    const i = rows[k]!;
    written[m] = i;
    m += (answers[i]! + 1) >> 1;
  }
  return written.subarray(0, size);
}

/** A lookup table over one answer (indexed by answer + 1), from what each answer gives. */
export const answerTable = (f: (a: Answer) => number): Int8Array => Int8Array.from(ANSWERS_BY_SLOT, f);

/** A lookup table over two answers (indexed by answerPairIndex), from what each pair gives. */
export const answerPairTable = (f: (a: Answer, b: Answer) => number): Int8Array =>
  Int8Array.from(ANSWERS_BY_SLOT.flatMap((a) => ANSWERS_BY_SLOT.map((b) => f(a, b))));

/** The slot of answers (a, b) in an answerPairTable: (a + 1) × 3 + (b + 1). */
export const answerPairIndex = (a: number, b: number): number => (a + 1) * 3 + b + 1;

/** answers[i] ← table[answers[i]] for i < n (an answerTable: Kleene's not). */
export function mapAnswers(answers: Int8Array, table: Int8Array, n: number): void {
  for (let i = 0; i < n; i++) answers[i] = table[answers[i]! + 1]!;
}

/** answers[i] ← table[answers[i], other[i]] for i < n (an answerPairTable: Kleene's and, or). */
export function combineAnswers(answers: Int8Array, other: Int8Array, table: Int8Array, n: number): void {
  for (let i = 0; i < n; i++) answers[i] = table[(answers[i]! + 1) * 3 + other[i]! + 1]!;
}
