import type { CaseTable } from '../types.ts';
import { numberReader } from '../values/columns.ts';

/**
 * The reported values of a numeric variable over the included patients, and which patients hold
 * the extremes, so that a range that differs from the paper's can be checked.
 */
export function continuousValues(
  cases: CaseTable,
  variable: string,
): { values: number[]; minCase: string | null; maxCase: string | null } {
  const valueOf = numberReader(cases.columns[variable]);
  const values: number[] = [];
  let minCase: string | null = null;
  let maxCase: string | null = null;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < cases.n; i++) {
    const v = valueOf(i);
    if (!cases.included[i] || v === null) continue;
    if (v < min) [min, minCase] = [v, cases.caseIds[i]!];
    if (v > max) [max, maxCase] = [v, cases.caseIds[i]!];
    values.push(v);
  }
  return { values, minCase, maxCase };
}
