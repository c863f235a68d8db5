import type { CaseTable, Condition } from '../types.ts';
import { caseViews, type CaseViews } from './caseViews.ts';
import { ANSWER_TRUE, countAnswers } from './answerKernels.ts';

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
  const answers = views.answers(condition);
  const included = views.includedRows();
  // The first ids, from as few rows as it takes; then the counts over every included row (countAnswers,
  // without a branch on the answer).
  const ids: string[] = [];
  for (let k = 0; k < included.length && ids.length < idLimit; k++) {
    const i = included[k]!;
    if (answers[i] === ANSWER_TRUE) ids.push(cases.caseIds[i]!);
  }
  const { numerator, reported } = countAnswers(answers, included);
  return { numerator, reported, all: included.length, ids };
}
