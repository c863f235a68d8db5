import { readFileSync } from 'node:fs';
import type { AnalysisConfig } from '../analyses/analysis.ts';
import { ANALYSES } from '../analyses/index.ts';
import { INPUT_TABLES } from '../cohortTables/catalog.ts';
import type { InputTable } from '../cohortTables/inputTable.ts';

type Schema = Record<string, unknown>;

/** The core's schema (config/cohort.schema.json): the blocks that are no analysis's own. */
export const CORE_SCHEMA = JSON.parse(
  readFileSync(new URL('./cohort.schema.json', import.meta.url), 'utf8'),
) as Schema;

const configs = (analyses: ReadonlyArray<{ config?: AnalysisConfig }>) =>
  analyses.flatMap((a) => (a.config ? [a.config] : []));

/** What of the pipeline's parts the schema is made from: its analyses and its input tables. */
export interface SchemaParts {
  analyses?: ReadonlyArray<{ config?: AnalysisConfig }>;
  tables?: ReadonlyArray<InputTable<string, unknown>>;
}

/**
 * The whole cohort.json schema: the core's, with a `files` key per input table (catalog order) and each
 * analysis's keys under `properties` and its definitions under `definitions`, in list order. Two owners
 * of one key is a bug, not a user's mistake.
 */
export function cohortSchema({ analyses = ANALYSES, tables = INPUT_TABLES }: SchemaParts = {}): Schema {
  const properties = { ...(CORE_SCHEMA.properties as Schema) };
  const files = properties.files as Schema;
  properties.files = {
    ...files,
    required: tables.filter((t) => t.required).map((t) => t.key),
    properties: {
      // The core's own (the codebook, read with cohort.json), then one per input table.
      ...(files.properties as Schema),
      ...Object.fromEntries(
        tables.map((t) => [
          t.key,
          { type: 'string', minLength: 1, maxLength: 255, description: t.description },
        ]),
      ),
    },
  };
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
