import { describe, expect, it } from 'vitest';
import { kaplanMeierAnalysis } from '../../pipeline/analyses/survival.ts';
import { DEFAULT_FIGURE_OPTIONS } from '../../pipeline/charts/figureOptions.ts';
import { syntheticSurvivalCohort } from './survivalFixture.ts';

describe('Kaplan–Meier comparisons below the minimum data (synthetic cohort of survivalFixture.ts)', () => {
  // By surgery: 7 patients with surgery and 4 without have an outcome and a time.
  const { input, context } = syntheticSurvivalCohort();

  it('withholds a comparison with a group under 5 patients: no curves, no log-rank test, the reason', () => {
    const s = kaplanMeierAnalysis.compute(input, context)!;
    const surgery = s.groups.surgery!;
    expect(surgery.patients).toEqual({ yes: 7, no: 4 });
    expect([surgery.curves, surgery.logrank]).toEqual([null, null]);
    expect(surgery.withheld).toBe(
      'No surgery 4 patients; a Kaplan–Meier comparison needs at least 5 in each group',
    );
    // The overall curve is not a comparison: always given.
    expect(s.overall.n).toBe(12);
    const figures = kaplanMeierAnalysis.figures!(s, context, DEFAULT_FIGURE_OPTIONS, input);
    expect(figures.map((f) => f.id)).toEqual(['survival-overall']);
    const page = kaplanMeierAnalysis.section(s, [], context, input)!.toString();
    expect(page).toContain(
      'Not estimated: survival by Surgery, No surgery 4 patients; a Kaplan–Meier comparison needs at least 5 in each group.',
    );
    expect(page).not.toMatch(/Surgery: log-rank/);
  });

  it('gives it with the cohort’s lower minimum, and under --show-all with the caution', () => {
    const lowered = { ...context, config: { ...context.config, minimum: { survivalGroupPatients: 4 } } };
    const given = kaplanMeierAnalysis.compute(input, lowered)!.groups.surgery!;
    expect(given.withheld).toBeNull();
    expect(given.curves!.no!.n).toBe(4);
    // survdiff(Surv(time, dead) ~ surgery, data = d)$chisq (d of survivalFixture.ts): as without a minimum.
    const all = kaplanMeierAnalysis.compute(input, { ...context, showAll: true })!;
    const shown = all.groups.surgery!;
    expect(shown.logrank).toEqual(given.logrank);
    expect(shown.withheld).not.toBeNull();
    const figure = kaplanMeierAnalysis.figures!(all, context, DEFAULT_FIGURE_OPTIONS, input).find(
      (f) => f.id === 'survival-surgery',
    )!;
    expect(figure.caption).toMatch(/Below the cohort's minimum data \(No surgery 4 patients;/);
  });
});
