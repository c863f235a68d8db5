import type { Analysis, ResultOf } from './analysis.ts';
import { appraisalAnalysis } from './appraisal.ts';
import { comparisonsAnalysis } from './comparisons.ts';
import { completenessAnalysis } from './completeness.ts';
import { continuousAnalysis } from './continuous.ts';
import { coxAnalysis } from './cox.ts';
import { cumulativeAnalysis } from './cumulative.ts';
import { flowAnalysis } from './flow.ts';
import { proportionsAnalysis } from './proportions.ts';
import { reconciliationAnalysis } from './reconciliation.ts';
import { referencesAnalysis } from './references.ts';
import { sensitivityAnalysis } from './sensitivity.ts';
import { kaplanMeierAnalysis } from './survival.ts';
import { table1Analysis } from './table1.ts';

/**
 * Every analysis, in the order of the report's sections and of stats.json; an analysis may read the
 * results of those before it (reconciliation reads the proportions and continuous summaries). This is
 * the only registration: adding an analysis is its module and a line here. The stages, the page, the
 * cohort.json schema and its checks all walk this list.
 */
const LISTED = [
  proportionsAnalysis,
  continuousAnalysis,
  completenessAnalysis,
  reconciliationAnalysis,
  kaplanMeierAnalysis,
  comparisonsAnalysis,
  appraisalAnalysis,
  sensitivityAnalysis,
  cumulativeAnalysis,
  table1Analysis,
  coxAnalysis,
  flowAnalysis,
  referencesAnalysis,
] as const;

/** The list as the stages walk it: each analysis with its result as `unknown`. */
export const ANALYSES = LISTED as unknown as ReadonlyArray<Analysis<unknown>>;

type Listed = (typeof LISTED)[number];

/**
 * The stats.json sections the analyses add, each under its analysis's id: always there for an analysis
 * marked `always`, otherwise when the cohort configures it (a compute that gives null adds nothing).
 */
export type AnalysisResults = {
  [A in Listed as A extends { always?: true } ? A['id'] : never]: ResultOf<A>;
} & { [A in Listed as A extends { always?: true } ? never : A['id']]?: ResultOf<A> };
