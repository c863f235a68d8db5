import { DEFAULT_QUANTILE_TYPE, type QuantileType } from '../stats/quantile.ts';
import type { CohortConfig } from '../types.ts';

/**
 * The one quantile rule of a report (cohort.json `quantileType`), used by every table that shows
 * quartiles (Continuous variables and Table 1). Default 7: R's quantile() and summary(), and numpy's and
 * pandas' default, so a reader who checks a quartile with the everyday tools gets the same number;
 * a cohort that matches a gtsummary Table 1 sets 2.
 */
export const quantileTypeOf = (config: CohortConfig): QuantileType =>
  config.quantileType ?? DEFAULT_QUANTILE_TYPE;
