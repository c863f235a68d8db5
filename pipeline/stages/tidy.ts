import { formatValue } from '../values/formatValue.ts';
import { casesSchema, CODEBOOK_HEADER, codebookRows, dataPackage } from '../dataPackage/tableSchema.ts';
import { cohortVariables } from '../dataPackage/variables.ts';
import { csvChunks, toCsv, type CsvCell } from '../io/toCsv.ts';
import type { CaseTable, Source, Value } from '../types.ts';
import type { OutputFile, StageContext } from './context.ts';

export interface TidyOutput {
  files: OutputFile[];
  /** Tidy tables by file name, with their column names, for the data package and codebook. */
  tables: Array<{ path: string; columns: string[] }>;
}

/** Numbers as computed, not rounded: R re-run on tidy/cases.csv must reproduce stats.json. */
const EXACT_NUMBERS = { exactNumbers: true };

/**
 * The analysis-ready tables: one row per patient and one column per variable with canonical values
 * (empty = not reported), one long table per multi-valued variable, the sources and a codebook.
 */
export function tidy(
  input: { cases: CaseTable; sources: Source[]; sourceHeader: string[] },
  context: StageContext,
): TidyOutput {
  const { cases } = input;
  const { config } = context;
  const variables = cohortVariables(config);
  const files: OutputFile[] = [];
  const tables: TidyOutput['tables'] = [];
  const add = (path: string, header: string[], rows: CsvCell[][]) => {
    files.push({ path, content: toCsv(header, rows) });
    tables.push({ path, columns: header });
  };
  // The tables with a row per patient (or more) are made while they are written, never held whole.
  const addLarge = (path: string, header: string[], count: number, rowAt: (i: number) => CsvCell[]) => {
    files.push({ path, content: csvChunks(header, count, rowAt) });
    tables.push({ path, columns: header });
  };

  const header = ['case_id', 'source_id', 'included', 'exclusion_reason', ...variables.map((v) => v.id)];
  const columns = variables.map((v) => cases.values[v.id]!);
  addLarge('tidy/cases.csv', header, cases.n, (i) => {
    const row: CsvCell[] = [
      cases.caseIds[i]!,
      cases.sourceIds[i]!,
      cases.included[i] ? 'yes' : 'no',
      cases.exclusionReasons[i] ?? null,
    ];
    for (const column of columns) row.push(formatValue(column[i]!, EXACT_NUMBERS));
    return row;
  });

  for (const v of variables.filter((x) => x.type === 'list')) {
    // One row per item of each reported list, in case order: the rows are found by the item count of
    // every patient (a prefix sum), so that none is held.
    const column = cases.values[v.id]!;
    const itemsOf = (value: Value) => (value == null ? 0 : Array.isArray(value) ? value.length : 1);
    const firstItem = new Float64Array(cases.n + 1);
    for (let i = 0; i < cases.n; i++) firstItem[i + 1] = firstItem[i]! + itemsOf(column[i]!);
    addLarge(`tidy/${v.id}.csv`, ['case_id', 'value'], firstItem[cases.n]!, (r) => {
      const patient = lastAtMost(firstItem, r);
      const value = column[patient]!;
      const item = Array.isArray(value) ? value[r - firstItem[patient]!] : value;
      return [cases.caseIds[patient]!, item as CsvCell];
    });
  }

  add(
    'tidy/sources.csv',
    input.sourceHeader,
    input.sources.map((s) => input.sourceHeader.map((h) => s.fields[h] ?? '')),
  );

  // The codebook and the data package come from one definition, so they cannot disagree.
  add('tidy/codebook.csv', CODEBOOK_HEADER, codebookRows(casesSchema(config)));
  files.push({
    path: 'tidy/datapackage.json',
    content: `${JSON.stringify(dataPackage(config, input.sourceHeader, context.generatedAt), null, 2)}\n`,
  });
  return { files, tables };
}

/** The largest i with sorted[i] <= x (sorted ascending, sorted[0] <= x): a binary search. */
function lastAtMost(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
