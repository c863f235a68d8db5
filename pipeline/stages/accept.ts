import { join } from 'node:path';
import { acceptedTable, applyAccepted, type AcceptableTable } from '../cohortTables/acceptedFindings.ts';
import { INPUT_TABLES } from '../cohortTables/catalog.ts';
import { findingPlace, tableIds, type PlacedFile } from '../cohortTables/findingPlace.ts';
import type { InputTable, TablesRead } from '../cohortTables/inputTable.ts';
import { COHORT_FILE } from '../config/loadCohort.ts';
import { tableFile } from '../parse/tableFile.ts';
import type { Finding } from '../types.ts';
import type { StageContext } from './context.ts';

/**
 * The findings with the warnings that the cohort's accepted.csv records as deliberate decisions marked
 * (and accepted.csv's own problems: a decision no finding matches). A decision is keyed by the table's
 * role (its key in cohort.json `files`), so it outlives a change of file (cases.csv to cases.xlsx).
 */
export function accept(
  findings: readonly Finding[],
  tables: TablesRead,
  context: StageContext,
  catalog: ReadonlyArray<InputTable<string, unknown>> = INPUT_TABLES,
): Finding[] {
  const files = context.config.files as Record<string, string | undefined>;
  const acceptedFile = files[acceptedTable.key];
  if (acceptedFile === undefined) return [...findings];
  // A table is shown by its file (a workbook's sheet, `#Patients`, is not part of the path); an
  // accepted.csv row names it as cohort.json does.
  const shown = (name: string) => context.display(join(context.cohortDir, tableFile(name).path));
  const placed: Array<PlacedFile & AcceptableTable> = [
    { role: 'cohort', name: COHORT_FILE, file: shown(COHORT_FILE), idAt: () => null, read: true },
  ];
  // A table not read this run cannot have its decisions found unused.
  for (const table of catalog) {
    const name = files[table.key];
    if (name === undefined || table === acceptedTable) continue;
    const raw = tables.raw(table);
    const value = tables.of(table);
    const idAt = table.rowIds
      ? table.rowIds(value, raw)
      : table.idColumn === null
        ? () => null
        : tableIds(raw, table.idColumn);
    // The case table's raw rows are let go after normalize: it counts as read when it has a value.
    const read = raw !== null || (table.rowIds !== undefined && value !== null);
    placed.push({ role: table.key, name, file: shown(name), idAt, read });
  }
  return applyAccepted(findings, tables.of(acceptedTable), findingPlace(placed), placed, shown(acceptedFile));
}
