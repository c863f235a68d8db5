import { caseView, type CaseViews } from '../conditions/caseViews.ts';
import { ANSWER_UNKNOWN } from '../conditions/conditionAnswers.ts';
import { rowCondition } from '../conditions/rowCondition.ts';
import {
  missingAsAbsentBehindVariable,
  missingAsAbsentReason,
  missingAsAbsentVariables,
} from '../conditions/countsMissingAsAbsent.ts';
import type { CaseTable, CohortConfig } from '../types.ts';
import { NOT_REPORTED, numberReader } from '../values/columns.ts';

/** A variable as Table 1 and the Cox models name it: a column or derived variable, or a statistic id. */
export type VariableRef = { variable: string } | { statistic: string };

export interface Level {
  id: string;
  label: string;
}

/**
 * How to read one variable per patient: categorical (a level id, or null when not reported) or continuous
 * (a number, or null). Booleans and statistics are categorical with the levels yes and no.
 */
export type VariableReading =
  | { kind: 'categorical'; id: string; levels: Level[]; levelOf: (row: number) => string | null }
  | { kind: 'continuous'; id: string; unit: string | null; valueOf: (row: number) => number | null };

export const YES_NO: Level[] = [
  { id: 'yes', label: 'Yes' },
  { id: 'no', label: 'No' },
];

const NUMERIC_TYPES = new Set(['number', 'size', 'duration']);

/** The column or derived variable's type and vocabulary, or null when the name is neither. */
function variableType(
  config: CohortConfig,
  id: string,
): { type: string; vocabulary?: string; unit?: string } | null {
  const column = config.columns.find((c) => c.name === id);
  if (column) return column;
  const derived = config.derived.find((d) => d.id === id);
  if (derived)
    return { type: derived.type, vocabulary: derived.type === 'boolean' ? undefined : derived.vocabulary };
  return null;
}

/**
 * Why a reference cannot be read as Table 1 or Cox need it, or null when it can (checkCohortReferences
 * reports this at the reference's place in cohort.json).
 */
export function unreadableReason(config: CohortConfig, ref: VariableRef): string | null {
  if ('statistic' in ref)
    return config.statistics.some((s) => s.id === ref.statistic)
      ? null
      : `"${ref.statistic}" is not a statistic id`;
  const t = variableType(config, ref.variable);
  if (!t) return `"${ref.variable}" is not a column or derived variable`;
  if (t.type === 'boolean' || NUMERIC_TYPES.has(t.type)) return null;
  // A category without a (defined) vocabulary is reported at its column already.
  if (t.type === 'category') return null;
  return `"${ref.variable}" is a ${t.type} variable; name a statistic instead (a yes/no row from its condition)`;
}

/** The reader of a reference that unreadableReason accepts (cohort.json is checked before any analysis). */
export function variableReading(cases: CaseTable, config: CohortConfig, ref: VariableRef): VariableReading {
  if ('statistic' in ref) {
    const spec = config.statistics.find((s) => s.id === ref.statistic)!;
    const when = rowCondition(spec.when, cases.columns);
    return {
      kind: 'categorical',
      id: ref.statistic,
      levels: YES_NO,
      levelOf: (row) => {
        const holds = when(row);
        return holds === null ? null : holds ? 'yes' : 'no';
      },
    };
  }
  const t = variableType(config, ref.variable)!;
  const column = cases.columns[ref.variable];
  if (NUMERIC_TYPES.has(t.type)) {
    return { kind: 'continuous', id: ref.variable, unit: t.unit ?? null, valueOf: numberReader(column) };
  }
  if (t.type === 'boolean') {
    const yesNo = column?.kind === 'boolean' ? column.values : null;
    return {
      kind: 'categorical',
      id: ref.variable,
      levels: YES_NO,
      levelOf: (row) => {
        const v = yesNo?.[row] ?? NOT_REPORTED;
        return v === NOT_REPORTED ? null : v === 1 ? 'yes' : 'no';
      },
    };
  }
  const terms = config.vocabularies[t.vocabulary!]!.terms;
  const known = new Set(terms.map((term) => term.id));
  // Each code's level, or null for a level that is not a term of the vocabulary, worked out once.
  const coded = column?.kind === 'coded' ? column : null;
  const levelOfCode = coded ? coded.levels.map((level) => (known.has(level) ? level : null)) : [];
  return {
    kind: 'categorical',
    id: ref.variable,
    levels: terms.map((term) => ({ id: term.id, label: term.label })),
    levelOf: (row) => {
      const code = coded?.codes[row] ?? NOT_REPORTED;
      return code === NOT_REPORTED ? null : levelOfCode[code]!;
    },
  };
}

/**
 * A variable as variableReading reads it, for every row at once in typed arrays: categorical as the
 * index of each row's level in `levels` (LEVEL_NOT_REPORTED when not reported), continuous as the
 * numeric column's values where `reported` is 1. What Table 1 and the Cox models read at 10^6
 * patients: a pass over an array instead of a closure and a level id looked up per patient.
 * Do not write to the arrays: they may be the case table's own.
 */
export type VariableView =
  | { kind: 'categorical'; id: string; levels: Level[]; levelIndex: LevelIndex }
  | { kind: 'continuous'; id: string; unit: string | null; values: Float64Array; reported: Uint8Array };

/** What a reference reads, as a key: not the label or id a Table 1 row or a Cox factor gives it. */
export const variableKey = (ref: VariableRef) =>
  'statistic' in ref ? `statistic ${ref.statistic}` : `variable ${ref.variable}`;

/**
 * Each row's level index: one byte a row while the levels fit (a 10^6-row view is 1 MB, not 4; the
 * views of a run are kept until it ends, and the analyze stage sets the run's peak memory).
 */
export type LevelIndex = Int8Array | Int32Array;

/** A level index for `levels` levels over `n` rows, every row not reported. */
const levelIndexFor = (levels: number, n: number): LevelIndex =>
  (levels <= 127 ? new Int8Array(n) : new Int32Array(n)).fill(LEVEL_NOT_REPORTED);

/** A row whose variable is not reported, in VariableView's levelIndex. */
export const LEVEL_NOT_REPORTED = -1;

/** The run's view behind variableView() below: computed once per run and argument (conditions/caseViews.ts). */
const VARIABLE_VIEW = caseView(
  'variableView',
  (views: CaseViews, { cases, config, ref }: { cases: CaseTable; config: CohortConfig; ref: VariableRef }) =>
    computedVariableView(cases, config, ref, views),
  ({ ref }) => variableKey(ref),
);

/**
 * The view of a reference that unreadableReason accepts: the same readings as variableReading, kept in
 * the run's views (Table 1 and the Cox models read the same variables).
 */
export function variableView(
  cases: CaseTable,
  config: CohortConfig,
  ref: VariableRef,
  views: CaseViews,
): VariableView {
  return views.of(VARIABLE_VIEW, { cases, config, ref });
}

function computedVariableView(
  cases: CaseTable,
  config: CohortConfig,
  ref: VariableRef,
  views: CaseViews,
): VariableView {
  const n = cases.n;
  if ('statistic' in ref) {
    const spec = config.statistics.find((s) => s.id === ref.statistic)!;
    const answers = views.answers(spec.when);
    // yes is level 0, no level 1 (YES_NO); looked up by answer + 1 (unknown, false, true).
    const levelOfAnswer = Int8Array.from([LEVEL_NOT_REPORTED, 1, 0]);
    const levelIndex = levelIndexFor(YES_NO.length, n);
    for (let i = 0; i < n; i++) levelIndex[i] = levelOfAnswer[answers[i]! - ANSWER_UNKNOWN]!;
    return { kind: 'categorical', id: ref.statistic, levels: YES_NO, levelIndex };
  }
  const t = variableType(config, ref.variable)!;
  const column = cases.columns[ref.variable];
  if (NUMERIC_TYPES.has(t.type)) {
    const numbers =
      column?.kind === 'number' ? column : { values: new Float64Array(n), reported: new Uint8Array(n) };
    return {
      kind: 'continuous',
      id: ref.variable,
      unit: t.unit ?? null,
      values: numbers.values,
      reported: numbers.reported,
    };
  }
  if (t.type === 'boolean') {
    const levelIndex = levelIndexFor(YES_NO.length, n);
    if (column?.kind === 'boolean') {
      // Looked up by value + 1: not reported (-1), no (0: level 1), yes (1: level 0).
      const levelOfValue = Int8Array.from([LEVEL_NOT_REPORTED, 1, 0]);
      const { values } = column;
      for (let i = 0; i < n; i++) levelIndex[i] = levelOfValue[values[i]! - NOT_REPORTED]!;
    }
    return { kind: 'categorical', id: ref.variable, levels: YES_NO, levelIndex };
  }
  const terms = config.vocabularies[t.vocabulary!]!.terms;
  const levelIndex = levelIndexFor(terms.length, n);
  if (column?.kind === 'coded') {
    // Each code's level index, or not reported for a level that is not a term of the vocabulary;
    // looked up by code + 1, the code of not reported (-1) at 0.
    const termIndex = new Map(terms.map((term, k) => [term.id, k]));
    const levelOfCode = Int32Array.from([NOT_REPORTED, ...column.levels], (level, k) =>
      k === 0 ? LEVEL_NOT_REPORTED : (termIndex.get(level as string) ?? LEVEL_NOT_REPORTED),
    );
    const { codes } = column;
    for (let i = 0; i < n; i++) levelIndex[i] = levelOfCode[codes[i]! - NOT_REPORTED]!;
  }
  return {
    kind: 'categorical',
    id: ref.variable,
    levels: terms.map((term) => ({ id: term.id, label: term.label })),
    levelIndex,
  };
}

/**
 * Why a yes/no reading of a reference (a statistic, or a boolean derived variable) would turn "not
 * reported" into "No": it reads a derived variable that counts missing findings as absent. A category
 * variable itself is shown with its categories, which is allowed.
 */
export function yesNoMissingAsAbsent(config: CohortConfig, ref: VariableRef): string | null {
  if ('statistic' in ref) {
    const spec = config.statistics.find((s) => s.id === ref.statistic);
    const behind = spec ? missingAsAbsentVariables(spec.when, config) : [];
    return behind.length > 0 ? missingAsAbsentReason(`statistic "${ref.statistic}"`, behind) : null;
  }
  const derived = config.derived.find((d) => d.id === ref.variable);
  if (derived?.type !== 'boolean') return null;
  const behind = missingAsAbsentBehindVariable(ref.variable, config).filter((v) => v !== ref.variable);
  return behind.length > 0 ? missingAsAbsentReason(`"${ref.variable}" (yes/no)`, behind) : null;
}
