import { describe, expect, it } from 'vitest';
import {
  answerCountsByGroup,
  answerPairIndex,
  answerPairTable,
  answerTable,
  combineAnswers,
  compactWhere,
  countAnswers,
  mapAnswers,
  ANSWER_FALSE,
  ANSWER_TRUE,
  ANSWER_UNKNOWN,
  type Answer,
} from '../../pipeline/conditions/answerKernels.ts';
import { seededRandom } from '../../pipeline/stats/seededRandom.ts';

const ANSWERS: readonly Answer[] = [ANSWER_UNKNOWN, ANSWER_FALSE, ANSWER_TRUE];

/** Random answers and a random ascending subset of rows, from a seed. */
function randomCase(random: () => number) {
  const n = Math.floor(random() * 60);
  const answers = Int8Array.from({ length: n }, () => ANSWERS[Math.floor(random() * 3)]!);
  const rows = Uint32Array.from([...Array(n).keys()].filter(() => random() < 0.8));
  return { n, answers, rows };
}

describe('answer kernels', () => {
  it('rest on the answer codes 1 true, 0 false, -1 unknown (their arithmetic is wrong for any others)', () => {
    expect(ANSWER_TRUE).toBe(1);
    expect(ANSWER_FALSE).toBe(0);
    expect(ANSWER_UNKNOWN).toBe(-1);
  });

  it('countAnswers counts what holds and what is decided, as a loop with branches does', () => {
    const random = seededRandom(3);
    for (let trial = 0; trial < 200; trial++) {
      const { answers, rows } = randomCase(random);
      let numerator = 0;
      let reported = 0;
      for (const i of rows) {
        if (answers[i] === ANSWER_TRUE) numerator++;
        if (answers[i] !== ANSWER_UNKNOWN) reported++;
      }
      expect(countAnswers(answers, rows)).toEqual({ numerator, reported });
    }
    // Each answer alone: only true holds, true and false are decided.
    const one = Uint32Array.of(0);
    expect(countAnswers(Int8Array.of(ANSWER_TRUE), one)).toEqual({ numerator: 1, reported: 1 });
    expect(countAnswers(Int8Array.of(ANSWER_FALSE), one)).toEqual({ numerator: 0, reported: 1 });
    expect(countAnswers(Int8Array.of(ANSWER_UNKNOWN), one)).toEqual({ numerator: 0, reported: 0 });
  });

  it('answerCountsByGroup counts per group as a loop with branches does, rows in no group left out', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 200; trial++) {
      const { n, answers, rows } = randomCase(random);
      const groups = Math.floor(random() * 5);
      const groupOfRow = Int32Array.from({ length: n }, () => Math.floor(random() * (groups + 1)) - 1);
      const numerator = new Array(groups).fill(0);
      const reported = new Array(groups).fill(0);
      for (const i of rows) {
        const g = groupOfRow[i]!;
        if (g < 0) continue;
        if (answers[i] === ANSWER_TRUE) numerator[g]++;
        if (answers[i] !== ANSWER_UNKNOWN) reported[g]++;
      }
      const counts = answerCountsByGroup(answers, rows, groupOfRow, groups);
      expect([...counts.numerator]).toEqual(numerator);
      expect([...counts.reported]).toEqual(reported);
    }
  });

  it('compactWhere keeps the rows whose answer is true, in their order', () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 200; trial++) {
      const { answers, rows } = randomCase(random);
      expect([...compactWhere(answers, rows)]).toEqual([...rows].filter((i) => answers[i] === ANSWER_TRUE));
    }
    expect([...compactWhere(Int8Array.of(ANSWER_FALSE, ANSWER_UNKNOWN), Uint32Array.of(0, 1))]).toEqual([]);
  });

  it('a table over one answer and one over two give, at each answer, what their function gives', () => {
    const not = answerTable((a) => (a === ANSWER_UNKNOWN ? ANSWER_UNKNOWN : a === ANSWER_TRUE ? 0 : 1));
    const answers = Int8Array.from(ANSWERS);
    mapAnswers(answers, not, answers.length);
    expect([...answers]).toEqual([ANSWER_UNKNOWN, ANSWER_TRUE, ANSWER_FALSE]);
    // Each pair its own slot: a function that numbers the pairs reads back every number once.
    const numbered = answerPairTable((a, b) => 10 * (a + 2) + (b + 2));
    const slots = new Set<number>();
    for (const a of ANSWERS)
      for (const b of ANSWERS) {
        expect(numbered[answerPairIndex(a, b)]).toBe(10 * (a + 2) + (b + 2));
        slots.add(answerPairIndex(a, b));
      }
    expect([...slots].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const left = Int8Array.from(ANSWERS.flatMap((a) => ANSWERS.map(() => a)));
    const right = Int8Array.from(ANSWERS.flatMap(() => ANSWERS));
    combineAnswers(left, right, numbered, left.length);
    expect([...left]).toEqual(ANSWERS.flatMap((a) => ANSWERS.map((b) => 10 * (a + 2) + (b + 2))));
  });
});
