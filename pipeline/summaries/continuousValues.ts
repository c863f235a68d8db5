import type { CaseTable } from '../types.ts';

/**
 * The reported values of a numeric variable over the included patients, and which patients hold
 * the extremes, so that a range that differs from the paper's can be checked.
 */
export function continuousValues(
  cases: CaseTable,
  variable: string,
): { values: number[]; minCase: string | null; maxCase: string | null } {
  const column = cases.values[variable]!;
  const values: number[] = [];
  let minCase: string | null = null;
  let maxCase: string | null = null;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < cases.n; i++) {
    const v = column[i];
    if (!cases.included[i] || typeof v !== 'number') continue;
    if (v < min) [min, minCase] = [v, cases.caseIds[i]!];
    if (v > max) [max, maxCase] = [v, cases.caseIds[i]!];
    values.push(v);
  }
  return { values, minCase, maxCase };
}
