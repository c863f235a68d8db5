import { conditionVariables } from '../../conditions/conditionVariables.ts';
import { rowCondition } from '../../conditions/rowCondition.ts';
import { excerpt } from '../../parse/excerpt.ts';
import type { CaseTable, Finding } from '../../types.ts';
import type { GroupingSpec } from './survivalSpec.ts';

/**
 * Included patients for whom two or more levels of a survival grouping hold. Each level is a curve
 * and a group of the log-rank test (and a column of Table 1 when it groups by it): such a patient
 * would be counted in each of them, and the test, which compares disjoint groups, would be wrong
 * without saying so. An error at the patient's row, in the column the levels read.
 */
export function overlappingLevels(cases: CaseTable, groupings: readonly GroupingSpec[]): Finding[] {
  const findings: Finding[] = [];
  for (const grouping of groupings) {
    const holds = grouping.levels.map((level) => rowCondition(level.when, cases.columns));
    const variable = conditionVariables(grouping.levels[0]!.when)[0];
    const column = variable === undefined ? 0 : (cases.columnNumbers[variable] ?? 0);
    for (let i = 0; i < cases.n; i++) {
      if (!cases.included[i]) continue;
      // Counted first: the list of levels is made only for a patient in two (10^6 rows, no array each).
      let count = 0;
      for (const holdsFor of holds) if (holdsFor(i) === true) count++;
      if (count < 2) continue;
      const levels = grouping.levels.filter((_, l) => holds[l]!(i) === true);
      findings.push({
        file: cases.file,
        line: cases.lines[i]!,
        column,
        severity: 'error',
        code: 'survival.overlapping-levels',
        message:
          `survival grouping "${grouping.id}": ${excerpt(cases.caseIds[i]!)} is in ${levels.length} of its levels ` +
          `(${levels.map((l) => l.id).join(', ')}) and would be counted in each curve and log-rank group; ` +
          `make the levels' "when" conditions in cohort.json exclusive`,
      });
    }
  }
  return findings;
}
