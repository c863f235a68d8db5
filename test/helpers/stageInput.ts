import { resolve } from 'node:path';
import { loadCohort } from '../../pipeline/config/loadCohort.ts';
import { parseCsv } from '../../pipeline/parse/parseCsv.ts';
import type { StageContext } from '../../pipeline/stages/context.ts';
import type { AnalysisInput } from '../../pipeline/analyses/analysis.ts';
import type { AnalysisResults } from '../../pipeline/analyses/index.ts';
import { analysisInput } from '../../pipeline/stages/analyze.ts';
import { extract, type ExtractOutput } from '../../pipeline/stages/extract.ts';
import { normalize } from '../../pipeline/stages/normalize.ts';
import { appraisalInputTable } from '../../pipeline/cohortTables/appraisalTable.ts';
import { casesTable } from '../../pipeline/cohortTables/casesTable.ts';
import { flowTable } from '../../pipeline/cohortTables/flowTable.ts';
import { publishedTable } from '../../pipeline/cohortTables/publishedFigures.ts';
import { sourcesTable } from '../../pipeline/cohortTables/sourcesTable.ts';

/** A cohort folder's context, as a run would make it (fixed generation time). */
export function cohortContext(dir: string): StageContext {
  const { config } = loadCohort(dir);
  return {
    cohortDir: resolve(dir),
    config: config!,
    display: (p) => p,
    generatedAt: '2026-01-01T00:00:00.000Z',
  };
}

/** The adrenal cohort's context, for stage tests on small inline tables. */
export const adrenalContext = (): StageContext => cohortContext('data/adrenal-lms');

/**
 * A cohort folder as the analyses see it (extract and normalize of its files), with `results` (the
 * stats.json sections) when the analyses have already computed.
 */
export async function cohortAnalysisInput(
  dir: string,
  results: Partial<AnalysisResults> = {},
): Promise<{ input: AnalysisInput; context: StageContext }> {
  const context = cohortContext(dir);
  const normalized = normalize(await extract(null, context), context);
  const input = analysisInput(
    {
      cases: normalized.tables.of(casesTable)!,
      sources: normalized.tables.of(sourcesTable),
      published: normalized.tables.of(publishedTable),
      appraisal: normalized.tables.of(appraisalInputTable),
      flow: normalized.tables.of(flowTable),
    },
    results,
  );
  return { input, context };
}

export const ADRENAL_HEADER =
  'case_id,source_id,age,sex,side,size,symptoms,venous_extension,local_invasion,metastasis,diagnosis,surgery,chemotherapy,radiotherapy,outcome,followup,notes,include,exclusion_reason';

/** What extract would hand on for these cases.csv rows (synthetic) and one synthetic source. */
export function extracted(rows: string[]): ExtractOutput {
  return {
    raw: {
      cases: parseCsv([ADRENAL_HEADER, ...rows].join('\n'), 'cases.csv', 'x').table,
      sources: parseCsv('source_id,title\nsyn,Synthetic\n', 'sources.csv', 'y').table,
    },
    extras: {},
    inputs: [{ role: 'cases', file: 'cases.csv', sha256: 'x' }],
    findings: [],
  };
}
