import type { AnalysisVariable } from '../../types.ts';

/** Cox proportional-hazards models on the survival block's time and event. */
export interface CoxSpec {
  /** Each factor is a univariable model and may enter the multivariable models. */
  factors: Array<AnalysisVariable & { id: string }>;
  multivariable: Array<{ id: string; label: string; factors: string[] }>;
}
