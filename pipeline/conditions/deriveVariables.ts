import { splitList } from '../parse/splitList.ts';
import { matchPatterns, vocabularyIndex, type VocabularyIndex } from '../parse/vocabularyIndex.ts';
import type { CohortConfig, DerivedSpec, Value } from '../types.ts';
import { columnBuilder, columnKind, valueAt, type Column, type Columns } from '../values/columns.ts';
import { conditionVariables } from './conditionVariables.ts';
import { rowCondition, rowConditionTreatingUnknownAsAbsent } from './rowCondition.ts';

/** Rows whose cell of a variable was written but could not be read, by variable. */
export type UnreadableCells = Map<string, Set<number>>;

/** A token a derived list could not place in any term: reported as a warning at its cell. */
export interface UnplacedToken {
  row: number;
  variable: string;
  from: string;
  token: string;
}

/** The variables a derived variable reads. */
export function derivedInputs(spec: DerivedSpec): string[] {
  if (spec.type === 'list') return [spec.from];
  if (spec.type === 'boolean') return conditionVariables(spec.when);
  return spec.rules.flatMap((r) => conditionVariables(r.when));
}

/**
 * A boolean or category derived variable as a function of the row, its conditions bound once to the
 * columns there are when it is derived (the variables before it included); null for a derived list.
 */
function conditionDerivation(spec: DerivedSpec, columns: Columns): ((row: number) => Value) | null {
  if (spec.type === 'boolean') return rowCondition(spec.when, columns);
  if (spec.type !== 'category') return null;
  const rules = spec.rules.map((rule) => ({
    value: rule.value,
    holds:
      spec.missing === 'absent'
        ? rowConditionTreatingUnknownAsAbsent(rule.when, columns)
        : rowCondition(rule.when, columns),
  }));
  return (row) => {
    for (const rule of rules) {
      const holds = rule.holds(row);
      if (holds === true) return rule.value;
      // Strict mode: an earlier rule that might hold makes every later answer uncertain.
      if (holds === null) return null;
    }
    return null;
  };
}

/** A derived list: the terms of the vocabulary that the tokens of its source cell match. */
function deriveList(
  spec: Extract<DerivedSpec, { type: 'list' }>,
  listIndex: () => VocabularyIndex,
  from: Column | undefined,
  row: number,
  unplaced: UnplacedToken[],
): Value {
  const source = from === undefined ? null : valueAt(from, row);
  if (source === null) return null;
  const tokens = Array.isArray(source) ? source : splitList(String(source));
  const index = listIndex();
  const found = new Set<string>();
  let placed = true;
  for (const token of tokens) {
    const terms = matchPatterns(token, index);
    if (terms.length === 0) {
      unplaced.push({ row, variable: spec.id, from: spec.from, token });
      placed = false;
    }
    terms.forEach((t) => found.add(t));
  }
  // A token we cannot place might have been any term: the derived list is then not reported, so
  // that no count moves on a guess (the finding says so).
  if (!placed) return null;
  return index.termIds.filter((t) => found.has(t));
}

/**
 * Adds each derived variable as a column, in the order cohort.json defines them, so a derived variable
 * may use the ones before it.
 */
export function deriveVariables(
  columns: Columns,
  n: number,
  config: CohortConfig,
  unreadable: UnreadableCells = new Map(),
): { columns: Columns; unplaced: UnplacedToken[]; unreadable: UnreadableCells } {
  const out: Record<string, Column> = { ...columns };
  const unplaced: UnplacedToken[] = [];
  const unread: UnreadableCells = new Map(unreadable);
  for (const spec of config.derived) {
    // A cell that was written but could not be read is unknown, not "not reported": a rule that
    // counts a missing finding as absent must not count it as absent either, or a typo in "kidney"
    // would move the patient into another category. Such rows get no derived value.
    const blocked = new Set<number>();
    for (const v of derivedInputs(spec)) for (const row of unread.get(v) ?? []) blocked.add(row);
    const column = columnBuilder(columnKind(spec.type), n);
    // Built once per variable, on first use (it was rebuilt for every row).
    let index: VocabularyIndex | undefined;
    const listIndex = () => {
      const list = spec as Extract<DerivedSpec, { type: 'list' }>;
      return (index ??= vocabularyIndex(list.vocabulary, config.vocabularies[list.vocabulary]!));
    };
    const derive = conditionDerivation(spec, out);
    const from = spec.type === 'list' ? out[spec.from] : undefined;
    for (let i = 0; i < n; i++) {
      // A blocked category row stays not reported.
      if (spec.type === 'category' && blocked.has(i)) continue;
      const before = unplaced.length;
      const value =
        derive !== null
          ? derive(i)
          : deriveList(spec as Extract<DerivedSpec, { type: 'list' }>, listIndex, from, i, unplaced);
      column.set(i, value);
      // Unknown in turn (for the variables derived from this one): an unplaced token, or an unreadable
      // input that left the value undecided. A condition decided despite it (any: true) is known.
      if (unplaced.length > before) blocked.add(i);
      else if (value !== null) blocked.delete(i);
    }
    if (blocked.size > 0) unread.set(spec.id, blocked);
    out[spec.id] = column.finish();
  }
  return { columns: out, unplaced, unreadable: unread };
}
