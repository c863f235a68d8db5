import { continuousTable } from '../report/sections.ts';
import { describe, type Summary } from '../stats/describe.ts';
import { quantileTypeOf } from '../config/quantileRule.ts';
import { continuousValues } from './continuous/continuousValues.ts';
import { defineAnalysis } from './analysis.ts';

/** Per continuous variable of cohort.json (by its id): its label, unit and summary. */
export type ContinuousSummaries = Record<string, Summary & { label: string; unit: string | null }>;

/** n, range, mean, median, SD and quartiles of each continuous variable over the included patients. */
export const continuousAnalysis = defineAnalysis<ContinuousSummaries>()({
  id: 'continuous',
  always: true,
  title: 'Continuous variables',
  nav: 'Continuous',
  compute: (input, context) => {
    const { config } = context;
    const result: ContinuousSummaries = {};
    for (const spec of config.continuous) {
      const unit = config.columns.find((c) => c.name === spec.variable)?.unit;
      result[spec.id] = {
        label: spec.label,
        unit: unit ?? null,
        ...describe(continuousValues(input.cases, spec.variable, input.views).sorted, quantileTypeOf(config)),
      };
    }
    return result;
  },
  section: (result) => (Object.keys(result).length > 0 ? continuousTable(result) : null),
});
