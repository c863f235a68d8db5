/**
 * Counting included rows by group in one pass, for analyses that would otherwise restrict the table
 * once per group (a publication year, an appraisal rule) and count it again: one pass per statistic,
 * whatever the number of groups. A row's group is a small integer in [0, groups), or -1 for a row in
 * no group (a source without a year).
 */

/** Included rows per group (index g). */
export function rowsPerGroup(included: Uint32Array, groupOfRow: Int32Array, groups: number): Uint32Array {
  // Slot 0 collects the rows in no group (-1 + 1), so the loop needs no branch on the group.
  const slots = new Uint32Array(groups + 1);
  for (let k = 0; k < included.length; k++) slots[groupOfRow[included[k]!]! + 1]!++;
  return slots.subarray(1);
}

/** Per group: the included rows for which the condition holds, and those for which it is decided. */
export interface AnswerCountsByGroup {
  numerator: Uint32Array;
  reported: Uint32Array;
}

/**
 * A condition's answers (conditionAnswers: 1 true, 0 false, -1 unknown) counted per group over the
 * included rows. Relies on those three codes, as countCondition does: answer + 1 is 0 unknown, 1
 * false, 2 true, so numerator += (a + 1) >> 1 and reported += (a + 2) >> 1, without a branch on the
 * answer (the test pins the codes).
 */
export function answerCountsByGroup(
  answers: Int8Array,
  included: Uint32Array,
  groupOfRow: Int32Array,
  groups: number,
): AnswerCountsByGroup {
  const numerator = new Uint32Array(groups + 1);
  const reported = new Uint32Array(groups + 1);
  for (let k = 0; k < included.length; k++) {
    const i = included[k]!;
    const slot = groupOfRow[i]! + 1;
    const a = answers[i]!;
    numerator[slot]! += (a + 1) >> 1;
    reported[slot]! += (a + 2) >> 1;
  }
  return { numerator: numerator.subarray(1), reported: reported.subarray(1) };
}

/** Running totals: element g is the sum of counts[0..g]. */
export function runningTotals(counts: ArrayLike<number>): number[] {
  const totals = new Array<number>(counts.length);
  let sum = 0;
  for (let g = 0; g < counts.length; g++) totals[g] = sum += counts[g]!;
  return totals;
}
