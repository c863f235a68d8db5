import type { CohortConfig, Condition, DerivedSpec } from '../types.ts';

/** A variable's label and its terms' labels, as cohort.json names them. */
function variableWords(
  config: CohortConfig,
  id: string,
): { label: string; type: string; terms: Map<string, string> } {
  const column = config.columns.find((c) => c.name === id);
  const derived = config.derived.find((d) => d.id === id);
  const vocabulary =
    column?.vocabulary ?? (derived && derived.type !== 'boolean' ? derived.vocabulary : undefined);
  const terms = new Map(
    (vocabulary ? (config.vocabularies[vocabulary]?.terms ?? []) : []).map((t) => [t.id, t.label]),
  );
  return {
    label: column?.label ?? derived?.label ?? id,
    type: column?.type ?? derived?.type ?? 'text',
    terms,
  };
}

/** `a, b or c`. */
const orList = (words: readonly string[]) =>
  words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;

/**
 * A condition in words, from cohort.json's own labels: what the methods say a rule is, so the text
 * cannot drift from the rule applied. `Venous extension includes Inferior vena cava and Local
 * invasion includes Kidney`; nested all/any in parentheses.
 */
export function conditionText(condition: Condition, config: CohortConfig): string {
  const nested = (c: Condition) =>
    'all' in c || 'any' in c ? `(${conditionText(c, config)})` : conditionText(c, config);
  if ('all' in condition) return condition.all.map(nested).join(' and ');
  if ('any' in condition) return condition.any.map(nested).join(' or ');
  if ('not' in condition) return `not ${nested(condition.not)}`;
  const { label, type, terms } = variableWords(config, condition.variable);
  if ('reported' in condition) return `${label} ${condition.reported ? 'is reported' : 'is not reported'}`;
  if ('in' in condition) {
    const values = condition.in.map((v) =>
      typeof v === 'boolean' ? (v ? 'yes' : 'no') : (terms.get(v) ?? v),
    );
    if (type === 'boolean') return `${label} = ${orList(values)}`;
    return `${label} ${type === 'list' ? 'includes' : 'is'} ${orList(values)}`;
  }
  const bounds: string[] = [];
  if (condition.atLeast !== undefined) bounds.push(`≥ ${condition.atLeast}`);
  if (condition.atMost !== undefined) bounds.push(`≤ ${condition.atMost}`);
  if (condition.below !== undefined) bounds.push(`< ${condition.below}`);
  return `${label} ${bounds.join(' and ')}`;
}

/** How a derived variable is computed, in words generated from its rule (the methods' text). */
export function derivedRuleText(spec: DerivedSpec, config: CohortConfig): string {
  if (spec.type === 'boolean')
    return `yes when ${conditionText(spec.when, config)}; no when that is false; not reported when a value it needs is not reported.`;
  if (spec.type === 'list') {
    const from = variableWords(config, spec.from).label;
    return `the terms of the ${spec.vocabulary} vocabulary that the entries of ${from} match (by their synonyms and patterns); not reported when ${from} is not reported or an entry matches no term.`;
  }
  const terms = variableWords(config, spec.id).terms;
  const rules = spec.rules
    .map((r, k) => `(${k + 1}) ${terms.get(r.value) ?? r.value}: ${conditionText(r.when, config)}`)
    .join('; ');
  const missing =
    spec.missing === 'absent'
      ? 'While the rules are tried, a finding that is not reported counts as absent (to reproduce a mutually exclusive published figure): a patient placed in a later category may have an earlier one unreported, so its categories are shown only as categories, never as a yes/no of one finding. No rule holding: not reported.'
      : 'A rule that cannot be decided because a value it needs is not reported leaves the patient not reported, as does no rule holding.';
  return `one category per patient, the first of these rules that holds, in this order: ${rules}. ${missing}`;
}
