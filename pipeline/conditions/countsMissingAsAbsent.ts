import type { CohortConfig, Condition, DerivedSpec } from '../types.ts';
import { conditionVariables } from './conditionVariables.ts';

/**
 * The derived categories with `missing: "absent"` (kept to reproduce a paper's mutually exclusive
 * figure) behind a derived variable: itself, or those of the derived variables it reads, transitively.
 * Its values say "no" (or "another category") where the source is silent.
 */
function missingAsAbsentRoots(
  spec: DerivedSpec,
  config: CohortConfig,
  seen: Set<string> = new Set(),
): string[] {
  if (spec.type === 'category' && spec.missing === 'absent') return [spec.id];
  if (seen.has(spec.id)) return [];
  seen.add(spec.id);
  const reads =
    spec.type === 'list'
      ? [spec.from]
      : spec.type === 'boolean'
        ? conditionVariables(spec.when)
        : spec.rules.flatMap((r) => conditionVariables(r.when));
  return reads.flatMap((v) => {
    const derived = config.derived.find((d) => d.id === v);
    return derived === undefined ? [] : missingAsAbsentRoots(derived, config, seen);
  });
}

/**
 * The derived categories that count a finding that is not reported as absent behind a condition
 * (read directly or through other derived variables), each once, in the order first read. A yes/no
 * answer from such a condition would print "No" for patients whose finding the source does not report.
 */
export function missingAsAbsentVariables(condition: Condition, config: CohortConfig): string[] {
  const out: string[] = [];
  for (const v of conditionVariables(condition)) {
    const derived = config.derived.find((d) => d.id === v);
    for (const root of derived ? missingAsAbsentRoots(derived, config) : [])
      if (!out.includes(root)) out.push(root);
  }
  return out;
}

/** A variable (column or derived) read as yes/no: the derived variables behind it that count missing as absent. */
export function missingAsAbsentBehindVariable(variable: string, config: CohortConfig): string[] {
  return missingAsAbsentVariables({ variable, reported: true }, config);
}

/** Why a yes/no reading of these variables is refused, for a config error at the place that asks for it. */
export function missingAsAbsentReason(what: string, variables: readonly string[]): string {
  const named = variables.map((v) => `"${v}"`).join(', ');
  return (
    `${what} reads ${named}, whose rule counts a finding that is not reported as absent (missing: "absent"), ` +
    `so as a yes/no it would show "No" for patients whose finding the source does not report. Name the ` +
    `variable itself to show its categories ({"variable": "${variables[0]}"}), or a statistic whose ` +
    `condition reads the reported findings`
  );
}
