import { caseViews, type CaseViews } from '../../conditions/caseViews.ts';
import { continuousValues } from '../continuous/continuousValues.ts';
import { levelRows } from '../survival/survivalEstimates.ts';
import type { StageContext } from '../../stages/context.ts';
import { fisherExactPValue } from '../../stats/fisherExact.ts';
import { fisherExactRxC } from '../../stats/fisherExactRxC.ts';
import { ascendingCopy } from '../../stats/ascendingOrder.ts';
import { quantilesSorted, type QuantileType } from '../../stats/quantile.ts';
import { quantileTypeOf } from '../../config/quantileRule.ts';
import { wilcoxonRankSum } from '../../stats/wilcoxonRankSum.ts';
import type { AnalysisVariable, CaseTable, CohortConfig } from '../../types.ts';
import type { GroupingSpec } from '../survival/survivalSpec.ts';
import { type Table1Spec } from './table1Specs.ts';
import { conditionVariables } from '../../conditions/conditionVariables.ts';
import { derivedInputs } from '../../conditions/deriveVariables.ts';
import { runLogFactorials } from '../exactTests.ts';
import { belowMinimum, minimumData } from '../minimumData.ts';
import {
  LEVEL_NOT_REPORTED,
  variableView,
  type Level,
  type LevelIndex,
  type VariableRef,
  type VariableView,
} from '../variableReader.ts';

/** Above this many patients an r×c table (larger than 2×2) gets no exact test. */
export const EXACT_TEST_PATIENTS = 1000;

/** A level's count: n of N patients in the column (all included, or all in the group). */
export interface CategoricalCell {
  n: number;
  N: number;
  percent: number | null;
}

/** Median, quartiles (by the report's quantile rule, cohort.json quantileType) and range of the n patients with a value. */
export interface ContinuousCell {
  n: number;
  median: number | null;
  q1: number | null;
  q3: number | null;
  min: number | null;
  max: number | null;
}

export interface Table1Row {
  variable: string;
  label: string;
  /** The level id for a categorical row; null for a continuous or not-reported row. */
  level: string | null;
  kind: 'categorical' | 'continuous' | 'not_reported';
  overall: CategoricalCell | ContinuousCell;
  groups: Record<string, CategoricalCell | ContinuousCell>;
  /** The variable's test across the groups, repeated on each of its rows; null without groups or test. */
  p_value: number | null;
  test: string | null;
}

export interface Table1Section {
  /** The table's id when cohort.json gives several Table 1s (absent for the one table). */
  id?: string;
  /** What the columns are by: a survival grouping's id, or the variable's or statistic's; null: Overall only. */
  by: string | null;
  /** The grouping's label (its column headers' subject), or null. */
  by_label: string | null;
  /** The columns after Overall: the grouping's levels. */
  levels: Array<{ id: string; label: string }>;
  /** Variables of the spec that are not rows: the grouping's own variable (a tautology as a row). */
  omitted: Array<{ variable: string; label: string; reason: string }>;
  rows: Table1Row[];
}

/** What stats.json's `table1` holds: the one table, or (cohort.json giving several) each in order. */
export type Table1Result = Table1Section | Table1Section[];

/** The sections of a result, one or several. */
export const table1Sections = (result: Table1Result): Table1Section[] =>
  Array.isArray(result) ? result : [result];

const categorical = (n: number, N: number): CategoricalCell => ({
  n,
  N,
  percent: N === 0 ? null : (n / N) * 100,
});

function continuousCell(sorted: ArrayLike<number>, quantileType: QuantileType): ContinuousCell {
  if (sorted.length === 0) return { n: 0, median: null, q1: null, q3: null, min: null, max: null };
  const [min, q1, median, q3, max] = quantilesSorted(sorted, [0, 0.25, 0.5, 0.75, 1], quantileType);
  return { n: sorted.length, median: median!, q1: q1!, q3: q3!, min: min!, max: max! };
}

/** Fisher's exact test on the reported levels (rows) by groups (columns), empty rows and columns dropped. */
export function categoricalTest(
  counts: number[][],
  logFactorial?: () => Float64Array,
): { p_value: number | null; test: string | null } {
  const rows = counts.filter((r) => r.some((x) => x > 0));
  const keep = rows[0]?.map((_, j) => rows.some((r) => r[j]! > 0)) ?? [];
  const table = rows.map((r) => r.filter((_, j) => keep[j]));
  if (table.length < 2 || (table[0]?.length ?? 0) < 2)
    return { p_value: null, test: 'not computed: fewer than 2 reported levels or groups with patients' };
  // A 2×2 table has a closed form at any n; a larger one is enumerated, which is out of reach past a
  // thousand or so patients (R's fisher.test fails there too), so it is not attempted (no waiting).
  if (table.length === 2 && table[0]!.length === 2)
    return {
      p_value: fisherExactPValue(table as [[number, number], [number, number]], logFactorial?.()),
      test: "Fisher's exact test",
    };
  const n = table.flat().reduce((a, b) => a + b, 0);
  if (n > EXACT_TEST_PATIENTS)
    return {
      p_value: null,
      test: `Fisher's exact test: not computed for ${n} patients (an exact ${table.length}×${table[0]!.length} test this large is out of reach)`,
    };
  const result = fisherExactRxC(table);
  if (result.status === 'no test') return { p_value: null, test: `not computed: ${result.reason}` };
  if (result.status !== 'ok')
    return { p_value: null, test: "Fisher's exact test: table too large to compute exactly" };
  return { p_value: result.p_value, test: "Fisher's exact test" };
}

function continuousTest(groups: readonly Float64Array[]): { p_value: number | null; test: string | null } {
  if (groups.length !== 2) return { p_value: null, test: 'not computed: the Wilcoxon test needs 2 groups' };
  const result = wilcoxonRankSum(groups[0]!, groups[1]!);
  if (result === null) return { p_value: null, test: 'not computed: a group has no values' };
  if (!Number.isFinite(result.p_value))
    return { p_value: null, test: 'not computed: every value is the same' };
  return { p_value: result.p_value, test: result.method };
}

/** The rows of one variable: its levels (or summary) and its not-reported row, overall and per group. */
function variableRows(
  view: VariableView,
  label: string,
  included: ArrayLike<number>,
  groups: ReadonlyArray<{ id: string; rows: ArrayLike<number> }>,
  overallSorted: () => Float64Array,
  logFactorial: () => Float64Array,
  quantileType: QuantileType,
  minimum: { patients: number; showAll: boolean },
): Table1Row[] {
  // Every row is in one level or not reported (a continuous one: has a value or not), so the
  // not-reported counts are what the level counts (the values) leave: no pass of their own.
  const notReported = (rows: ArrayLike<number>, inSomeLevel: number) =>
    categorical(rows.length - inSomeLevel, rows.length);
  const sum = (counts: readonly number[]) => counts.reduce((a, b) => a + b, 0);
  const withTest = (
    rows: Array<Omit<Table1Row, 'p_value' | 'test'>>,
    computed: ReturnType<typeof categoricalTest>,
    inTest: readonly number[],
  ) => {
    const test = withMinimum(computed, inTest, minimum);
    return rows.map((r) => ({
      ...r,
      p_value: groups.length > 0 ? test.p_value : null,
      test: groups.length > 0 ? test.test : null,
    }));
  };
  const notReportedRow = (overall: number, byGroup: readonly number[]) => ({
    variable: view.id,
    label,
    level: null,
    kind: 'not_reported' as const,
    overall: notReported(included, overall),
    groups: Object.fromEntries(groups.map((g, k) => [g.id, notReported(g.rows, byGroup[k]!)])),
  });
  if (view.kind === 'continuous') {
    // Each group's values sorted once, for its quartiles and for the test (which finds them in order).
    const byGroup = groups.map((g) => ascendingCopy(reportedValues(view, g.rows)));
    const test = continuousTest(byGroup);
    const overall = overallSorted();
    return withTest(
      [
        {
          variable: view.id,
          label,
          level: null,
          kind: 'continuous',
          overall: continuousCell(overall, quantileType),
          groups: Object.fromEntries(groups.map((g, k) => [g.id, continuousCell(byGroup[k]!, quantileType)])),
        },
        notReportedRow(
          overall.length,
          byGroup.map((values) => values.length),
        ),
      ],
      test,
      byGroup.map((values) => values.length),
    );
  }
  const overall = levelCounts(view, included);
  const byGroup = groups.map((g) => levelCounts(view, g.rows));
  const test = categoricalTest(
    view.levels.map((_, k) => byGroup.map((counts) => counts[k]!)),
    logFactorial,
  );
  return withTest(
    [
      ...view.levels.map((level, k) => ({
        variable: view.id,
        label,
        level: level.id,
        kind: 'categorical' as const,
        overall: categorical(overall[k]!, included.length),
        groups: Object.fromEntries(
          groups.map((g, gi) => [g.id, categorical(byGroup[gi]![k]!, g.rows.length)]),
        ),
      })),
      notReportedRow(sum(overall), byGroup.map(sum)),
    ],
    test,
    byGroup.map(sum),
  );
}

/**
 * A p-value withheld (cohort.json `minimum.table1GroupPatients`) when a group has fewer patients with a
 * reported value than the minimum; with --show-all it is kept, and its test says it is below the minimum.
 */
function withMinimum(
  test: ReturnType<typeof categoricalTest>,
  inTest: readonly number[],
  minimum: { patients: number; showAll: boolean },
): ReturnType<typeof categoricalTest> {
  if (test.p_value === null || inTest.length === 0) return test;
  const smallest = Math.min(...inTest);
  if (smallest >= minimum.patients) return test;
  const reason = `a group has ${smallest} ${smallest === 1 ? 'patient' : 'patients'} with a reported value; a Table 1 p-value needs at least ${minimum.patients} in each`;
  return minimum.showAll
    ? { p_value: test.p_value, test: `${test.test}; ${belowMinimum(reason)}` }
    : { p_value: null, test: `not computed: ${reason}` };
}

/** The reported values of a continuous variable at `rows`, in row order, in a typed array. */
export function reportedValues(
  view: { values: Float64Array; reported: Uint8Array },
  rows: ArrayLike<number>,
): Float64Array {
  const { values, reported } = view;
  let n = 0;
  for (let k = 0; k < rows.length; k++) n += reported[rows[k]!]!;
  // Every row's value is written and the position moves on only past a reported one (no branch on
  // it): the slot after the last reported value takes the others, hence n + 1.
  const out = new Float64Array(n + 1);
  for (let k = 0, m = 0; k < rows.length; k++) {
    const r = rows[k]!;
    out[m] = values[r]!;
    m += reported[r]!;
  }
  return out.subarray(0, n);
}

/** How many of `rows` are in each level (one pass over the rows, not one per level). */
export function levelCounts(
  view: { levels: readonly Level[]; levelIndex: LevelIndex },
  rows: ArrayLike<number>,
): number[] {
  const { levelIndex } = view;
  // Counted at level + 1, the not reported (-1) at 0: no branch on the level.
  const counts = new Float64Array(view.levels.length + 1);
  for (let j = 0; j < rows.length; j++) counts[levelIndex[rows[j]!]! - LEVEL_NOT_REPORTED]!++;
  return Array.from(counts.subarray(1));
}

/** A Table 1's `by` as a reference: a survival grouping's id, or a variable or statistic. */
export function table1By(
  config: CohortConfig,
  by: Table1Spec['by'],
): { grouping: GroupingSpec } | { ref: VariableRef } | null {
  if (by === null || by === undefined) return null;
  if (typeof by === 'string') {
    const grouping = config.survival?.groupings.find((g) => g.id === by);
    return grouping ? { grouping } : { ref: { variable: by } };
  }
  return { ref: by };
}

/**
 * The grouping a Table 1 is by, as levels with conditions: a survival grouping as defined, or one made
 * from a variable (a level per term of a category, yes and no of a boolean) or a statistic (yes: its
 * condition holds; no: it does not); null without `by`. checkCohortReferences has refused the rest.
 */
export function table1Grouping(config: CohortConfig, spec: Table1Spec): GroupingSpec | null {
  const by = table1By(config, spec.by);
  if (by === null) return null;
  if ('grouping' in by) return by.grouping;
  const { ref } = by;
  if ('statistic' in ref) {
    const statistic = config.statistics.find((st) => st.id === ref.statistic)!;
    return {
      id: ref.statistic,
      label: statistic.label,
      levels: [
        { id: 'yes', label: `${statistic.label}: yes`, when: statistic.when },
        { id: 'no', label: `${statistic.label}: no`, when: { not: statistic.when } },
      ],
    };
  }
  const column = config.columns.find((c) => c.name === ref.variable);
  const derived = config.derived.find((d) => d.id === ref.variable);
  const label = column?.label ?? derived?.label ?? ref.variable;
  if ((column?.type ?? derived?.type) === 'boolean')
    return {
      id: ref.variable,
      label,
      levels: [
        { id: 'yes', label: `${label}: yes`, when: { variable: ref.variable, in: [true] } },
        { id: 'no', label: `${label}: no`, when: { variable: ref.variable, in: [false] } },
      ],
    };
  const vocabulary = column?.vocabulary ?? (derived?.type === 'category' ? derived.vocabulary : undefined);
  return {
    id: ref.variable,
    label,
    levels: (config.vocabularies[vocabulary ?? '']?.terms ?? []).map((t) => ({
      id: t.id,
      label: t.label,
      when: { variable: ref.variable, in: [t.id] },
    })),
  };
}

/** The input columns behind variables: a derived variable stands for the columns it is derived from. */
function inputColumns(config: CohortConfig, variables: readonly string[]): Set<string> {
  const out = new Set<string>();
  const visit = (v: string) => {
    const derived = config.derived.find((d) => d.id === v);
    if (!derived) out.add(v);
    else if (!out.has(`derived ${v}`)) {
      out.add(`derived ${v}`);
      derivedInputs(derived).forEach(visit);
    }
  };
  variables.forEach(visit);
  for (const v of [...out]) if (v.startsWith('derived ')) out.delete(v);
  return out;
}

/**
 * Is the Table 1 variable the grouping itself (or one of its levels)? It reads exactly the input
 * columns the grouping's levels read: Surgery in a table by surgery, 100 % against 0 %.
 */
function isGroupingVariable(config: CohortConfig, grouping: GroupingSpec, v: AnalysisVariable): boolean {
  const groupingColumns = inputColumns(
    config,
    grouping.levels.flatMap((l) => conditionVariables(l.when)),
  );
  const rowColumns = inputColumns(
    config,
    'statistic' in v
      ? conditionVariables(config.statistics.find((st) => st.id === v.statistic)!.when)
      : [v.variable],
  );
  return (
    rowColumns.size === groupingColumns.size && [...rowColumns].every((column) => groupingColumns.has(column))
  );
}

/** Table 1 of the included patients, overall and per level of a grouping, with a test per variable. */
export function table1(
  cases: CaseTable,
  spec: Table1Spec,
  context: StageContext,
  views: CaseViews = caseViews(cases),
): Table1Section {
  const { config } = context;
  const included = views.includedRows();
  const grouping = table1Grouping(config, spec);
  const members = grouping ? levelRows(cases, grouping, views) : null;
  const groups = grouping ? grouping.levels.map((l, k) => ({ id: l.id, rows: members!.rows[k]! })) : [];
  // The grouping's own variable is never a row: by surgery, a Surgery row is 100 % against 0 %.
  const own = (v: AnalysisVariable) => grouping !== null && isGroupingVariable(config, grouping, v);
  return {
    ...(spec.id === undefined ? {} : { id: spec.id }),
    by: grouping?.id ?? null,
    by_label: grouping?.label ?? null,
    levels: grouping?.levels.map((l) => ({ id: l.id, label: l.label })) ?? [],
    omitted: spec.variables.filter(own).map((v) => ({
      variable: 'statistic' in v ? v.statistic : v.variable,
      label: v.label,
      reason: `the grouping (${grouping!.label.toLowerCase()}) itself`,
    })),
    rows: spec.variables
      .filter((v) => !own(v))
      .flatMap((v) =>
        variableRows(
          variableView(cases, config, v, views),
          v.label,
          included,
          groups,
          // A continuous variable's values over all included: those the continuous summaries sorted.
          () => ('variable' in v ? continuousValues(cases, v.variable, views).sorted : new Float64Array(0)),
          () => runLogFactorials(views),
          quantileTypeOf(config),
          { patients: minimumData(config).table1GroupPatients, showAll: context.showAll === true },
        ),
      ),
  };
}
