import type { CohortConfig, Table1Spec } from '../types.ts';

/** The Table 1 specs of the cohort with their place in cohort.json: none, the one, or each of several. */
export function table1Specs(config: CohortConfig): Array<{ spec: Table1Spec; pointer: string }> {
  const t = config.table1;
  if (t === undefined) return [];
  return Array.isArray(t)
    ? t.map((spec, k) => ({ spec, pointer: `/table1/${k}` }))
    : [{ spec: t, pointer: '/table1' }];
}
