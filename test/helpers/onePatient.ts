/*
 * A condition asked of one patient's values, for tests that write a patient by hand: the pipeline
 * asks conditions of whole columns (conditionAnswers) and never of one patient.
 */
import { rowCondition, rowConditionTreatingUnknownAsAbsent } from '../../pipeline/conditions/rowCondition.ts';
import type { Condition, Value } from '../../pipeline/types.ts';
import { columnOfValues, type Columns } from '../../pipeline/values/columns.ts';
import { conditionVariables } from '../../pipeline/conditions/conditionVariables.ts';

/** Reads one patient's value of a variable. */
export type ValueOf = (variable: string) => Value;

/**
 * One patient's answer (`valueOf` reads its values), by the same logic as a condition bound to a
 * table's columns (rowCondition, which says what the answers mean).
 */
export function evaluateCondition(condition: Condition, valueOf: ValueOf): boolean | null {
  return rowCondition(condition, onePatient(condition, valueOf))(0);
}

/** Same, with unknown answers taken as false: "a finding that is not reported counts as absent". */
export function holdsTreatingUnknownAsAbsent(condition: Condition, valueOf: ValueOf): boolean {
  return rowConditionTreatingUnknownAsAbsent(condition, onePatient(condition, valueOf))(0);
}

/** The values a condition reads, as columns of one row. */
function onePatient(condition: Condition, valueOf: ValueOf): Columns {
  return Object.fromEntries(conditionVariables(condition).map((v) => [v, columnOfValues([valueOf(v)])]));
}
