import { describe, expect, it, beforeAll } from 'vitest';
import {
  coxAnalysis,
  coxCells,
  coxModel,
  factorValues,
  forestRows,
  NOT_ESTIMABLE_CONSTANT,
  NOT_ESTIMABLE_MONOTONE,
  type CoxModel,
} from '../../pipeline/analyses/cox.ts';
import { DEFAULT_FIGURE_OPTIONS } from '../../pipeline/charts/figureOptions.ts';
import { statsJsonReplacer } from '../../pipeline/io/statsJson.ts';
import { normalize } from '../../pipeline/stages/normalize.ts';
import { extracted } from '../helpers/stageInput.ts';
import { unzipEntry, wordTexts } from '../helpers/unzipEntry.ts';
import {
  ADRENAL_CASES_SHA256_OF_R_VALUES,
  adrenalCasesSha256,
  shippedAdrenalCohort,
  SYNTHETIC_ROWS,
  syntheticSurvivalCohort,
} from './survivalFixture.ts';
import { casesTable } from '../../pipeline/cohortTables/casesTable.ts';

const model = (result: readonly CoxModel[], id: string) => result.find((m) => m.id === id)!;

describe('Cox models on a synthetic cohort, against R coxph (data frame d in survivalFixture.ts)', () => {
  const { input, context } = syntheticSurvivalCohort();
  const result = coxAnalysis.compute(input, context)!;

  it('fits age per year as summary(coxph(Surv(time, dead) ~ age, data = d))', () => {
    const age = model(result, 'age');
    // exp(coef) 1.12492550484526, lower .95 1.00751383134392, upper .95 1.25601986998368, Pr(>|z|) 0.0363434179367846
    expect(age.terms[0]!.hr).toBeCloseTo(1.12492550484526, 9);
    expect(age.terms[0]!.ci95![0]).toBeCloseTo(1.00751383134392, 9);
    expect(age.terms[0]!.ci95![1]).toBeCloseTo(1.25601986998368, 9);
    expect(age.terms[0]!.p_value).toBeCloseTo(0.0363434179367846, 9);
    // $logtest: test 5.8241712885849068, df 1, pvalue 0.0158074138541141; fit$n 11, fit$nevent 7
    expect(age.lr_test!.chisq).toBeCloseTo(5.8241712885849068, 9);
    expect(age.lr_test!.p).toBeCloseTo(0.0158074138541141, 9);
    expect([age.n, age.events, age.excluded]).toEqual([11, 7, 1]);
    expect(age.excluded_reasons).toEqual([{ reason: 'Age not reported', n: 1 }]);
  });

  it('fits size per cm as summary(coxph(Surv(time, dead) ~ size, data = d))', () => {
    const size = model(result, 'size');
    // exp(coef) 1.41496878525174 (1.00248128125289, 1.99718109522657), p 0.0483751522088218; n 11, events 6
    expect(size.terms[0]!.hr).toBeCloseTo(1.41496878525174, 9);
    expect(size.terms[0]!.ci95![0]).toBeCloseTo(1.00248128125289, 9);
    expect(size.terms[0]!.ci95![1]).toBeCloseTo(1.99718109522657, 9);
    expect(size.terms[0]!.p_value).toBeCloseTo(0.0483751522088218, 9);
    expect([size.n, size.events]).toEqual([11, 6]);
  });

  it('writes a separating factor as not estimable (no HR, CI or Wald p), keeps the LR test, and says why', () => {
    // coxph(Surv(time, dead) ~ surgery, data = d): "Loglik converged before variable 1; coefficient may be
    // infinite" (coef -21.57); $logtest 7.43930221908675, df 1, p 0.00638146275917944
    const surgery = model(result, 'surgery');
    expect(surgery.terms[0]).toMatchObject({
      hr: null,
      ci95: null,
      p_value: null,
      not_estimable: NOT_ESTIMABLE_MONOTONE,
    });
    expect(surgery.lr_test!.chisq).toBeCloseTo(7.43930221908675, 9);
    expect(surgery.lr_test!.p).toBeCloseTo(0.00638146275917944, 9);
    expect(surgery.caution).toMatch(/^Surgery: not estimable \(monotone likelihood\)/);
    expect(JSON.stringify(surgery.terms[0], statsJsonReplacer)).not.toMatch(/Infinity/);
  });

  it('fits the multivariable model as coxph(Surv(time, dead) ~ age + surgery, data = d)', () => {
    const both = model(result, 'age_surgery');
    // age: exp(coef) 1.03987151829698 (0.930766404634195, 1.16176601259072), p 0.489362831603310
    expect(both.terms.map((t) => t.term)).toEqual(['age', 'surgery']);
    expect(both.terms[0]!.hr).toBeCloseTo(1.03987151829698, 8);
    expect(both.terms[0]!.ci95![0]).toBeCloseTo(0.930766404634195, 8);
    expect(both.terms[0]!.ci95![1]).toBeCloseTo(1.16176601259072, 8);
    expect(both.terms[0]!.p_value).toBeCloseTo(0.48936283160331, 8);
    // surgery: "Loglik converged before variable 2; coefficient may be infinite"
    expect(both.terms[1]).toMatchObject({ hr: null, ci95: null, p_value: null });
    expect(both.terms[1]!.not_estimable).toBe(NOT_ESTIMABLE_MONOTONE);
    // $logtest 10.06908263137103, df 2, p 0.00650918309232483; fit$n 10, fit$nevent 7
    expect(both.lr_test).toMatchObject({ df: 2 });
    expect(both.lr_test!.chisq).toBeCloseTo(10.06908263137103, 8);
    expect([both.n, both.events, both.excluded, both.events_per_variable]).toEqual([10, 7, 2, 3.5]);
  });

  it('cautions when there are fewer than 10 events per variable', () => {
    expect(model(result, 'age').caution).toBe(
      '7 events for 1 variable (7 per variable, fewer than 10): the estimates are unreliable, and not on the forest plot.',
    );
  });

  it('has no caution with 10 or more events per variable and a converged, finite fit', () => {
    // Synthetic: 24 patients, all dead, times 1..24, age rising with time but not monotonically.
    const rows = Array.from({ length: 24 }, (_, k) => {
      const age = 40 + ((k * 7) % 24);
      return `T${k},syn,${age},,,,,,,,,,,,dead,${k + 1},,,`;
    });
    const { context } = syntheticSurvivalCohort();
    const cases = normalize(extracted(rows), context).tables.of(casesTable)!;
    const m = coxModel(cases, context.config, {
      id: 'age',
      label: 'Age',
      factors: [{ id: 'age', label: 'Age', variable: 'age' }],
    });
    expect([m.n, m.events, m.caution]).toEqual([24, 24, null]);
    expect(Number.isFinite(m.terms[0]!.hr)).toBe(true);
  });

  it('gives each model the same numbers with the time order shared by all models as with its own sort', () => {
    const spec = context.config.cox!;
    const shared = result;
    const byId = new Map(spec.factors.map((f) => [f.id, f]));
    const alone = [
      ...spec.factors.map((f) => ({ id: f.id, label: f.label, factors: [f] })),
      ...spec.multivariable.map((m) => ({ ...m, factors: m.factors.map((id) => byId.get(id)!) })),
    ].map((m) => coxModel(input.cases, context.config, m));
    expect(shared).toEqual(alone);
    expect(shared.some((m) => m.lr_test !== null)).toBe(true);
  });

  it('writes the models as table cells, one row per term', () => {
    const cells = coxCells(result);
    expect(cells[0]!.slice(0, 5)).toEqual(['Model', 'Term', 'HR', '95% CI', 'p-value']);
    expect(cells.find((c) => c[0] === 'Age')!.slice(1, 8)).toEqual([
      'Age',
      '1.12',
      '1.01–1.26',
      '0.036',
      '11',
      '7',
      '1',
    ]);
    expect(cells.find((c) => c[0] === 'Surgery')!.slice(2, 5)).toEqual([
      'not estimable (monotone likelihood)',
      '–',
      '–',
    ]);
  });

  it('shows every caution next to the numbers on the page, and no forest plot under 10 events per variable', () => {
    const page = coxAnalysis.section(result, [], context, input)!.toString();
    expect(page.match(/class="caution"/g)).toHaveLength(result.length);
    expect(result.every((m) => !m.on_forest_plot)).toBe(true);
    expect(coxAnalysis.figures!(result, context, DEFAULT_FIGURE_OPTIONS, input)).toEqual([]);
    expect(page).toMatch(/No forest plot: no model has enough events per variable/);
  });

  it('draws the estimated terms only on the forest plot under --show-all, never a term not estimable', () => {
    const all = coxAnalysis.compute(input, { ...context, showAll: true })!;
    const figures = coxAnalysis.figures!(all, context, DEFAULT_FIGURE_OPTIONS, input);
    expect(figures.map((f) => f.id)).toEqual(['cox-forest']);
    const rows = forestRows(all);
    expect(rows.map((r) => `${r.model}: ${r.term}`)).toEqual([
      'Age: Age',
      'Size: Size',
      'Age + surgery: Age',
    ]);
    expect(rows.every((r) => r.hr !== null && Number.isFinite(r.hr) && r.hr > 0)).toBe(true);
  });

  it('draws a model with at least the minimum events per variable', () => {
    const lowered = { ...context, config: { ...context.config, minimum: { coxEventsPerVariable: 3.5 } } };
    const drawn = coxAnalysis.compute(input, lowered)!;
    expect(drawn.filter((m) => m.on_forest_plot).map((m) => m.id)).toEqual([
      'surgery',
      'age',
      'size',
      'age_surgery',
    ]);
    expect(forestRows(drawn).map((r) => `${r.model}: ${r.term}`)).toEqual([
      'Age: Age',
      'Size: Size',
      'Age + surgery: Age',
    ]);
  });

  it('withholds a model with fewer events than the minimum: no numbers, one sentence, the reason in stats.json', () => {
    const raised = { ...context, config: { ...context.config, minimum: { coxEvents: 7 } } };
    const models = coxAnalysis.compute(input, raised)!;
    const size = model(models, 'size');
    expect(size.withheld).toBe('6 deaths; Cox regression needs at least 7');
    expect(size.terms).toEqual([
      { term: 'size', label: 'Size', hr: null, ci95: null, p_value: null, not_estimable: null },
    ]);
    expect([size.lr_test, size.on_forest_plot]).toEqual([null, false]);
    expect(model(models, 'age').withheld).toBeNull();
    const page = coxAnalysis.section(models, [], raised, input)!.toString();
    expect(page).toContain('Not estimated: Size, 6 deaths; Cox regression needs at least 7.');
    expect(page).not.toMatch(/<td>Size<\/td>/);
    // --show-all fits it, with the reason as a caution.
    const shown = model(coxAnalysis.compute(input, { ...raised, showAll: true })!, 'size');
    expect(shown.terms[0]!.hr).toBeCloseTo(1.41496878525174, 9);
    expect(shown.caution).toMatch(
      /^Below the cohort's minimum data \(6 deaths; Cox regression needs at least 7\)/,
    );
  });

  it('drops a factor that is the same for every patient of a multivariable model and fits the others, as coxph', () => {
    // Every patient of the synthetic cohort is female here, so sex is constant. R:
    // coxph(Surv(time, dead) ~ age + female, data = transform(d, female = 1)): female NA, age as alone:
    // exp(coef) 1.12492550484526, lower .95 1.00751383134392, upper .95 1.25601986998368,
    // Pr(>|z|) 0.0363434179367846, $logtest 5.8241712885849068 on 1 df
    const rows = SYNTHETIC_ROWS.map((r) => r.replace(/^(S\d+,syn,[^,]*,)M,/, '$1F,'));
    const { input: all, context: c } = syntheticSurvivalCohort(rows);
    const female = { id: 'female', label: 'Female', statistic: 'sex_female' };
    const m = coxModel(all.cases, c.config, {
      id: 'age_female',
      label: 'Age + female',
      factors: [{ id: 'age', label: 'Age', variable: 'age' }, female],
    });
    expect(m.terms[0]!.hr).toBeCloseTo(1.12492550484526, 9);
    expect(m.terms[0]!.ci95![1]).toBeCloseTo(1.25601986998368, 9);
    expect(m.terms[0]!.p_value).toBeCloseTo(0.0363434179367846, 9);
    expect(m.terms[1]).toMatchObject({ hr: null, not_estimable: NOT_ESTIMABLE_CONSTANT });
    expect(m.lr_test!.chisq).toBeCloseTo(5.8241712885849068, 9);
    expect(m.lr_test!.df).toBe(1);
    expect(m.caution).toMatch(
      /^Female is the same for every patient in this model: dropped from it \(coxph gives NA\)/,
    );
    // Alone, it is no model.
    const alone = coxModel(all.cases, c.config, { id: 'female', label: 'Female', factors: [female] });
    expect([alone.lr_test, alone.caution]).toEqual([
      null,
      'Female is the same for every patient: no model; 7 events for 1 variable (7 per variable, fewer than 10): the estimates are unreliable, and not on the forest plot.',
    ]);
  });
});

describe('Cox models of the shipped adrenal cohort, against R on reports/adrenal-lms/tidy/cases.csv', () => {
  // library(survival)
  // d <- read.csv("reports/adrenal-lms/tidy/cases.csv", na.strings = ""); d <- d[d$included == "yes", ]
  // d$dead <- ifelse(d$outcome == "dead", 1, ifelse(d$outcome == "alive", 0, NA))
  // d$ivc <- ifelse(is.na(d$venous_extension), NA, grepl("\\bivc\\b", d$venous_extension))
  // Only 9 included patients have both outcome and follow-up time (3 deaths). If cases.csv changes, these
  // values change: recompute them with the calls below.
  // Every model has fewer than 5 deaths, so the numbers below are those of --show-all.
  let result: NonNullable<ReturnType<typeof coxAnalysis.compute>>;
  let withheld: NonNullable<ReturnType<typeof coxAnalysis.compute>>;
  let shipped: Awaited<ReturnType<typeof shippedAdrenalCohort>>;
  beforeAll(async () => {
    shipped = await shippedAdrenalCohort();
    result = coxAnalysis.compute(shipped.input, { ...shipped.context, showAll: true })!;
    withheld = coxAnalysis.compute(shipped.input, shipped.context)!;
  });

  it('withholds every model (each has fewer than 5 deaths): no number, no forest plot, one sentence each', () => {
    expect(withheld.map((m) => [m.id, m.withheld])).toEqual([
      ['ivc_extension', '1 death; Cox regression needs at least 5'],
      ['surgery', '3 deaths; Cox regression needs at least 5'],
      ['chemotherapy', '1 death; Cox regression needs at least 5'],
      ['age', '3 deaths; Cox regression needs at least 5'],
      ['size', '2 deaths; Cox regression needs at least 5'],
      ['age_surgery', '3 deaths; Cox regression needs at least 5'],
    ]);
    for (const m of withheld) {
      expect(m.lr_test).toBeNull();
      expect(m.terms.every((t) => t.hr === null && t.ci95 === null && t.p_value === null)).toBe(true);
    }
    expect(coxAnalysis.figures!(withheld, shipped.context, DEFAULT_FIGURE_OPTIONS, shipped.input)).toEqual(
      [],
    );
    const page = coxAnalysis.section(withheld, [], shipped.context, shipped.input)!.toString();
    expect(page).toContain('Not estimated: Age (per year), 3 deaths; Cox regression needs at least 5.');
    expect(page).not.toContain('cox-table');
  });

  it('runs on the data the R values were computed from', () => {
    expect(adrenalCasesSha256(), 'data/adrenal-lms/cases.csv changed: recompute the R values below').toBe(
      ADRENAL_CASES_SHA256_OF_R_VALUES,
    );
  });

  it('fits size per cm as summary(coxph(Surv(followup, dead) ~ size, data = d))', () => {
    const size = model(result, 'size');
    // exp(coef) 1.38703888399213, lower .95 0.747014580808871, upper .95 2.57542076839108,
    // Pr(>|z|) 0.300108922868461; $logtest 4.31708051820778; fit$n 7, fit$nevent 2
    expect(size.terms[0]!.hr).toBeCloseTo(1.38703888399213, 9);
    expect(size.terms[0]!.ci95![0]).toBeCloseTo(0.747014580808871, 9);
    expect(size.terms[0]!.ci95![1]).toBeCloseTo(2.57542076839108, 9);
    expect(size.terms[0]!.p_value).toBeCloseTo(0.300108922868461, 9);
    expect(size.lr_test!.chisq).toBeCloseTo(4.31708051820778, 9);
    expect([size.n, size.events]).toEqual([7, 2]);
  });

  it('names age not estimable (monotone likelihood: each death the oldest at risk), with R’s LR test', () => {
    // coxph(Surv(followup, dead) ~ age, data = d): "Ran out of iterations and did not converge";
    // exp(coef) 5725.66352672235, $logtest 8.28626933076946, p 0.00399459715606646; n 9, events 3
    const age = model(result, 'age');
    expect(age.terms[0]).toMatchObject({
      hr: null,
      ci95: null,
      p_value: null,
      not_estimable: NOT_ESTIMABLE_MONOTONE,
    });
    expect(age.lr_test!.chisq).toBeCloseTo(8.28626933076946, 8);
    expect(age.lr_test!.p).toBeCloseTo(0.00399459715606646, 10);
    expect(age.caution).toMatch(/^Age \(per year\): not estimable \(monotone likelihood\)/);
    expect(age.caution).not.toMatch(/did not converge in/);
    expect(age.on_forest_plot).toBe(true);
    expect(forestRows(result).map((r) => r.term)).not.toContain('Age (per year)');
  });

  it('writes surgery as separating (coefficient may be infinite in R) with the LR test', () => {
    // coxph(Surv(followup, dead) ~ surgery, data = d): coef -24.57, "coefficient may be infinite";
    // $logtest 6.89997509125674, p 0.00861969505547565; n 9, events 3
    const surgery = model(result, 'surgery');
    expect(surgery.terms[0]).toMatchObject({
      hr: null,
      ci95: null,
      p_value: null,
      not_estimable: NOT_ESTIMABLE_MONOTONE,
    });
    expect(surgery.lr_test!.chisq).toBeCloseTo(6.89997509125674, 9);
    expect([surgery.n, surgery.events]).toEqual([9, 3]);
  });

  it('has no model for IVC extension, as coxph gives NA on its 3 patients', () => {
    // coxph(Surv(followup, dead) ~ ivc, data = d): coef NA; fit$n 3, fit$nevent 1
    const ivc = model(result, 'ivc_extension');
    expect(ivc.terms[0]).toMatchObject({ hr: null, ci95: null, p_value: null });
    expect([ivc.n, ivc.events, ivc.lr_test]).toEqual([3, 1, null]);
    expect(ivc.caution).toMatch(/no model/);
  });
});

describe('Cox models as CSV and Word files', () => {
  it('puts every model, term and caution into cox.docx', async () => {
    const { input, context } = syntheticSurvivalCohort();
    const result = coxAnalysis.compute(input, context)!;
    const files = await coxAnalysis.files!(result, context, input);
    const xml = unzipEntry(
      files.find((f) => f.path === 'tables/cox.docx')!.content as Uint8Array,
      'word/document.xml',
    );
    const texts = wordTexts(xml);
    for (const cell of coxCells(result)
      .flat()
      .filter((c) => c !== ''))
      expect(texts, cell).toContain(cell);
    expect(files.map((f) => f.path)).toEqual(['tables/cox.csv', 'tables/cox.docx']);
  });
});

describe('factorValues', () => {
  it('reads yes as 1 and every other level as 0, and numbers as they are, at the rows given', () => {
    const levels = [
      { id: 'yes', label: 'Yes' },
      { id: 'no', label: 'No' },
      { id: 'peut-être', label: 'Peut-être' },
    ];
    const categorical = {
      kind: 'categorical' as const,
      id: 'x',
      levels,
      levelIndex: Int32Array.from([0, 1, 2, 0]),
    };
    expect([...factorValues(categorical, [3, 2, 1, 0])]).toEqual([1, 0, 0, 1]);
    const continuous = {
      kind: 'continuous' as const,
      id: 'age',
      unit: null,
      values: Float64Array.from([50, 0, 61.5]),
      reported: Uint8Array.from([1, 1, 1]),
    };
    expect([...factorValues(continuous, Uint32Array.from([2, 0]))]).toEqual([61.5, 50]);
    expect(factorValues(continuous, [])).toHaveLength(0);
  });
});
