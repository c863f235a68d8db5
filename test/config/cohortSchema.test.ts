import { describe, expect, it } from 'vitest';
import { defineAnalysis } from '../../pipeline/analyses/analysis.ts';
import { ANALYSES } from '../../pipeline/analyses/index.ts';
import { analysisDefaults, cohortSchema, CORE_SCHEMA } from '../../pipeline/config/cohortSchema.ts';

const trial = (key: string) =>
  defineAnalysis<null>()({
    id: `trial-${key}`,
    title: 'Trial',
    config: { schema: { [key]: { type: 'object' } }, defaults: { [key]: {} } },
    compute: () => null,
    section: () => null,
  });

describe('cohortSchema', () => {
  it('is the core schema with each analysis’s keys added, and nothing of the core lost', () => {
    const properties = cohortSchema().properties as Record<string, unknown>;
    for (const key of Object.keys(CORE_SCHEMA.properties as object)) expect(properties).toHaveProperty(key);
    for (const analysis of ANALYSES)
      for (const key of Object.keys(analysis.config?.schema ?? {})) expect(properties).toHaveProperty(key);
    // The core names no analysis's block.
    expect(CORE_SCHEMA.properties).not.toHaveProperty('survival');
    expect(CORE_SCHEMA.properties).not.toHaveProperty('table1');
  });

  it('adds an analysis’s block and default from its module, and refuses a key declared twice', () => {
    const schema = cohortSchema({ analyses: [...ANALYSES, trial('trialBlock')] });
    expect(schema.properties).toHaveProperty('trialBlock');
    expect(analysisDefaults([trial('trialBlock')])).toEqual({ trialBlock: {} });
    expect(() => cohortSchema({ analyses: [trial('survival'), ...ANALYSES] })).toThrow(/declared twice/);
  });
});
