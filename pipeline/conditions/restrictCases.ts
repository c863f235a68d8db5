import type { CaseTable } from '../types.ts';

/**
 * The same case table with fewer patients in the analysis: those included for which `keep` holds.
 * The columns are shared, not copied, so a sensitivity or cumulative analysis costs one mask.
 */
export function restrictCases(cases: CaseTable, keep: (i: number) => boolean): CaseTable {
  const included = cases.included.map((inc, i) => inc && keep(i));
  return { ...cases, included };
}
