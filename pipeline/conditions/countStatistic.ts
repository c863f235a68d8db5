import type { CaseTable, Condition } from '../types.ts';
import { caseViews, type CaseViews } from './caseViews.ts';
import { ANSWER_TRUE, ANSWER_UNKNOWN } from './conditionAnswers.ts';

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

/**
 * The count of a condition over the included patients, from its answers in `views` (kept for the run,
 * so a condition that several analyses count is evaluated once).
 */
export function countCondition(
  cases: CaseTable,
  condition: Condition,
  idLimit = 40,
  views: CaseViews = caseViews(cases),
): Count {
  let numerator = 0;
  let reported = 0;
  const ids: string[] = [];
  const answers = views.answers(condition);
  const included = views.includedRows();
  for (let k = 0; k < included.length; k++) {
    const i = included[k]!;
    const r = answers[i];
    if (r === ANSWER_UNKNOWN) continue;
    reported++;
    if (r === ANSWER_TRUE) {
      numerator++;
      if (ids.length < idLimit) ids.push(cases.caseIds[i]!);
    }
  }
  return { numerator, reported, all: included.length, ids };
}
