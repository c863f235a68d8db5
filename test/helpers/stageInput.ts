import { resolve } from 'node:path';
import { loadCohort } from '../../pipeline/config/loadCohort.ts';
import { parseCsv } from '../../pipeline/parse/parseCsv.ts';
import type { StageContext } from '../../pipeline/stages/context.ts';
import type { ExtractOutput } from '../../pipeline/stages/extract.ts';

/** The adrenal cohort's context, for stage tests on small inline tables. */
export function adrenalContext(): StageContext {
  const { config } = loadCohort('data/adrenal-lms');
  return {
    cohortDir: resolve('data/adrenal-lms'),
    config: config!,
    display: (p) => p,
    generatedAt: '2026-01-01T00:00:00.000Z',
  };
}

export const ADRENAL_HEADER =
  'case_id,source_id,age,sex,side,size,symptoms,venous_extension,local_invasion,metastasis,diagnosis,surgery,chemotherapy,radiotherapy,outcome,followup,notes,include,exclusion_reason';

/** What extract would hand on for these cases.csv rows (synthetic) and one synthetic source. */
export function extracted(rows: string[]): ExtractOutput {
  return {
    cases: parseCsv([ADRENAL_HEADER, ...rows].join('\n'), 'cases.csv', 'x').table,
    sources: parseCsv('source_id,title\nsyn,Synthetic\n', 'sources.csv', 'y').table,
    published: null,
    flow: null,
    accepted: null,
    appraisal: null,
    checklists: [],
    inputs: [{ role: 'cases', file: 'cases.csv', sha256: 'x' }],
    findings: [],
  };
}
