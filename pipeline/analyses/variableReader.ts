import { rowCondition } from '../conditions/rowCondition.ts';
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
