import { formatValue } from '../values/formatValue.ts';
import type { VariableInfo } from '../dataPackage/variables.ts';
import type { CohortConfig, Value } from '../types.ts';

/** Term ids → their labels, for people reading the report (the tidy CSVs keep the ids). */
export function termLabels(
  config: CohortConfig,
  variables: readonly VariableInfo[],
): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const v of variables) {
    if (!v.vocabulary) continue;
    out.set(v.id, new Map(config.vocabularies[v.vocabulary]!.terms.map((t) => [t.id, t.label])));
  }
  return out;
}

export function displayValue(value: Value, labels: Map<string, string> | undefined): string {
  if (labels && typeof value === 'string') return labels.get(value) ?? value;
  if (labels && Array.isArray(value) && value.length > 0)
    return value.map((v) => labels.get(v) ?? v).join('; ');
  return String(formatValue(value) ?? '');
}
