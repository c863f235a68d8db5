import type { Condition, Value } from '../types.ts';
import { columnOfValues, type Columns } from '../values/columns.ts';
import { rowCondition, rowConditionTreatingUnknownAsAbsent } from './rowCondition.ts';

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

/** Every variable a condition reads, for the config check. */
export function conditionVariables(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(conditionVariables);
  if ('any' in condition) return condition.any.flatMap(conditionVariables);
  if ('not' in condition) return conditionVariables(condition.not);
  return [condition.variable];
}
