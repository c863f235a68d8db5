import { formatValue } from '../values/formatValue.ts';
import { casesSchema, CODEBOOK_HEADER, codebookRows, dataPackage } from '../dataPackage/tableSchema.ts';
import { cohortVariables } from '../dataPackage/variables.ts';
import { toCsv, type CsvCell } from '../io/toCsv.ts';
import type { CaseTable, Source } from '../types.ts';
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

  const header = ['case_id', 'source_id', 'included', 'exclusion_reason', ...variables.map((v) => v.id)];
  const rows: CsvCell[][] = new Array(cases.n);
  for (let i = 0; i < cases.n; i++) {
    const row: CsvCell[] = [
      cases.caseIds[i]!,
      cases.sourceIds[i]!,
      cases.included[i] ? 'yes' : 'no',
      cases.exclusionReasons[i] ?? null,
    ];
    for (const v of variables) row.push(formatValue(cases.values[v.id]![i]!, EXACT_NUMBERS));
    rows[i] = row;
  }
  add('tidy/cases.csv', header, rows);

  for (const v of variables.filter((x) => x.type === 'list')) {
    // One row per item of each reported list, in case order (a plain loop: loading arquero for this
    // alone cost ~0.2 s of start-up, and its unroll was slower).
    const column = cases.values[v.id]!;
    const long: CsvCell[][] = [];
    for (let i = 0; i < cases.n; i++) {
      const value = column[i];
      if (value == null) continue;
      for (const item of Array.isArray(value) ? value : [value])
        long.push([cases.caseIds[i]!, item as CsvCell]);
    }
    add(`tidy/${v.id}.csv`, ['case_id', 'value'], long);
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
