import { acceptedTable } from './acceptedFindings.ts';
import { appraisalInputTable } from './appraisalTable.ts';
import { casesTable } from './casesTable.ts';
import { flowTable } from './flowTable.ts';
import type { InputTable } from './inputTable.ts';
import { publishedTable } from './publishedFigures.ts';
import { sourcesTable } from './sourcesTable.ts';

/**
 * Every input table of a cohort folder, in the order they are read and checked (the case table's
 * checks read the sources, so the sources come first among the checks… all are normalised before any
 * is checked). This is the only list: adding an input table is its entry here and its module (reader,
 * normaliser, checks). The extract, normalize, validate and accept stages, the cohort.json schema's
 * `files` and accepted.csv's roles walk it.
 */
export const INPUT_TABLES: ReadonlyArray<InputTable<string, unknown>> = [
  casesTable,
  sourcesTable,
  publishedTable,
  flowTable,
  acceptedTable,
  appraisalInputTable,
] as ReadonlyArray<InputTable<string, unknown>>;
