import { describe, expect, it } from 'vitest';
import { sensitivityAnalysis } from '../../pipeline/analyses/sensitivity.ts';
import { handCountedCohort } from './fixture.ts';

describe('sensitivity analysis', () => {
  const { input, context } = handCountedCohort();
  const result = sensitivityAnalysis.compute(input, context)!;
  const ivc = (id: string, kind = '') =>
    result.find((e) => e.id === id)!.statistics.find((s) => s.id === `ivc_extension${kind}`)!;

  it('puts all included patients first, then one entry per rule', () => {
    expect(result.map((e) => [e.id, e.n_sources, e.n_included])).toEqual([
      ['all_patients', 3, 4],
      ['include_only', 1, 2], // s1: A, B
      ['two_yes', 2, 3], // s1 (3 yes) and s3 (2 yes): A, B, D
    ]);
  });

  it('recomputes each statistic on the patients it keeps, by hand', () => {
    // IVC: A and C have it, B has none, D not reported; E excluded.
    expect([ivc('all_patients').numerator, ivc('all_patients').denominator]).toEqual([2, 4]);
    expect([
      ivc('all_patients', '.reported').numerator,
      ivc('all_patients', '.reported').denominator,
    ]).toEqual([2, 3]);
    expect([
      ivc('include_only').numerator,
      ivc('include_only').denominator,
      ivc('include_only').percent,
    ]).toEqual([1, 2, 50]);
    expect([ivc('two_yes').numerator, ivc('two_yes').denominator]).toEqual([1, 3]);
    expect([ivc('two_yes', '.reported').numerator, ivc('two_yes', '.reported').denominator]).toEqual([1, 2]);
  });

  it('says the rule in words', () => {
    expect(result.map((e) => e.rule_text)).toEqual([
      'no restriction',
      'overall appraisal include',
      'at least 2 items answered yes',
    ]);
  });

  it('is absent without an appraisal', () => {
    expect(sensitivityAnalysis.compute({ ...input, appraisal: null }, context)).toBeNull();
  });

  it('withholds a subset with fewer patients than the minimum: no statistics, the reason, and a sentence in the page', () => {
    const rules = [
      ...context.config.appraisal!.sensitivity!,
      { id: 'none', label: 'None', rule: { atLeastYes: 99 } },
    ];
    const config = { ...context.config, appraisal: { ...context.config.appraisal!, sensitivity: rules } };
    const withheld = sensitivityAnalysis.compute(input, { ...context, config })!;
    const none = withheld.find((e) => e.id === 'none')!;
    expect([none.n_included, none.withheld, none.statistics]).toEqual([
      0,
      '0 included patients; a sensitivity subset needs at least 1',
      [],
    ]);
    expect(withheld.filter((e) => e.withheld !== null).map((e) => e.id)).toEqual(['none']);
    const page = sensitivityAnalysis.section(withheld, [], { ...context, config }, input)!.toString();
    expect(page).toContain('Not estimated: 0 included patients; a sensitivity subset needs at least 1.');
    const rows = 2 * config.statistics.filter((x) => config.headline.includes(x.id)).length;
    expect(rows).toBeGreaterThan(0);
    expect(page.match(/>not estimated<\/td>/g)).toHaveLength(rows);
    // A cohort's own minimum, and --show-all.
    const raised = { ...context, config: { ...config, minimum: { sensitivityPatients: 3 } } };
    const thin = sensitivityAnalysis.compute(input, raised)!;
    expect(thin.filter((e) => e.statistics.length === 0).map((e) => e.id)).toEqual(['include_only', 'none']);
    const all = sensitivityAnalysis.compute(input, { ...raised, showAll: true })!;
    expect(all.find((e) => e.id === 'include_only')!.statistics).toEqual(result[1]!.statistics);
    expect(all.find((e) => e.id === 'none')!.withheld).toBe(
      '0 included patients; a sensitivity subset needs at least 3',
    );
  });
});
