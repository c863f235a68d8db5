import type { Condition } from '../types.ts';

/** Every variable a condition reads, for the config check. */
export function conditionVariables(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(conditionVariables);
  if ('any' in condition) return condition.any.flatMap(conditionVariables);
  if ('not' in condition) return conditionVariables(condition.not);
  return [condition.variable];
}
