import type { FlowCounts } from '../cohortTables/flowCounts.ts';
import type { StatisticEntry } from '../summaries/proportions.ts';
import type { ReconciliationEntry } from '../summaries/reconcile.ts';
import type { SurvivalSection } from '../summaries/survivalAnalysis.ts';
import type { Analysis } from './analysis.ts';
import { appraisalAnalysis, type AppraisalSection } from './appraisal.ts';
import { comparisonsAnalysis, type TestEntry } from './comparisons.ts';
import { completenessAnalysis, type CompletenessSection } from './completeness.ts';
import { continuousAnalysis, type ContinuousSummaries } from './continuous.ts';
import { coxAnalysis, type CoxModel } from './cox.ts';
import { cumulativeAnalysis, type CumulativeEntry } from './cumulative.ts';
import { flowAnalysis } from './flow.ts';
import { proportionsAnalysis } from './proportions.ts';
import { reconciliationAnalysis } from './reconciliation.ts';
import { referencesAnalysis, type ReferencesSection } from './references.ts';
import { sensitivityAnalysis, type SensitivityEntry } from './sensitivity.ts';
import { kaplanMeierAnalysis } from './survival.ts';
import { table1Analysis, type Table1Section } from './table1.ts';

/**
 * Every analysis, in the order of the report's sections and of stats.json; an analysis may read the
 * results of those before it (reconciliation reads the proportions and continuous summaries).
 * Adding one is a module and a line here (and its key in AnalysisResults); the analyze and render
 * stages and the page walk this list.
 */
export const ANALYSES: ReadonlyArray<Analysis<unknown>> = [
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
] as ReadonlyArray<Analysis<unknown>>;

/**
 * The stats.json sections the analyses add: the first four always, the others when their cohort
 * configures them (survival, appraisal, …; absent otherwise).
 */
export interface AnalysisResults {
  statistics: StatisticEntry[];
  continuous: ContinuousSummaries;
  completeness?: CompletenessSection;
  reconciliation: ReconciliationEntry[];
  tests: TestEntry[];
  survival?: SurvivalSection;
  appraisal?: AppraisalSection;
  sensitivity?: SensitivityEntry[];
  cumulative?: CumulativeEntry[];
  table1?: Table1Section;
  cox?: CoxModel[];
  flow?: FlowCounts;
  references?: ReferencesSection;
}
