import type { Analysis } from '../analyses/analysis.ts';
import { ANALYSES } from '../analyses/index.ts';
import { INPUT_TABLES } from '../cohortTables/catalog.ts';
import type { InputTable } from '../cohortTables/inputTable.ts';
import type { Finding } from '../types.ts';
import type { StageContext } from './context.ts';
import type { NormalizeOutput } from './normalize.ts';

export { idKey } from '../cohortTables/caseChecks.ts';

export interface ValidateOutput {
  findings: Finding[];
  errors: number;
  warnings: number;
}

/**
 * Checks across rows, columns and files: each input table's own (cohortTables/catalog.ts), then each
 * analysis's of the tables it reads; counts what stops the run.
 */
export function validate(
  input: NormalizeOutput,
  context: StageContext,
  tables: ReadonlyArray<InputTable<string, unknown>> = INPUT_TABLES,
  analyses: ReadonlyArray<Analysis<unknown>> = ANALYSES,
): ValidateOutput {
  const findings: Finding[] = [];
  const note = (more: readonly Finding[]) => {
    for (const f of more) findings.push(f); // no push(...): 10^5+ findings overflow the stack
  };
  for (const table of tables) note(table.check?.(input.tables.of(table), input.tables, context) ?? []);
  for (const analysis of analyses) note(analysis.checkInput?.(input.tables, context) ?? []);
  return {
    findings,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
}
