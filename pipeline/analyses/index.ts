import type { Analysis } from './analysis.ts';
import { appraisalAnalysis, type AppraisalSection } from './appraisal.ts';
import { coxAnalysis, type CoxModel } from './cox.ts';
import { cumulativeAnalysis, type CumulativeEntry } from './cumulative.ts';
import { sensitivityAnalysis, type SensitivityEntry } from './sensitivity.ts';
import { table1Analysis, type Table1Section } from './table1.ts';

/**
 * Every analysis beyond the descriptive core, in report order. Adding one is a module and a line
 * here (and its key in AnalysisResults); the analyze and render stages walk this list.
 */
export const ANALYSES: ReadonlyArray<Analysis<unknown>> = [
  appraisalAnalysis,
  sensitivityAnalysis,
  cumulativeAnalysis,
  table1Analysis,
  coxAnalysis,
];

/** The stats.json sections the analyses add, each present when its cohort configures it. */
export interface AnalysisResults {
  appraisal?: AppraisalSection;
  sensitivity?: SensitivityEntry[];
  cumulative?: CumulativeEntry[];
  table1?: Table1Section;
  cox?: CoxModel[];
}
