import { splitList } from '../parse/splitList.ts';
import { matchPatterns, vocabularyIndex, type VocabularyIndex } from '../parse/vocabularyIndex.ts';
import type { CohortConfig, DerivedSpec, Value } from '../types.ts';
import { evaluateCondition, holdsTreatingUnknownAsAbsent, type ValueOf } from './evaluateCondition.ts';

/** A token a derived list could not place in any term: reported as a warning at its cell. */
export interface UnplacedToken {
  row: number;
  variable: string;
  from: string;
  token: string;
}

function deriveOne(
  spec: DerivedSpec,
  listIndex: () => VocabularyIndex,
  valueOf: ValueOf,
  row: number,
  unplaced: UnplacedToken[],
): Value {
  if (spec.type === 'boolean') return evaluateCondition(spec.when, valueOf);
  if (spec.type === 'category') {
    for (const rule of spec.rules) {
      const holds =
        spec.missing === 'absent'
          ? holdsTreatingUnknownAsAbsent(rule.when, valueOf)
          : evaluateCondition(rule.when, valueOf);
      if (holds === true) return rule.value;
      // Strict mode: an earlier rule that might hold makes every later answer uncertain.
      if (holds === null) return null;
    }
    return null;
  }
  const source = valueOf(spec.from);
  if (source === null) return null;
  const tokens = Array.isArray(source) ? source : splitList(String(source));
  const index = listIndex();
  const found = new Set<string>();
  for (const token of tokens) {
    const terms = matchPatterns(token, index);
    if (terms.length === 0) unplaced.push({ row, variable: spec.id, from: spec.from, token });
    terms.forEach((t) => found.add(t));
  }
  return index.termIds.filter((t) => found.has(t));
}

/**
 * Adds each derived variable as a column of values, in the order cohort.json defines them, so a
 * derived variable may use the ones before it.
 */
export function deriveVariables(
  values: Record<string, Value[]>,
  n: number,
  config: CohortConfig,
): { values: Record<string, Value[]>; unplaced: UnplacedToken[] } {
  const out: Record<string, Value[]> = { ...values };
  const unplaced: UnplacedToken[] = [];
  for (const spec of config.derived) {
    const column: Value[] = new Array(n);
    // Built once per variable, on first use (it was rebuilt for every row), and one reader for every row.
    let index: VocabularyIndex | undefined;
    const listIndex = () => {
      const list = spec as Extract<DerivedSpec, { type: 'list' }>;
      return (index ??= vocabularyIndex(list.vocabulary, config.vocabularies[list.vocabulary]!));
    };
    let i = 0;
    const valueOf = (v: string) => out[v]?.[i] ?? null;
    for (; i < n; i++) {
      column[i] = deriveOne(spec, listIndex, valueOf, i, unplaced);
    }
    out[spec.id] = column;
  }
  return { values: out, unplaced };
}
