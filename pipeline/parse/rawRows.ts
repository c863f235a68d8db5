import type { RawTable } from '../types.ts';

/** What a row's cells are replaced by once read, when the rows are released. */
const RELEASED_ROW: string[] = Object.freeze([]) as unknown as string[];

/** Rows of a table, split or not (RawTable.unsplit). */
export function rawRowCount(table: RawTable): number {
  return table.unsplit ? table.unsplit.texts.length : table.rows.length;
}

/** Row i's cells as typed. */
export function rawRow(table: RawTable, i: number): string[] {
  return table.unsplit ? table.unsplit.texts[i]!.split(table.unsplit.delimiter) : table.rows[i]!;
}

/** Lets go of row i (read no more), so that the rows read are not held beside their values. */
export function releaseRawRow(table: RawTable, i: number): void {
  if (table.unsplit) table.unsplit.texts[i] = '';
  else table.rows[i] = RELEASED_ROW;
}
