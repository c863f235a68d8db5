import { caseView, type CaseViews } from '../conditions/caseViews.ts';
import { logFactorials } from '../stats/fisherExact.ts';

/**
 * The log factorials up to the number of included patients, for every exact 2×2 test of the run
 * (comparisons, Table 1): no table of included patients has a larger total. Computed once, when a test
 * first asks (8 MB at 10^6 patients, let go with the run).
 */
export const runLogFactorials = (views: CaseViews): Float64Array => views.of(LOG_FACTORIALS_VIEW, null);

const LOG_FACTORIALS_VIEW = caseView('logFactorials', (views, _: null) =>
  logFactorials(views.includedRows().length),
);
