import type { StageContext } from '../stages/context.ts';
import type { CohortConfig, Finding, RawTable } from '../types.ts';

/** A file an input table reads besides its own (a checklist the appraisal block names), as text. */
export interface ExtraFile {
  /** Its name as cohort.json gives it. */
  name: string;
  /** Its path as shown to the user. */
  file: string;
  text: string;
}

/** What the normaliser of a table may be asked (the cases table's rows let go once read, at 10^6 rows). */
export interface NormalizeOptions {
  /**
   * Let go of each row of the table once it is read (parse/rawRows.ts releaseRawRow empties it): for a
   * caller that reads the raw rows no more, so that 10^6 rows are not held as text and as values at once.
   */
  releaseRows?: boolean;
}

/** The values of the input tables read in this run, each asked for by its catalog entry (typed). */
export interface TablesRead {
  of<Value>(table: InputTable<string, Value>): Value;
  /** The table as read, before normalising (null when cohort.json names no file, or it could not be read). */
  raw(table: InputTable<string, unknown>): RawTable | null;
}

/**
 * One input table of a cohort folder, declared once in cohortTables/catalog.ts: the key that names its file
 * in cohort.json `files`, how it is read, its normaliser (typed notations → its value) and its checks
 * across tables. The extract, normalize, validate and accept stages walk the catalog; nothing else
 * names a table.
 */
export interface InputTable<Key extends string, Value> {
  /** Its key in cohort.json `files`; also its role in accepted.csv and in stats.json `inputs`. */
  key: Key;
  /** What its file holds, for the cohort.json schema's description of `files.<key>`. */
  description: string;
  /** cohort.json must name its file (cases, sources). */
  required?: boolean;
  /** A file cohort.json names but that is not there is no error (the analysis that reads it is not shown). */
  optional?: boolean;
  /** A file with a header and no row is an error. */
  requireRows?: boolean;
  /** Kept as the text of its lines, split as they are read (the cases table, 10^6 rows). */
  lazyRows?: boolean;
  /** The column whose value names a row, by which accepted.csv places a decision (null: by line only). */
  idColumn: string | null;
  /** Its value when cohort.json names no file, or the file could not be read. */
  empty: Value;
  /** Files it reads besides its table, by their names in cohort.json (the appraisal's checklists). */
  extraFiles?(config: CohortConfig): readonly string[];
  /** Its value from its rows, with what it found wrong (located at line and column). */
  normalize(
    raw: RawTable | null,
    context: StageContext,
    extras: readonly ExtraFile[],
    options: NormalizeOptions,
  ): { value: Value; findings: Finding[] };
  /**
   * The id of the row at a line, by which accepted.csv places a decision (default: the `idColumn` of the
   * raw table).
   */
  rowIds?(value: Value, raw: RawTable | null): (line: number) => string | null;
  /** Checks across this table and the others (run by the validate stage once every table is read). */
  check?(value: Value, tables: TablesRead, context: StageContext): Finding[];
}

/** Keeps a table's value type and its key (a literal type) while listing it in the catalog. */
export const defineInputTable =
  <Value>() =>
  <const Key extends string>(table: InputTable<Key, Value>): InputTable<Key, Value> =>
    table;

/** Tables read, as TablesRead, from their values and raw tables by key. */
export function tablesByKey(
  values: Readonly<Record<string, unknown>>,
  raws: Readonly<Record<string, RawTable | null>>,
): TablesRead {
  return {
    of: <Value>(table: InputTable<string, Value>) => (values[table.key] ?? table.empty) as Value,
    raw: (table) => raws[table.key] ?? null,
  };
}
