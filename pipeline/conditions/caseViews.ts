import type { CaseTable, Condition } from '../types.ts';
import { conditionAnswers } from './conditionAnswers.ts';

/**
 * What several analyses read from the same case table, worked out once per run and kept for the run:
 * the included rows, each condition's answers per row, and whatever else an analysis keeps under a key
 * of its own (a grouping's level rows, which survival and Table 1 both need). It lives in the
 * AnalysisInput of one run and dies with it; nothing is kept between runs or in a module.
 *
 * The answers of a condition do not depend on which rows are included (only on the columns), so a
 * restricted table (restrictCases) may be read through the views of the table it restricts: use
 * `forTable` to ask with its own included rows.
 */
export interface CaseViews {
  readonly cases: CaseTable;
  /** The included rows, ascending. */
  includedRows(): Uint32Array;
  /** The condition's answer per row (conditionAnswers: 1 true, 0 false, -1 unknown); do not write to it. */
  answers(condition: Condition): Int8Array;
  /** The view's value for `arg`, computed the first time it is asked for in this run (caseView). */
  of<Arg, T>(view: CaseView<Arg, T>, arg: Arg): T;
  /** Views of a table with the same columns (a restriction of this one): the answers are shared. */
  forTable(cases: CaseTable): CaseViews;
}

/**
 * A value several analyses read from the case table (a grouping's level rows, a variable's reading, the
 * observations in time order): computed once per run and argument, kept by the view itself (no string
 * key can collide), typed by its compute.
 */
export interface CaseView<Arg, T> {
  /** Its name, for messages and profiles. */
  name: string;
  compute(views: CaseViews, arg: Arg): T;
  /** Arguments with equal keys share the value (default: the argument's JSON). */
  key(arg: Arg): string;
}

/** A view of the case table, computed once per run for each argument. */
export const caseView = <Arg, T>(
  name: string,
  compute: (views: CaseViews, arg: Arg) => T,
  key: (arg: Arg) => string = (arg) => JSON.stringify(arg) ?? '',
): CaseView<Arg, T> => ({ name, compute, key });

/** Views of `cases`, empty until asked. */
export function caseViews(cases: CaseTable): CaseViews {
  return viewsSharing(cases, new Map());
}

function viewsSharing(cases: CaseTable, answersByCondition: Map<string, Int8Array>): CaseViews {
  const kept = new Map<CaseView<never, unknown>, Map<string, unknown>>();
  let included: Uint32Array | null = null;
  const views: CaseViews = {
    cases,
    includedRows() {
      if (included === null) included = includedRowsOf(cases);
      return included;
    },
    answers(condition) {
      const key = JSON.stringify(condition);
      let answers = answersByCondition.get(key);
      if (answers === undefined) {
        answers = conditionAnswers(condition, cases.columns, cases.n);
        answersByCondition.set(key, answers);
      }
      return answers;
    },
    of<Arg, T>(view: CaseView<Arg, T>, arg: Arg): T {
      let values = kept.get(view as CaseView<never, unknown>);
      if (values === undefined) kept.set(view as CaseView<never, unknown>, (values = new Map()));
      const key = view.key(arg);
      if (!values.has(key)) values.set(key, view.compute(views, arg));
      return values.get(key) as T;
    },
    forTable(other) {
      if (other === cases) return views;
      if (other.columns !== cases.columns || other.n !== cases.n)
        throw new RangeError('caseViews.forTable: the table does not share these columns');
      return viewsSharing(other, answersByCondition);
    },
  };
  return views;
}

/** The rows with included set, ascending. */
export function includedRowsOf(cases: Pick<CaseTable, 'n' | 'included'>): Uint32Array {
  let count = 0;
  for (let i = 0; i < cases.n; i++) if (cases.included[i]) count++;
  const rows = new Uint32Array(count);
  for (let i = 0, k = 0; i < cases.n; i++) if (cases.included[i]) rows[k++] = i;
  return rows;
}
