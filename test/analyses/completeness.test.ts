import { describe, expect, it } from 'vitest';
import { completenessAnalysis } from '../../pipeline/analyses/completeness.ts';
import { DEFAULT_FIGURE_OPTIONS } from '../../pipeline/charts/figureOptions.ts';
import { renderSvg } from '../../pipeline/drawing/renderChart.ts';
import { handCountedCohort } from './fixture.ts';

describe('completeness', () => {
  const { input, context } = handCountedCohort();
  const result = completenessAnalysis.compute(input, context)!;
  const variable = (id: string) => result.variables.find((v) => v.variable === id)!;

  it('counts, per variable, the included patients for whom it is reported (E is excluded)', () => {
    // A ivc, B none, C ivc, D empty; surgery A yes, B no, C no, D yes; outcome D empty.
    expect([variable('venous_extension').reported, variable('venous_extension').n]).toEqual([3, 4]);
    expect(variable('surgery').reported).toBe(4);
    expect(variable('outcome').reported).toBe(3);
    expect(variable('age').reported).toBe(0);
    // Role and free-text columns are not variables of the data.
    expect(result.variables.map((v) => v.variable)).not.toContain('notes');
    expect(result.variables.map((v) => v.variable)).not.toContain('case_id');
  });

  it('counts the same per source, and names the variables reported for fewer than half', () => {
    expect(result.sources.map((s) => [s.source_id, s.patients, s.reported.venous_extension])).toEqual([
      ['s1', 2, 2],
      ['s2', 1, 1],
      ['s3', 1, 0],
    ]);
    expect(result.below_half).toContain('age');
    expect(result.below_half).not.toContain('venous_extension');
    expect(result.below_half).not.toContain('outcome'); // 3 of 4
  });

  it('draws a bar per variable, least complete first, and says how many are below half', async () => {
    const [figure] = completenessAnalysis.figures!(result, context, DEFAULT_FIGURE_OPTIONS, input);
    if (!figure || !('spec' in figure)) throw new Error('a Vega-Lite chart');
    const svg = await renderSvg(figure.spec);
    expect(svg).toContain('3/4');
    expect(svg).toContain('0/4');
    const page = String(completenessAnalysis.section(result, [], context, input));
    expect(page).toContain(
      `${result.below_half.length} of ${result.variables.length} variables are reported for fewer than half`,
    );
  });
});
