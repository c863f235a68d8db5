import type { Finding, RawTable } from '../types.ts';
import { findColumn } from './columnKey.ts';

/**
 * The finding for required columns a table's header lacks, or null when it has them all. `expected`
 * describes the header the file should have, for the message.
 */
export function missingColumns(
  table: RawTable,
  required: readonly string[],
  expected: string,
): Finding | null {
  const missing = required.filter((c) => findColumn(table.header, c) < 0);
  if (missing.length === 0) return null;
  const names = missing.map((m) => `"${m}"`).join(', ');
  return {
    file: table.file,
    line: table.headerLine,
    column: 0,
    severity: 'error',
    code: 'header.missing',
    message: `required column${missing.length > 1 ? 's' : ''} ${names} missing (${expected})`,
  };
}
