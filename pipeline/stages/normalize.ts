import { INPUT_TABLES } from '../cohortTables/catalog.ts';
import {
  tablesByKey,
  type InputTable,
  type NormalizeOptions,
  type TablesRead,
} from '../cohortTables/inputTable.ts';
import type { Finding } from '../types.ts';
import type { StageContext } from './context.ts';
import type { ExtractOutput } from './extract.ts';

export type { NormalizeOptions };

export interface NormalizeOutput {
  /** Each input table's value (cohortTables/catalog.ts), asked for by its entry: `tables.of(casesTable)`. */
  tables: TablesRead;
  findings: Finding[];
}

/**
 * Every input table's typed notations → its value, by its own normaliser (the case table's through the
 * cohort's vocabularies, then its derived variables).
 */
export function normalize(
  input: ExtractOutput,
  context: StageContext,
  options: NormalizeOptions = {},
  tables: ReadonlyArray<InputTable<string, unknown>> = INPUT_TABLES,
): NormalizeOutput {
  const values: Record<string, unknown> = {};
  const findings: Finding[] = [];
  for (const table of tables) {
    const raw = input.raw[table.key] ?? null;
    const extras = input.extras[table.key] ?? [];
    if (raw === null && extras.length === 0) {
      values[table.key] = table.empty;
      continue;
    }
    const result = table.normalize(raw, context, extras, options);
    values[table.key] = result.value;
    for (const f of result.findings) findings.push(f); // no push(...): 10^5+ findings overflow the stack
  }
  return { tables: tablesByKey(values, input.raw), findings };
}
