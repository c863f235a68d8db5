import { compactWhere } from '../../conditions/answerKernels.ts';
import { caseView, caseViews, type CaseViews } from '../../conditions/caseViews.ts';
import type { CaseTable } from '../../types.ts';
import { codeCounts, type ExclusionReasons } from './codeCounts.ts';
import type { GroupingSpec } from './survivalSpec.ts';

/** The included rows of each level of a grouping, and how many included rows are in none, by reason. */
export interface LevelRows {
  /** Per level, its included rows, ascending (a row may be in two levels: overlappingLevels says so). */
  rows: Uint32Array[];
  excluded: number;
  excludedReasons: ExclusionReasons;
}

/** The run's view behind levelRows() below: computed once per run and argument (conditions/caseViews.ts). */
const LEVEL_ROWS_VIEW = caseView(
  'levelRows',
  (views: CaseViews, { cases, grouping }: { cases: CaseTable; grouping: GroupingSpec }) => {
    const answers = grouping.levels.map((level) => views.answers(level.when));
    const included = views.includedRows();
    // Each level's rows: the included rows where its condition holds (a branch-free kernel).
    const rows = answers.map((holds) => compactWhere(holds, included));
    // Why a row is in no level: some level unknown (NOT_IN_LEVEL_UNDECIDED) or every level false
    // (NOT_IN_LEVEL_NO_MATCH); IN_A_LEVEL otherwise. Kleene's or over the levels says which.
    const why = new Int8Array(cases.n).fill(NOT_IN_LEVEL_NO_MATCH);
    for (const holds of answers) {
      for (let k = 0; k < included.length; k++) {
        const i = included[k]!;
        why[i] = LEVEL_REASON[why[i]! * 3 + holds[i]! + 1]!;
      }
    }
    const { counts, order } = codeCounts(why, included, 3);
    const reasons = [`${grouping.label} not reported`, `${grouping.label} matches no level`];
    const left = order.filter((c) => c !== IN_A_LEVEL);
    return {
      rows,
      excluded: left.reduce((sum, c) => sum + counts[c]!, 0),
      excludedReasons: left.map((c) => ({ reason: reasons[c]!, n: counts[c]! })),
    };
  },
  ({ grouping }) => JSON.stringify(grouping),
);

/**
 * The included rows of each level of a grouping, and the included rows in no level by reason: "not
 * reported" when some level's condition cannot be decided (a value it reads is not reported), "matches no
 * level" when every level's condition is false. Kept in the run's views: survival and Table 1 both ask.
 */
export function levelRows(
  cases: CaseTable,
  grouping: GroupingSpec,
  views: CaseViews = caseViews(cases),
): LevelRows {
  return views.of(LEVEL_ROWS_VIEW, { cases, grouping });
}

/** Why an included row is in no level of a grouping (indexes of levelRows' reasons), or that it is in one. */
const NOT_IN_LEVEL_UNDECIDED = 0;
const NOT_IN_LEVEL_NO_MATCH = 1;
const IN_A_LEVEL = 2;
/**
 * The reason after one more level's answer, indexed by reason × 3 + answer + 1: in a level stays so
 * and a true answer puts the row in one; an unknown answer makes "no match" undecided.
 */
const LEVEL_REASON = Int8Array.from([
  /* undecided:  unknown, false, true */ NOT_IN_LEVEL_UNDECIDED,
  NOT_IN_LEVEL_UNDECIDED,
  IN_A_LEVEL,
  /* no match */ NOT_IN_LEVEL_UNDECIDED,
  NOT_IN_LEVEL_NO_MATCH,
  IN_A_LEVEL,
  /* in a level */ IN_A_LEVEL,
  IN_A_LEVEL,
  IN_A_LEVEL,
]);
