import { cohortVariables } from '../dataPackage/variables.ts';
import { displayValue, termLabels } from '../report/displayValue.ts';
import { shortCitation } from '../report/citation.ts';
import type { CaseTable, CohortConfig, Source } from '../types.ts';
import { variableReading } from './variableReader.ts';

/**
 * The pooled review's "Table of reported cases": one row per included patient with its citation and the
 * Table 1 variables as the page shows them (an empty cell: not reported), then the rows left out, each
 * with its reason. A header row first.
 */
export function reportedCasesCells(
  cases: CaseTable,
  sources: readonly Source[],
  config: CohortConfig,
): string[][] {
  const variables = config.table1?.variables ?? [];
  const labels = termLabels(config, cohortVariables(config));
  const byId = new Map(sources.map((s) => [s.id, s]));
  const readings = variables.map((v) => variableReading(cases, config, v));
  const cellsOf = (i: number) =>
    variables.map((v, k) => {
      const reading = readings[k]!;
      if (reading.kind === 'categorical') {
        const level = reading.levelOf(i);
        return level === null ? '' : (reading.levels.find((l) => l.id === level)?.label ?? level);
      }
      const id = 'variable' in v ? v.variable : '';
      return displayValue(cases.values[id]?.[i] ?? null, labels.get(id));
    });
  const row = (i: number, note: string) => [
    cases.caseIds[i]!,
    shortCitation(byId.get(cases.sourceIds[i]!), cases.sourceIds[i]!),
    ...cellsOf(i),
    note,
  ];
  const included: string[][] = [];
  const excluded: string[][] = [];
  for (let i = 0; i < cases.n; i++) {
    if (cases.included[i]) included.push(row(i, ''));
    else {
      const duplicate = cases.duplicateOf[i];
      excluded.push(
        row(
          i,
          duplicate
            ? `Excluded: duplicate of ${duplicate}`
            : `Excluded: ${cases.exclusionReasons[i] ?? 'no reason given'}`,
        ),
      );
    }
  }
  return [['Case', 'Reference', ...variables.map((v) => v.label), 'Note'], ...included, ...excluded];
}
