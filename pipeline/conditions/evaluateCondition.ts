import type { Condition, Value } from '../types.ts';

/** Reads one patient's value of a variable. */
export type ValueOf = (variable: string) => Value;

/**
 * Kleene three-valued logic: `null` means the answer is unknown because a value is not reported.
 * `in` on a list holds when the list contains any of the terms; the term `none` matches a list
 * reported as empty. `reported` is never unknown; atLeast (≥), atMost (≤) and below (<) compare numbers.
 */
export function evaluateCondition(condition: Condition, valueOf: ValueOf): boolean | null {
  if ('all' in condition) {
    let unknown = false;
    for (const c of condition.all) {
      const r = evaluateCondition(c, valueOf);
      if (r === false) return false;
      if (r === null) unknown = true;
    }
    return unknown ? null : true;
  }
  if ('any' in condition) {
    let unknown = false;
    for (const c of condition.any) {
      const r = evaluateCondition(c, valueOf);
      if (r === true) return true;
      if (r === null) unknown = true;
    }
    return unknown ? null : false;
  }
  if ('not' in condition) {
    const r = evaluateCondition(condition.not, valueOf);
    return r === null ? null : !r;
  }
  const value = valueOf(condition.variable);
  if ('reported' in condition) return (value !== null) === condition.reported;
  if (value === null) return null;
  if ('in' in condition) {
    if (Array.isArray(value)) {
      if (value.length === 0) return condition.in.includes('none');
      return value.some((v) => condition.in.includes(v));
    }
    return condition.in.includes(value as string | boolean);
  }
  if (typeof value !== 'number') return null;
  if (condition.atLeast !== undefined && value < condition.atLeast) return false;
  if (condition.atMost !== undefined && value > condition.atMost) return false;
  if (condition.below !== undefined && value >= condition.below) return false;
  return true;
}

/** Same, with unknown answers taken as false: "a finding that is not reported counts as absent". */
export function holdsTreatingUnknownAsAbsent(condition: Condition, valueOf: ValueOf): boolean {
  if ('all' in condition) return condition.all.every((c) => holdsTreatingUnknownAsAbsent(c, valueOf));
  if ('any' in condition) return condition.any.some((c) => holdsTreatingUnknownAsAbsent(c, valueOf));
  if ('not' in condition) return !holdsTreatingUnknownAsAbsent(condition.not, valueOf);
  return evaluateCondition(condition, valueOf) === true;
}

/** Every variable a condition reads, for the config check. */
export function conditionVariables(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(conditionVariables);
  if ('any' in condition) return condition.any.flatMap(conditionVariables);
  if ('not' in condition) return conditionVariables(condition.not);
  return [condition.variable];
}
