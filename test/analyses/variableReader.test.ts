import type { Table1Spec } from '../../pipeline/analyses/table1/table1Specs.ts';
import { describe, expect, it } from 'vitest';
import {
  LEVEL_NOT_REPORTED,
  variableKey,
  variableReading,
  variableView,
  type VariableRef,
} from '../../pipeline/analyses/variableReader.ts';
import { cohortAnalysisInput } from '../helpers/stageInput.ts';

describe('variableView', () => {
  it('reads every Table 1 variable and Cox factor of the shipped adrenal cohort as variableReading does', async () => {
    const { input, context } = await cohortAnalysisInput('data/adrenal-lms');
    const { config } = context;
    const refs: VariableRef[] = [...(config.table1 as Table1Spec).variables, ...config.cox!.factors];
    let reported = 0;
    for (const ref of refs) {
      const reading = variableReading(input.cases, config, ref);
      const view = variableView(input.cases, config, ref, input.views);
      expect(view.kind).toBe(reading.kind);
      expect(view.id).toBe(reading.id);
      for (let row = 0; row < input.cases.n; row++) {
        if (view.kind === 'continuous' && reading.kind === 'continuous') {
          const expected = reading.valueOf(row);
          expect(view.reported[row] === 1 ? view.values[row] : null).toBe(expected);
          if (expected !== null) reported++;
        } else if (view.kind === 'categorical' && reading.kind === 'categorical') {
          expect(view.levels).toEqual(reading.levels);
          const k = view.levelIndex[row]!;
          expect(k === LEVEL_NOT_REPORTED ? null : view.levels[k]!.id).toBe(reading.levelOf(row));
          if (k !== LEVEL_NOT_REPORTED) reported++;
        }
      }
    }
    expect(reported).toBeGreaterThan(100);
  });

  it('is kept per variable read, whatever label or id refers to it', async () => {
    const { input, context } = await cohortAnalysisInput('data/adrenal-lms');
    const a = variableView(input.cases, context.config, { variable: 'age' }, input.views);
    const b = variableView(
      input.cases,
      context.config,
      { variable: 'age', label: 'Age (per year)', id: 'age_factor' } as VariableRef,
      input.views,
    );
    expect(b).toBe(a);
    expect(variableKey({ variable: 'age' })).not.toBe(variableKey({ statistic: 'age' }));
  });

  it('reads a variable the table does not have as never reported', async () => {
    const { input, context } = await cohortAnalysisInput('data/adrenal-lms');
    const config = {
      ...context.config,
      columns: [...context.config.columns, { name: 'absent_size', label: 'x', type: 'size' as const }],
    } as typeof context.config;
    const view = variableView(input.cases, config, { variable: 'absent_size' }, input.views);
    expect(view.kind === 'continuous' && view.reported.every((r) => r === 0)).toBe(true);
  });
});
