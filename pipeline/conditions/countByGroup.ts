/**
 * Counting included rows by group in one pass, for analyses that would otherwise restrict the table
 * once per group (a publication year, an appraisal rule) and count it again: one pass per statistic,
 * whatever the number of groups. A row's group is a small integer in [0, groups), or -1 for a row in
 * no group (a source without a year). A condition's answers per group: answerCountsByGroup
 * (answerKernels.ts).
 */

/** Included rows per group (index g). */
export function rowsPerGroup(included: Uint32Array, groupOfRow: Int32Array, groups: number): Uint32Array {
  // Slot 0 collects the rows in no group (-1 + 1), so the loop needs no branch on the group.
  const slots = new Uint32Array(groups + 1);
  for (let k = 0; k < included.length; k++) slots[groupOfRow[included[k]!]! + 1]!++;
  return slots.subarray(1);
}

/** Running totals: element g is the sum of counts[0..g]. */
export function runningTotals(counts: ArrayLike<number>): number[] {
  const totals = new Array<number>(counts.length);
  let sum = 0;
  for (let g = 0; g < counts.length; g++) totals[g] = sum += counts[g]!;
  return totals;
}
