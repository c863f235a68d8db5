import { readFileSync } from 'node:fs';
import type { AnalysisConfig } from '../analyses/analysis.ts';
import { ANALYSES } from '../analyses/index.ts';

type Schema = Record<string, unknown>;

/** The core's schema (config/cohort.schema.json): the blocks that are no analysis's own. */
export const CORE_SCHEMA = JSON.parse(
  readFileSync(new URL('./cohort.schema.json', import.meta.url), 'utf8'),
) as Schema;

const configs = (analyses: ReadonlyArray<{ config?: AnalysisConfig }>) =>
  analyses.flatMap((a) => (a.config ? [a.config] : []));

/**
 * The whole cohort.json schema: the core's, with each analysis's keys under `properties` and its
 * definitions under `definitions`, in list order. Two owners of one key is a bug, not a user's mistake.
 */
export function cohortSchema(analyses: ReadonlyArray<{ config?: AnalysisConfig }> = ANALYSES): Schema {
  const properties = { ...(CORE_SCHEMA.properties as Schema) };
  const definitions = { ...(CORE_SCHEMA.definitions as Schema) };
  for (const config of configs(analyses)) {
    for (const [key, schema] of Object.entries(config.schema)) {
      if (key in properties) throw new Error(`cohort.json key "${key}" is declared twice`);
      properties[key] = schema;
    }
    for (const [name, schema] of Object.entries(config.definitions ?? {})) {
      if (name in definitions) throw new Error(`schema definition "${name}" is declared twice`);
      definitions[name] = schema;
    }
  }
  return { ...CORE_SCHEMA, properties, definitions };
}

/** The values of the analyses' keys that cohort.json leaves out (e.g. `"tests": []`). */
export function analysisDefaults(analyses: ReadonlyArray<{ config?: AnalysisConfig }> = ANALYSES): Schema {
  return Object.assign({}, ...configs(analyses).map((c) => c.defaults ?? {})) as Schema;
}

/** Each analysis's check of its block, for checkCohortReferences. */
export const analysisChecks = (analyses: ReadonlyArray<{ config?: AnalysisConfig }> = ANALYSES) =>
  configs(analyses);
