// Types shared by every stage. Data flows one way: raw tables → case table → tidy → stats → report.

import type { Columns } from './values/columnTypes.ts';

export type Severity = 'error' | 'warning' | 'info';

/** One problem in the user's files, printed as `file:line:column: severity: message`. */
export interface Finding {
  /** Path as shown to the user. */
  file: string;
  /** 1-based line; 0 when the finding concerns the whole file. */
  line: number;
  /** 1-based field number; 0 when the finding concerns no single column. */
  column: number;
  severity: Severity;
  /** Stable id of the kind of problem, e.g. `value.not-a-number`, for tests and filtering. */
  code: string;
  message: string;
  /** Set when the cohort's accepted.csv records this warning as a deliberate decision: its reason. */
  accepted?: string;
}

// ---------------------------------------------------------------- cohort.json

/**
 * Tri-state condition over a patient's values. A condition on a value that is not reported
 * evaluates to `null` (unknown), never to false; `all`/`any`/`not` follow Kleene logic.
 */
export type Condition =
  | { variable: string; in: Array<string | boolean> }
  | { variable: string; reported: boolean }
  | { variable: string; atLeast?: number; atMost?: number; below?: number }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export interface Term {
  id: string;
  label: string;
  /** Other spellings, matched case-insensitively after trimming and folding inner whitespace. */
  synonyms?: string[];
  /** Regular expressions (case-insensitive) that map a token to this term; used by derived lists. */
  patterns?: string[];
  meaning?: string;
}

export interface Vocabulary {
  label?: string;
  terms: Term[];
  /** What to do with a value that is not a term or synonym (default `warning`). */
  unknown?: 'error' | 'warning';
}

export type ColumnType =
  'id' | 'source' | 'number' | 'size' | 'duration' | 'category' | 'list' | 'boolean' | 'text';

export interface ColumnSpec {
  name: string;
  label: string;
  description: string;
  type: ColumnType;
  /** Must the column be present in the header? Default true. */
  required?: boolean;
  /** number: unit shown; size: `cm` | `mm`; duration: `days` | `weeks` | `months` | `years`. */
  unit?: string;
  /** Plausible range, inclusive; a value outside it is an error. */
  min?: number;
  max?: number;
  /** A value equal to `min` is impossible (e.g. a size of 0). */
  exclusiveMin?: boolean;
  vocabulary?: string;
  /** Separator of list cells (default `;`), or several (any of them separates items). */
  separator?: string | string[];
  /** More notations read as not reported in this column, besides the cohort's `notReported`. */
  notReported?: string[];
}

export type DerivedSpec =
  | {
      id: string;
      label: string;
      description: string;
      type: 'category';
      vocabulary: string;
      /** Evaluated in order; the first rule whose condition holds gives the value (precedence). */
      rules: Array<{ value: string; when: Condition }>;
      /** `absent`: a finding that is not reported counts as absent while rules are tried. */
      missing?: 'absent' | 'unknown';
    }
  | {
      id: string;
      label: string;
      description: string;
      type: 'list';
      /** A list or text column whose tokens are mapped to terms by their synonyms and patterns. */
      from: string;
      vocabulary: string;
    }
  | { id: string; label: string; description: string; type: 'boolean'; when: Condition };

export interface StatisticSpec {
  id: string;
  label: string;
  when: Condition;
}

/** cohort.json `minimum`: below these an estimate is withheld (analyses/minimumData.ts has the defaults). */
export interface MinimumDataSpec {
  coxEvents?: number;
  coxEventsPerVariable?: number;
  survivalGroupPatients?: number;
  sensitivityPatients?: number;
  table1GroupPatients?: number;
}

/** A rule about one patient's values; a row for which `when` holds gets a finding at `column`. */
export interface CheckSpec {
  id: string;
  severity: 'error' | 'warning';
  column: string;
  message: string;
  when: Condition;
}

/** A variable of Table 1 or a Cox model: a column or derived variable, or a statistic (yes/no from its condition). */
export type AnalysisVariable = ({ variable: string } | { statistic: string }) & { label: string };

/** Which included rows from different sources may be the same patient published twice. */
export interface DuplicateSpec {
  /** Fields that must agree where both rows report them (numbers within a tolerance). */
  fields: Array<{ variable: string; within?: number; withinPercent?: number }>;
  /** How many of the fields both rows must report; default all but one. */
  minShared?: number;
  /** When both sources give a year, at most this many years apart. */
  yearWithin?: number;
  /** When both sources list authors (or institutions), they must share a surname (or institution). */
  sharedAuthor?: boolean;
}

/**
 * cohort.json: the core's blocks. Each analysis adds the keys it reads (pipeline/analyses/, by declaring
 * them on this interface beside its schema), so that this file never names an analysis.
 */
export interface CohortConfig {
  id: string;
  title: string;
  description: string;
  inclusion: string;
  reference?: { citation: string; note?: string };
  /** Each input table's file, by its key in cohortTables/catalog.ts (cases and sources always). */
  files: { cases: string; sources: string; [key: string]: string | undefined };
  roles: {
    caseId: string;
    sourceId: string;
    include?: string;
    exclusionReason?: string;
    /** A column naming the case id this row duplicates; such a row leaves the analysis. */
    duplicateOf?: string;
  };
  duplicates?: DuplicateSpec;
  columns: ColumnSpec[];
  vocabularies: Record<string, Vocabulary>;
  derived: DerivedSpec[];
  statistics: StatisticSpec[];
  checks: CheckSpec[];
  /**
   * The sample quantile definition (R quantile's `type`) of every quartile in the report: 7 (R's
   * default, when absent) or 2 (gtsummary's).
   */
  quantileType?: 2 | 7;
  /** Notations that mean not reported, read as an empty cell (default: values/notReported.ts). */
  notReported?: string[];
  minimum?: MinimumDataSpec;
}

// ---------------------------------------------------------------- data

/** A value after normalisation. `null` always means "not reported". */
export type Value = number | string | boolean | string[] | null;

export interface RawTable {
  /** Path as shown to the user. */
  file: string;
  header: string[];
  /** Line of the header row (1 unless blank lines come first). */
  headerLine: number;
  /** Cells as typed, one array per data row, each as long as the header (empty when `unsplit`). */
  rows: string[][];
  /**
   * The rows as the text of their lines instead, split when read (parseCsv's `lazyRows`, for the cases
   * table): read a table through parse/rawRows.ts, which takes either form.
   */
  unsplit?: { texts: string[]; delimiter: string };
  /** Source line of each row (1-based); in a workbook, the sheet's row number. */
  lines: number[];
  sha256: string;
  /** Read from this worksheet of an .xlsx workbook: findings at a line and column name the cell (G42). */
  sheet?: string;
}

/** Column-wise patient table: index i is one patient in every array. */
export interface CaseTable {
  /** Path of cases.csv as shown to the user. */
  file: string;
  /** 1-based field number of each input column in cases.csv (absent optional columns are missing). */
  columnNumbers: Record<string, number>;
  n: number;
  caseIds: string[];
  sourceIds: string[];
  lines: number[];
  included: boolean[];
  exclusionReasons: Array<string | null>;
  /** The case id each row duplicates (roles.duplicateOf), or null. */
  duplicateOf: Array<string | null>;
  /**
   * Normalised values per variable id (input columns and derived variables), typed by the variable's
   * type (values/columns.ts says how, and why); valueAt reads one as a Value.
   */
  columns: Columns;
}

export interface Source {
  id: string;
  fields: Record<string, string>;
  line: number;
}
