import { cohortVariables } from '../dataPackage/variables.ts';
import { displayValue, termLabels } from '../report/displayValue.ts';
import { shortCitation } from '../report/citation.ts';
import type { CaseTable, CohortConfig, Source } from '../types.ts';
import { csvColumnTable, type CsvColumn } from '../io/csvColumns.ts';
import { cellColumn, keyedColumn, numberColumn, textColumn } from '../io/csvColumnKinds.ts';
import type { TextChunks } from '../io/textChunks.ts';
import { csvFieldText } from '../io/toCsv.ts';
import { valueAt } from '../values/columns.ts';
import { variableKey, variableReading } from './variableReader.ts';
import { table1Specs } from './table1/table1Specs.ts';

/** The rows of the table of reported cases, each made when asked for (a table of 10^6 is never held). */
export interface ReportedCases {
  header: string[];
  count: number;
  /** Row k (0 ≤ k < count): the included patients in case order, then the rows left out. */
  rowAt: (k: number) => string[];
  /** The whole table as CSV, made while it is written: the same text as csvChunks over rowAt. */
  csv: TextChunks;
}

/**
 * The pooled review's "Table of reported cases": one row per included patient with its citation and the
 * Table 1 variables as the page shows them (an empty cell: not reported), then the rows left out, each
 * with its reason.
 */
export function reportedCases(
  cases: CaseTable,
  sources: readonly Source[],
  config: CohortConfig,
): ReportedCases {
  // Every Table 1's variables, each once (several tables may share some).
  const seen = new Set<string>();
  const variables = table1Specs(config)
    .flatMap(({ spec }) => spec.variables)
    .filter((v) => {
      const key = `${variableKey(v)}\u0000${v.label}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
  const labels = termLabels(config, cohortVariables(config));
  const byId = new Map(sources.map((s) => [s.id, s]));
  const readings = variables.map((v) => variableReading(cases, config, v));
  // Looked up once per level and per source, not once per row (10^6 rows).
  const levelLabels = readings.map((r) => {
    const labelOf = new Map<string, string>();
    // The first level of an id names it, as a search from the start would.
    if (r.kind === 'categorical')
      for (const l of r.levels) if (!labelOf.has(l.id)) labelOf.set(l.id, l.label);
    return labelOf;
  });
  const citations = new Map<string, string>();
  const citationOf = (sourceId: string) => {
    let text = citations.get(sourceId);
    if (text === undefined) citations.set(sourceId, (text = shortCitation(byId.get(sourceId), sourceId)));
    return text;
  };
  const cellsOf = (i: number) =>
    variables.map((v, k) => {
      const reading = readings[k]!;
      if (reading.kind === 'categorical') {
        const level = reading.levelOf(i);
        return level === null ? '' : (levelLabels[k]!.get(level) ?? level);
      }
      const id = 'variable' in v ? v.variable : '';
      const column = cases.columns[id];
      return displayValue(column === undefined ? null : valueAt(column, i), labels.get(id));
    });
  const note = (i: number) => {
    if (cases.included[i]) return '';
    const duplicate = cases.duplicateOf[i];
    return duplicate
      ? `Excluded: duplicate of ${duplicate}`
      : `Excluded: ${cases.exclusionReasons[i] ?? 'no reason given'}`;
  };
  // Row order: the included patients first, then the rows left out, each in case order.
  const order = new Int32Array(cases.n);
  let k = 0;
  for (let i = 0; i < cases.n; i++) if (cases.included[i]) order[k++] = i;
  for (let i = 0; i < cases.n; i++) if (!cases.included[i]) order[k++] = i;
  const header = ['Case', 'Reference', ...variables.map((v) => v.label), 'Note'];
  // The CSV is written column by column (io/csvColumns.ts): each label's and each citation's field is
  // made once, a number's once per distinct value, so a record mostly points at ready bytes.
  const cellColumns: CsvColumn[] = variables.map((v, k) => {
    const reading = readings[k]!;
    if (reading.kind === 'categorical')
      return keyedColumn(
        reading.levelOf,
        reading.levels.map((l) => l.id),
        (level) => csvFieldText(levelLabels[k]!.get(level) ?? level),
      );
    const id = 'variable' in v ? v.variable : '';
    const column = cases.columns[id];
    const labelsOf = labels.get(id);
    // A number shows as displayValue shows it; any other column (not one Table 1 reads as continuous)
    // takes displayValue per row.
    if (column?.kind === 'number')
      return numberColumn(column.values, column.reported, (x) => csvFieldText(displayValue(x, labelsOf)));
    return cellColumn((i) => displayValue(column === undefined ? null : valueAt(column, i), labelsOf));
  });
  const columns: CsvColumn[] = [
    textColumn(cases.caseIds),
    keyedColumn(
      (i) => cases.sourceIds[i]!,
      sources.map((s) => s.id),
      (id) => csvFieldText(citationOf(id)),
    ),
    ...cellColumns,
    cellColumn((i) => (cases.included[i] ? null : note(i))),
  ];
  return {
    header,
    count: cases.n,
    rowAt: (r) => {
      const i = order[r]!;
      return [cases.caseIds[i]!, citationOf(cases.sourceIds[i]!), ...cellsOf(i), note(i)];
    },
    csv: csvColumnTable(header, cases.n, columns, order),
  };
}
