// A synthetic cohort (made up, no real patient) small enough to check by hand and in R: 12 included rows
// and 1 excluded, with Table 1 by surgery and Cox models configured on the adrenal cohort's columns; and
// the shipped adrenal cohort as the analyses see it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AnalysisInput } from '../../pipeline/analyses/analysis.ts';
import type { StageContext } from '../../pipeline/stages/context.ts';
import { analysisInput } from '../../pipeline/stages/analyze.ts';
import { normalize } from '../../pipeline/stages/normalize.ts';
import { adrenalContext, cohortAnalysisInput, extracted } from '../helpers/stageInput.ts';
import { casesTable } from '../../pipeline/cohortTables/casesTable.ts';
import { sourcesTable } from '../../pipeline/cohortTables/sourcesTable.ts';

// Columns: case_id,source_id,age,sex,side,size,symptoms,venous_extension,local_invasion,metastasis,
// diagnosis,surgery,chemotherapy,radiotherapy,outcome,followup,notes,include,exclusion_reason
export const SYNTHETIC_ROWS = [
  'S01,syn,45,F,R,5,abdominal pain,,,,,yes,,,alive,24,,,',
  'S02,syn,52,F,L,8,incidental,,,,,yes,,,dead,12,,,',
  'S03,syn,61,M,R,11,flank pain,,,,,yes,,,alive,36,,,',
  'S04,syn,38,F,L,6,,,,,,yes,,,dead,30,,,',
  'S05,syn,70,M,R,14,back pain,,,,,no,,,dead,3,,,',
  'S06,syn,66,F,,9,incidental,,,,,no,,,dead,5,,,',
  'S07,syn,,M,L,12,abdominal pain,,,,,no,,,alive,8,,,',
  'S08,syn,57,F,R,,flank pain,,,,,yes,,,dead,18,,,',
  'S09,syn,49,M,L,7,incidental,,,,,,,,alive,40,,,',
  'S10,syn,73,F,R,15,abdominal pain,,,,,no,,,dead,2,,,',
  'S11,syn,44,F,bilateral,4.5,,,,,,yes,,,alive,48,,,',
  'S12,syn,59,M,R,10,back pain,,,,,yes,,,dead,20,,,',
  'S13,syn,80,F,L,13,,,,,,yes,,,,,,no,synthetic exclusion',
];

/**
 * The same data as R reads it in the tests' R calls:
 *   d <- data.frame(
 *     age = c(45, 52, 61, 38, 70, 66, NA, 57, 49, 73, 44, 59),
 *     sex = c("F","F","M","F","M","F","M","F","M","F","F","M"),
 *     side = c("R","L","R","L","R",NA,"L","R","L","R","B","R"),
 *     size = c(5, 8, 11, 6, 14, 9, 12, NA, 7, 15, 4.5, 10),
 *     pain = c(1, 0, 1, NA, 1, 0, 1, 1, 0, 1, NA, 1),
 *     surgery = c(1, 1, 1, 1, 0, 0, 0, 1, NA, 0, 1, 1),
 *     dead = c(0, 1, 0, 1, 1, 1, 0, 1, 0, 1, 0, 1),
 *     time = c(24, 12, 36, 30, 3, 5, 8, 18, 40, 2, 48, 20))
 */
export function syntheticSurvivalCohort(rows: readonly string[] = SYNTHETIC_ROWS): {
  input: AnalysisInput;
  context: StageContext;
} {
  const base = adrenalContext();
  const context: StageContext = {
    ...base,
    config: {
      ...base.config,
      table1: {
        by: 'surgery',
        variables: [
          { variable: 'sex', label: 'Sex' },
          { variable: 'age', label: 'Age' },
          { variable: 'side', label: 'Side' },
          { variable: 'size', label: 'Size' },
          { statistic: 'symptom_pain', label: 'Pain' },
        ],
      },
      cox: {
        factors: [
          { id: 'surgery', label: 'Surgery', variable: 'surgery' },
          { id: 'age', label: 'Age', variable: 'age' },
          { id: 'size', label: 'Size', variable: 'size' },
        ],
        multivariable: [{ id: 'age_surgery', label: 'Age + surgery', factors: ['age', 'surgery'] }],
      },
    },
  };
  const normalized = normalize(extracted([...rows]), context);
  return {
    input: analysisInput(
      {
        cases: normalized.tables.of(casesTable)!,
        sources: normalized.tables.of(sourcesTable),
        published: [],
      },
      {},
    ),
    context,
  };
}

/** The shipped adrenal cohort as the analyses see it (extract and normalize of data/adrenal-lms). */
export const shippedAdrenalCohort = (): Promise<{ input: AnalysisInput; context: StageContext }> =>
  cohortAnalysisInput('data/adrenal-lms');

/**
 * The sha256 of data/adrenal-lms/cases.csv when the R reference values in the tests were computed. A test
 * comparing with R on the shipped cohort first checks it, so that a data edit says "recompute the R values"
 * rather than failing on a number.
 */
// Recomputed after the data audit of 2026-12 (ALMS-016 excluded, ALMS-039 surgery not reported, ALMS-001/-002/
// -005 metastasis, ALMS-011/-024 symptoms): the Table 1 values changed, the Cox values came out the same (the
// nine patients with outcome and follow-up time did not change).
export const ADRENAL_CASES_SHA256_OF_R_VALUES =
  'ff99a819695f23c679347e8273ca8807b7c225dcb791cbe23484e3d41333bdf6';

export function adrenalCasesSha256(): string {
  return createHash('sha256').update(readFileSync('data/adrenal-lms/cases.csv')).digest('hex');
}
