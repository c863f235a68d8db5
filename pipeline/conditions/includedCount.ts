import type { CaseTable } from '../types.ts';

/** How many rows of the case table are included patients. */
export function includedCount(cases: Pick<CaseTable, 'n' | 'included'>): number {
  let n = 0;
  for (let i = 0; i < cases.n; i++) if (cases.included[i]) n++;
  return n;
}
