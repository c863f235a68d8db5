// A synthetic cohort small enough to count by hand: three sources of known year and appraisal.
import type { AnalysisInput } from '../../pipeline/analyses/analysis.ts';
import { parseCsv } from '../../pipeline/parse/parseCsv.ts';
import type { StageContext } from '../../pipeline/stages/context.ts';
import { analysisInput } from '../../pipeline/stages/analyze.ts';
import { normalize } from '../../pipeline/stages/normalize.ts';
import { appraisalOf } from '../helpers/appraisalInput.ts';
import { adrenalContext, extracted } from '../helpers/stageInput.ts';
import { casesTable } from '../../pipeline/cohortTables/casesTable.ts';
import { sourcesTable } from '../../pipeline/cohortTables/sourcesTable.ts';

// Columns: case_id,source_id,age,sex,side,size,symptoms,venous_extension,local_invasion,metastasis,
// diagnosis,surgery,chemotherapy,radiotherapy,outcome,followup,notes,include,exclusion_reason
export const ROWS = [
  'A,s1,,,,,,ivc,,,,yes,,,dead,,,,', // 2019, include, 3 yes
  'B,s1,,,,,,none,,,,no,,,alive,,,,', // 2019
  'C,s2,,,,,,ivc,,,,no,,,dead,,,,', // 2021, exclude, 1 yes
  'D,s3,,,,,,,,,,yes,,,,,,,', // no year, seek further info, 2 yes; venous extension not reported
  'E,s2,,,,,,ivc,,,,yes,,,dead,,,no,synthetic exclusion',
];

export function handCountedCohort(): { input: AnalysisInput; context: StageContext } {
  const base = adrenalContext();
  const context: StageContext = {
    ...base,
    config: {
      ...base.config,
      appraisal: {
        tools: ['checklists/tri.json'],
        sensitivity: [
          { id: 'include_only', label: 'Include only', rule: { overall: ['include'] } },
          { id: 'two_yes', label: 'At least 2 yes', rule: { atLeastYes: 2 } },
        ],
      },
      cumulative: { statistics: ['ivc_extension'] },
    },
  };
  const raw = extracted(ROWS);
  raw.raw.sources = parseCsv('source_id,year\ns1,2019\ns2,2021\ns3,\n', 'sources.csv', 'y').table;
  const normalized = normalize(raw, context);
  const { appraisal } = appraisalOf(
    [
      'source_id,tool,q1,q2,q3,overall,appraiser,note',
      's1,tri,yes,yes,yes,include,synthetic,',
      's2,tri,yes,no,unclear,exclude,synthetic,',
      's3,tri,yes,yes,not applicable,seek further info,synthetic,',
    ].join('\n'),
  );
  return {
    input: analysisInput(
      {
        cases: normalized.tables.of(casesTable)!,
        sources: normalized.tables.of(sourcesTable),
        appraisal,
        published: [],
      },
      {},
    ),
    context,
  };
}
