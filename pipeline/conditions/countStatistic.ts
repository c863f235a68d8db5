import type { CaseTable, Condition } from '../types.ts';
import { rowCondition } from './rowCondition.ts';

/** How many included patients a condition holds for, of how many it could be decided for. */
export interface Count {
  numerator: number;
  /** Patients for whom the condition is not unknown (available-case denominator). */
  reported: number;
  /** All included patients (the convention of pooled case-report reviews). */
  all: number;
  /** Case ids for which the condition holds, for tooltips; at most `idLimit`. */
  ids: string[];
}

export function countCondition(cases: CaseTable, condition: Condition, idLimit = 40): Count {
  let numerator = 0;
  let reported = 0;
  let all = 0;
  const ids: string[] = [];
  const holds = rowCondition(condition, cases.columns);
  for (let i = 0; i < cases.n; i++) {
    if (!cases.included[i]) continue;
    all++;
    const r = holds(i);
    if (r === null) continue;
    reported++;
    if (r) {
      numerator++;
      if (ids.length < idLimit) ids.push(cases.caseIds[i]!);
    }
  }
  return { numerator, reported, all, ids };
}
