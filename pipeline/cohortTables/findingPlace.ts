import type { FindingPlace } from './acceptedFindings.ts';
import { findColumn } from '../parse/columnKey.ts';
import type { RawTable } from '../types.ts';

/** One input file as findings show it, and the id of the row on each of its lines. */
export interface PlacedFile {
  /** Its role (`cases`, `sources`, …, `cohort`): what accepted.csv keys a decision by. */
  role: string;
  /** As findings show it (relative to the working directory). */
  file: string;
  /** The id of the row starting on `line`, or null for the header and lines outside the table. */
  idAt: (line: number) => string | null;
}

/** Row ids by line for a small table (sources, published figures, flow, …): its `idColumn` cell. */
export function tableIds(table: RawTable | null, idColumn: string): (line: number) => string | null {
  if (!table) return () => null;
  const field = findColumn(table.header, idColumn);
  const byLine = new Map<number, string>();
  if (field >= 0) table.rows.forEach((row, i) => byLine.set(table.lines[i]!, row[field]!.trim()));
  return (line) => byLine.get(line) ?? null;
}

/** Row ids by line for the case table, whose lines ascend: a binary search, no map of 10^6 entries. */
export function sortedIds(lines: readonly number[], ids: readonly string[]): (line: number) => string | null {
  return (line) => {
    let lo = 0;
    let hi = lines.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = lines[mid]!;
      if (at === line) return ids[mid]!;
      if (at < line) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  };
}

/** Where a finding is, as an accepted.csv row names it: the table's role and row id (empty: the whole file). */
export function findingPlace(files: readonly PlacedFile[]): FindingPlace {
  const byFile = new Map(files.map((f) => [f.file, f]));
  return (finding) => {
    const placed = byFile.get(finding.file);
    if (!placed) return null;
    return { role: placed.role, key: placed.idAt(finding.line) ?? '' };
  };
}
