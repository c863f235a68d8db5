import type { AnalysisVariable, CohortConfig } from '../../types.ts';

/** Table 1: patient characteristics, overall and optionally by a grouping. */
export interface Table1Spec {
  /** Names the table (its files and stats.json entry) when cohort.json gives several Table 1s. */
  id?: string;
  /** Its caption's subject when there are several ("by chemotherapy"): default from the grouping. */
  label?: string;
  /**
   * The columns: a survival grouping id; otherwise a category, yes/no or derived variable (by its
   * name, or as {"variable"} or {"statistic"}); null for the overall column only.
   */
  by: string | null | { variable: string } | { statistic: string };
  variables: AnalysisVariable[];
}

/** The Table 1 specs of the cohort with their place in cohort.json: none, the one, or each of several. */
export function table1Specs(config: CohortConfig): Array<{ spec: Table1Spec; pointer: string }> {
  const t = config.table1;
  if (t === undefined) return [];
  return Array.isArray(t)
    ? t.map((spec, k) => ({ spec, pointer: `/table1/${k}` }))
    : [{ spec: t, pointer: '/table1' }];
}
