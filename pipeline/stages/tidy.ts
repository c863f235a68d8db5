import { casesSchema, CODEBOOK_HEADER, codebookRows, dataPackage } from '../dataPackage/tableSchema.ts';
import { cohortVariables } from '../dataPackage/variables.ts';
import { csvColumnTable, type CsvColumn } from '../io/csvColumns.ts';
import { codedColumn, itemOwnerColumn, textColumn, tidyColumn, yesNoColumn } from '../io/csvColumnKinds.ts';
import { toCsv, type CsvCell } from '../io/toCsv.ts';
import type { CaseTable, Source } from '../types.ts';
import type { OutputFile, StageContext } from './context.ts';

export interface TidyOutput {
  files: OutputFile[];
  /** Tidy tables by file name, with their column names, for the data package and codebook. */
  tables: Array<{ path: string; columns: string[] }>;
}

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
  // The tables with a row per patient (or more) are made while they are written, never held whole,
  // column by column from the typed columns (io/csvColumns.ts).
  const addLarge = (path: string, header: string[], count: number, columns: CsvColumn[]) => {
    files.push({ path, content: csvColumnTable(header, count, columns) });
    tables.push({ path, columns: header });
  };

  const header = ['case_id', 'source_id', 'included', 'exclusion_reason', ...variables.map((v) => v.id)];
  addLarge('tidy/cases.csv', header, cases.n, [
    textColumn(cases.caseIds),
    textColumn(cases.sourceIds),
    yesNoColumn(cases.included),
    textColumn(cases.exclusionReasons),
    ...variables.map((v) => tidyColumn(cases.columns[v.id]!)),
  ]);

  for (const v of variables.filter((x) => x.type === 'list')) {
    // One row per item of each reported list, in case order: a list column's `starts` are the prefix
    // sum of the item counts, so the patient of a row is found from them and no row is held.
    const column = cases.columns[v.id]!;
    if (column.kind !== 'list') throw new TypeError(`${v.id} is a list variable held as ${column.kind}`);
    const { starts, items, levels } = column;
    addLarge(`tidy/${v.id}.csv`, ['case_id', 'value'], starts[cases.n]!, [
      itemOwnerColumn(starts, cases.caseIds),
      codedColumn(items, levels),
    ]);
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
