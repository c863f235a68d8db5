import { caseView, caseViews, type CaseViews } from '../../conditions/caseViews.ts';
import { sortedInPlace } from '../../stats/ascendingOrder.ts';
import type { CaseTable } from '../../types.ts';

/** The reported values of a numeric variable over the included patients, and who holds the extremes. */
export interface ContinuousValues {
  /**
   * The values ascending (a native sort's order), for the summaries and quantiles. Only the sorted copy
   * is kept (not the values in row order, which nothing reads after): it is kept for the run.
   */
  sorted: Float64Array;
  /** The case ids of the first patient (in row order) with the smallest and with the largest value. */
  minCase: string | null;
  maxCase: string | null;
}

/** The run's view behind continuousValues() below: computed once per run and argument (conditions/caseViews.ts). */
const CONTINUOUS_VALUES_VIEW = caseView(
  'continuousValues',
  (views: CaseViews, { cases, variable }: { cases: CaseTable; variable: string }) => {
    const column = cases.columns[variable];
    const included = views.includedRows();
    if (column?.kind !== 'number') {
      const none = new Float64Array(0);
      return { sorted: none, minCase: null, maxCase: null };
    }
    const { values: numbers, reported } = column;
    let n = 0;
    for (let k = 0; k < included.length; k++) n += reported[included[k]!]!;
    const values = new Float64Array(n);
    let minCase: string | null = null;
    let maxCase: string | null = null;
    let min = Infinity;
    let max = -Infinity;
    for (let k = 0, m = 0; k < included.length; k++) {
      const i = included[k]!;
      if (reported[i] !== 1) continue;
      const v = numbers[i]!;
      if (v < min) [min, minCase] = [v, cases.caseIds[i]!];
      if (v > max) [max, maxCase] = [v, cases.caseIds[i]!];
      values[m++] = v;
    }
    // Sorted where they are: the row-order copy is not kept.
    return { sorted: sortedInPlace(values), minCase, maxCase };
  },
  ({ variable }) => variable,
);

/**
 * The reported values of a numeric variable over the included patients, and which patients hold
 * the extremes, so that a range that differs from the paper's can be checked. Kept in the run's views:
 * the continuous summaries, the reconciliation and Table 1 read the same values, and sort them once.
 */
export function continuousValues(
  cases: CaseTable,
  variable: string,
  views: CaseViews = caseViews(cases),
): ContinuousValues {
  return views.of(CONTINUOUS_VALUES_VIEW, { cases, variable });
}
