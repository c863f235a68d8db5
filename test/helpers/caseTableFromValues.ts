import type { CaseTable, Value } from '../../pipeline/types.ts';
import { columnOfValues, valueAt } from '../../pipeline/values/columns.ts';

/**
 * A case table made by hand for a test: its columns from plain values (each column's kind taken from
 * its values), everything else as given.
 */
export function caseTableFromValues(
  table: Omit<CaseTable, 'columns'>,
  values: Record<string, readonly Value[]>,
): CaseTable {
  const columns = Object.fromEntries(Object.entries(values).map(([id, v]) => [id, columnOfValues(v)]));
  return { ...table, columns };
}

/** A variable's values, row by row, as plain values (null: not reported). */
export function columnValues(cases: CaseTable, variable: string): Value[] {
  const column = cases.columns[variable]!;
  return Array.from({ length: cases.n }, (_, i) => valueAt(column, i));
}
