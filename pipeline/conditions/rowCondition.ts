import type { Condition, Value } from '../types.ts';

/** A condition bound to the columns of a table: row index → true, false or null (unknown). */
export type RowCondition = (row: number) => boolean | null;

const NOT_REPORTED: readonly Value[] = [];

/**
 * The condition as a function of a row of `columns`, built once: each column is looked up when the
 * condition is bound, not for every row and every leaf, which at 10^6 rows was most of a count's time.
 * It is a tree of closures over the condition's parts, never code made from the condition's text.
 *
 * Kleene three-valued logic: `null` means the answer is unknown because a value is not reported.
 * `in` on a list holds when the list contains any of the terms; the term `none` matches a list
 * reported as empty. `reported` is never unknown; atLeast (≥), atMost (≤) and below (<) compare numbers.
 */
export function rowCondition(
  condition: Condition,
  columns: Readonly<Record<string, readonly Value[] | undefined>>,
): RowCondition {
  if ('all' in condition) {
    const parts = condition.all.map((c) => rowCondition(c, columns));
    return (row) => {
      let unknown = false;
      for (const part of parts) {
        const r = part(row);
        if (r === false) return false;
        if (r === null) unknown = true;
      }
      return unknown ? null : true;
    };
  }
  if ('any' in condition) {
    const parts = condition.any.map((c) => rowCondition(c, columns));
    return (row) => {
      let unknown = false;
      for (const part of parts) {
        const r = part(row);
        if (r === true) return true;
        if (r === null) unknown = true;
      }
      return unknown ? null : false;
    };
  }
  if ('not' in condition) {
    const part = rowCondition(condition.not, columns);
    return (row) => {
      const r = part(row);
      return r === null ? null : !r;
    };
  }
  const column = columns[condition.variable] ?? NOT_REPORTED;
  if ('reported' in condition) {
    const reported = condition.reported;
    return (row) => ((column[row] ?? null) !== null) === reported;
  }
  if ('in' in condition) {
    const terms = new Set<unknown>(condition.in);
    const emptyMatches = terms.has('none');
    return (row) => {
      const value = column[row] ?? null;
      if (value === null) return null;
      if (Array.isArray(value)) {
        if (value.length === 0) return emptyMatches;
        for (const v of value) if (terms.has(v)) return true;
        return false;
      }
      return terms.has(value);
    };
  }
  const { atLeast, atMost, below } = condition;
  return (row) => {
    const value = column[row] ?? null;
    if (value === null) return null;
    if (typeof value !== 'number') return null;
    if (atLeast !== undefined && value < atLeast) return false;
    if (atMost !== undefined && value > atMost) return false;
    if (below !== undefined && value >= below) return false;
    return true;
  };
}

/**
 * The same condition with unknown answers taken as false at its leaves: "a finding that is not
 * reported counts as absent" (a derived category with `missing: "absent"`).
 */
export function rowConditionTreatingUnknownAsAbsent(
  condition: Condition,
  columns: Readonly<Record<string, readonly Value[] | undefined>>,
): (row: number) => boolean {
  if ('all' in condition) {
    const parts = condition.all.map((c) => rowConditionTreatingUnknownAsAbsent(c, columns));
    return (row) => parts.every((part) => part(row));
  }
  if ('any' in condition) {
    const parts = condition.any.map((c) => rowConditionTreatingUnknownAsAbsent(c, columns));
    return (row) => parts.some((part) => part(row));
  }
  if ('not' in condition) {
    const part = rowConditionTreatingUnknownAsAbsent(condition.not, columns);
    return (row) => !part(row);
  }
  const leaf = rowCondition(condition, columns);
  return (row) => leaf(row) === true;
}
