import { normalizeKey } from './normalizeKey.ts';

/**
 * The form in which header cells are matched with column names: case, surrounding spaces and the
 * choice between space, underscore and hyphen do not matter (`Case ID` = `case_id` = `case-id`).
 */
export function columnKey(name: string): string {
  return normalizeKey(name).replace(/ /g, '_');
}

/** Field index of the column `name` in a header, matched by columnKey; -1 when absent. */
export function findColumn(header: readonly string[], name: string): number {
  const key = columnKey(name);
  return header.findIndex((h) => columnKey(h) === key);
}
