import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCohort } from '../../pipeline/run.ts';
import type { CohortConfig } from '../../pipeline/types.ts';
import type { Table1Spec } from '../../pipeline/analyses/table1/table1Specs.ts';
import { tempDir } from '../helpers/badCohort.ts';
import { tempOut } from '../helpers/cohortCopy.ts';
import { contentText } from '../../pipeline/io/textChunks.ts';
import { describe, expect, it, beforeAll } from 'vitest';
import {
  levelCounts,
  reportedValues,
  table1Analysis,
  table1Cells,
  testCaution,
  type CategoricalCell,
  type ContinuousCell,
  type Table1Result,
  type Table1Row,
  type Table1Section,
} from '../../pipeline/analyses/table1.ts';
import { unzipEntry, wordTexts } from '../helpers/unzipEntry.ts';
import {
  ADRENAL_CASES_SHA256_OF_R_VALUES,
  adrenalCasesSha256,
  shippedAdrenalCohort,
  SYNTHETIC_ROWS,
  syntheticSurvivalCohort,
} from './survivalFixture.ts';

/** The one Table 1 of a cohort that configures one (an object in cohort.json). */
const oneTable = (result: Table1Result | null): Table1Section => result as Table1Section;
const rowOf = (rows: readonly Table1Row[], variable: string, level: string | null, kind?: string) =>
  rows.find((r) => r.variable === variable && r.level === level && (kind === undefined || r.kind === kind))!;
const counts = (row: Table1Row, groups: readonly string[]) => [
  (row.overall as CategoricalCell).n,
  ...groups.map((g) => (row.groups[g] as CategoricalCell).n),
];

/** The same cohort with its quartiles by R quantile(type = 2), as gtsummary (cohort.json quantileType 2). */
const withQuantileType = (
  cohort: ReturnType<typeof syntheticSurvivalCohort>,
  quantileType: 2 | 7,
): ReturnType<typeof syntheticSurvivalCohort> => ({
  ...cohort,
  context: { ...cohort.context, config: { ...cohort.context.config, quantileType } },
});

describe('Table 1 on a synthetic cohort (values from R; the R data frame is in survivalFixture.ts)', () => {
  // quantileType 2, as gtsummary: the quartiles below are R's quantile(type = 2).
  const { input, context } = withQuantileType(syntheticSurvivalCohort(), 2);
  const result = oneTable(table1Analysis.compute(input, context));

  it('counts each level and the not-reported over all included patients in the column', () => {
    expect(result.by).toBe('surgery');
    // 12 included; surgery yes 7 (S01-S04, S08, S11, S12), no 4 (S05-S07, S10), S09 in no group.
    expect(rowOf(result.rows, 'sex', 'female').overall).toEqual({ n: 7, N: 12, percent: (7 / 12) * 100 });
    expect(counts(rowOf(result.rows, 'sex', 'female'), ['yes', 'no'])).toEqual([7, 5, 2]);
    expect(counts(rowOf(result.rows, 'sex', 'male'), ['yes', 'no'])).toEqual([5, 2, 2]);
    expect(counts(rowOf(result.rows, 'side', 'bilateral'), ['yes', 'no'])).toEqual([1, 1, 0]);
    expect(counts(rowOf(result.rows, 'side', null, 'not_reported'), ['yes', 'no'])).toEqual([1, 0, 1]);
    expect(rowOf(result.rows, 'side', null, 'not_reported').groups.no).toEqual({ n: 1, N: 4, percent: 25 });
    // Pain from the symptoms list: S04 and S11 give no symptoms.
    expect(counts(rowOf(result.rows, 'symptom_pain', 'yes'), ['yes', 'no'])).toEqual([7, 4, 3]);
    expect(counts(rowOf(result.rows, 'symptom_pain', null, 'not_reported'), ['yes', 'no'])).toEqual([
      2, 2, 0,
    ]);
  });

  it('summarises numbers with R quantile(type = 2), as gtsummary', () => {
    // quantile(d$age, c(0, .25, .5, .75, 1), type = 2, na.rm = TRUE) -> 38 45 57 66 73 (type 7: 47, 63.5)
    expect(rowOf(result.rows, 'age', null, 'continuous').overall).toEqual({
      n: 11,
      median: 57,
      q1: 45,
      q3: 66,
      min: 38,
      max: 73,
    });
    // quantile(d$size[d$surgery %in% 1], c(0, .25, .5, .75, 1), type = 2, na.rm = TRUE) -> 4.5 5 7 10 11
    expect(rowOf(result.rows, 'size', null, 'continuous').groups.yes).toEqual({
      n: 6,
      median: 7,
      q1: 5,
      q3: 10,
      min: 4.5,
      max: 11,
    });
    expect(rowOf(result.rows, 'age', null, 'not_reported').overall).toEqual({
      n: 1,
      N: 12,
      percent: (1 / 12) * 100,
    });
  });

  it('tests categorical variables with Fisher r x c and continuous ones with Wilcoxon, as R', () => {
    const p = (variable: string) => rowOf(result.rows, variable, null, 'not_reported').p_value!;
    // fisher.test(matrix(c(5, 2, 2, 2), nrow = 2))$p.value  (rows female, male; columns surgery yes, no)
    expect(p('sex')).toBeCloseTo(0.575757575757576, 12);
    // fisher.test(matrix(c(4, 2, 1, 2, 1, 0), nrow = 3))$p.value  (right, left, bilateral by yes, no)
    expect(p('side')).toBeCloseTo(0.999999999999999, 12);
    // fisher.test(matrix(c(4, 1, 3, 1), nrow = 2))$p.value  (pain yes, no by surgery yes, no)
    expect(p('symptom_pain')).toBeCloseTo(1, 12);
    // wilcox.test(c(45, 52, 61, 38, 57, 44, 59), c(70, 66, 73))$p.value  (exact)
    expect(p('age')).toBeCloseTo(0.0166666666666667, 12);
    expect(rowOf(result.rows, 'age', null, 'continuous').test).toBe('Wilcoxon rank sum exact test');
    // wilcox.test(c(5, 8, 11, 6, 4.5, 10), c(14, 9, 12, 15))$p.value
    expect(p('size')).toBeCloseTo(0.0380952380952381, 12);
    // Every row of a variable carries its test.
    expect(rowOf(result.rows, 'sex', 'female').p_value).toBe(p('sex'));
  });

  it('cautions about p-values on few patients', () => {
    const sexRows = result.rows.filter((r) => r.variable === 'sex');
    // 11 patients in the test, the no-surgery group has 4.
    expect(testCaution(sexRows, ['yes', 'no'])).toBe('a group has fewer than 5 patients');
    const keep = ['S01', 'S02', 'S03', 'S05', 'S06', 'S07', 'S10', 'S12'];
    const fewer = syntheticSurvivalCohort(SYNTHETIC_ROWS.filter((row) => keep.includes(row.slice(0, 3))));
    const few = oneTable(table1Analysis.compute(fewer.input, fewer.context));
    expect(
      testCaution(
        few.rows.filter((r) => r.variable === 'sex'),
        ['yes', 'no'],
      ),
    ).toBe('rests on 8 patients');
  });

  it('has no groups and no tests without "by"', () => {
    const overallOnly = {
      ...context,
      config: { ...context.config, table1: { ...context.config.table1!, by: null } },
    };
    const r = oneTable(table1Analysis.compute(input, overallOnly));
    expect(r.by).toBeNull();
    expect(r.rows.every((row) => Object.keys(row.groups).length === 0 && row.p_value === null)).toBe(true);
  });

  it('writes the table as text cells, with N per column and the test once per variable', () => {
    const cells = table1Cells(result, context);
    expect(cells[0]).toEqual([
      'Characteristic',
      'Level',
      'Overall (N = 12)',
      'Surgery (N = 7)',
      'No surgery (N = 4)',
      'p-value',
      'Test',
    ]);
    expect(cells[1]).toEqual([
      'Sex',
      'Female',
      '7 (58.3%)',
      '5 (71.4%)',
      '2 (50.0%)',
      '0.576',
      "Fisher's exact test",
    ]);
    expect(cells.find((c) => c[0] === 'Age')!.slice(2, 6)).toEqual([
      '57 (45–66); 38–73; n = 11',
      '52 (44–59); 38–61; n = 7',
      '70 (66–73); 66–73; n = 3',
      '0.017',
    ]);
  });

  it('shows the denominator and the patients in no group on the page', () => {
    const page = table1Analysis.section(result, [], context, input)!.toString();
    expect(page).toContain('all included patients in the column');
    expect(page).toMatch(/1 included patients are in no group/);
    // The rule is named once, in the methods, not under each table.
    expect(page).not.toContain('quantile(type');
    expect(page).toContain('quartiles by the report&#39;s quantile rule');
    expect(page).toContain('caution: a group has fewer than 5 patients');
  });
});

describe("Table 1 p-values and the cohort's minimum data (minimum.table1GroupPatients)", () => {
  // The synthetic cohort by surgery: yes 7 patients, no 4 (S05-S07, S10), all with an age but S07.
  const withMinimum = (patients: number, showAll = false) => {
    const { input, context } = syntheticSurvivalCohort();
    const config = { ...context.config, minimum: { table1GroupPatients: patients } };
    return oneTable(table1Analysis.compute(input, { ...context, config, showAll }));
  };

  it('computes a p-value when every group has the minimum, withholds it with the reason when one has fewer', () => {
    expect(rowOf(withMinimum(3).rows, 'age', null, 'continuous').p_value).not.toBeNull();
    const withheld = rowOf(withMinimum(4).rows, 'age', null, 'continuous');
    expect(withheld.p_value).toBeNull();
    expect(withheld.test).toBe(
      'not computed: a group has 3 patients with a reported value; a Table 1 p-value needs at least 4 in each',
    );
    // The cells stay: only the test is withheld.
    expect((withheld.groups.no as ContinuousCell).n).toBe(3);
  });

  it('keeps it under --show-all, saying it is below the minimum', () => {
    const shown = rowOf(withMinimum(4, true).rows, 'age', null, 'continuous');
    expect(shown.p_value).toBe(rowOf(withMinimum(3).rows, 'age', null, 'continuous').p_value);
    expect(shown.test).toMatch(/^Wilcoxon .*; Below the cohort's minimum data \(a group has 3 patients/);
  });
});

describe('Table 1 of the shipped adrenal cohort, against R on reports/adrenal-lms/tidy/cases.csv', () => {
  // R (survival not needed), on the tidy table of this data:
  //   d <- read.csv("reports/adrenal-lms/tidy/cases.csv", na.strings = ""); d <- d[d$included == "yes", ]
  //   s <- d[!is.na(d$surgery), ]
  // If cases.csv changes, these counts change: recompute them with the calls below.
  let result: Table1Section;
  beforeAll(async () => {
    const { input, context } = await shippedAdrenalCohort();
    result = oneTable(table1Analysis.compute(input, context));
  });

  it('runs on the data the R values were computed from', () => {
    expect(adrenalCasesSha256(), 'data/adrenal-lms/cases.csv changed: recompute the R values below').toBe(
      ADRENAL_CASES_SHA256_OF_R_VALUES,
    );
  });

  it('counts sex by surgery as table(s$sex, s$surgery) and tests it as fisher.test', () => {
    // table(s$sex, s$surgery): female no 3, yes 15; male no 0, yes 8
    expect(counts(rowOf(result.rows, 'sex', 'female'), ['yes', 'no']).slice(1)).toEqual([15, 3]);
    expect(counts(rowOf(result.rows, 'sex', 'male'), ['yes', 'no']).slice(1)).toEqual([8, 0]);
    // fisher.test(table(s$sex, s$surgery))$p.value
    expect(rowOf(result.rows, 'sex', 'female').p_value).toBeCloseTo(0.529230769230769, 12);
    // fisher.test(table(s$side, s$surgery))$p.value  (bilateral 1/0, left 12/1, right 9/2)
    expect(rowOf(result.rows, 'side', 'left').p_value).toBeCloseTo(0.626956521739133, 12);
  });

  it('summarises and tests age as quantile(type = 2) and wilcox.test', async () => {
    // quantile(d$age, c(0, .25, .5, .75, 1), type = 2, na.rm = TRUE) -> 10 48 57 62 81; sum(!is.na(d$age)) 34
    const type2 = withQuantileType(await shippedAdrenalCohort(), 2);
    const age = rowOf(
      oneTable(table1Analysis.compute(type2.input, type2.context)).rows,
      'age',
      null,
      'continuous',
    );
    expect(age.overall as ContinuousCell).toEqual({ n: 34, median: 57, q1: 48, q3: 62, min: 10, max: 81 });
    // wilcox.test(s$age[s$surgery == "yes"], s$age[s$surgery == "no"])$p.value  (ties: normal approximation)
    expect(age.p_value).toBeCloseTo(0.20218872437967, 12);
    expect(age.test).toBe('Wilcoxon rank sum test with continuity correction');
    // wilcox.test(s$size[s$surgery == "yes"], s$size[s$surgery == "no"])$p.value
    expect(rowOf(result.rows, 'size', null, 'continuous').p_value).toBeCloseTo(0.177874485317106, 12);
  });
});

describe('Table 1 and the reported cases as CSV and Word files', () => {
  const { input, context } = syntheticSurvivalCohort();
  const result = oneTable(table1Analysis.compute(input, context));
  const files = table1Analysis.files!(result, context, input);
  const file = async (path: string) => (await files).find((f) => f.path === path)!.content;

  it('puts every Table 1 cell into table1.docx and table1.csv', async () => {
    const texts = wordTexts(
      unzipEntry((await file('tables/table1.docx')) as Uint8Array, 'word/document.xml'),
    );
    const cells = table1Cells(result, context)
      .flat()
      .filter((c) => c !== '');
    for (const c of cells) expect(texts, c).toContain(c);
    const csv = (await file('tables/table1.csv')) as string;
    expect(csv.split('\r\n')[1]).toBe("Sex,Female,7 (58.3%),5 (71.4%),2 (50.0%),0.576,Fisher's exact test");
  });

  it('lists every case id in cases.docx with its citation, the excluded row last with its reason', async () => {
    const texts = wordTexts(unzipEntry((await file('tables/cases.docx')) as Uint8Array, 'word/document.xml'));
    for (const id of input.cases.caseIds) expect(texts, id).toContain(id);
    const csv = contentText((await file('tables/cases.csv'))!)
      .trimEnd()
      .split('\r\n');
    expect(csv[0]).toBe('Case,Reference,Sex,Age,Side,Size,Pain,Note');
    expect(csv[1]).toBe('S01,syn,Female,45,Right,5,Yes,');
    expect(csv[9]).toBe('S09,syn,Male,49,Left,7,No,');
    expect(csv.at(-1)).toBe('S13,syn,Female,80,Left,13,,Excluded: synthetic exclusion');
    expect(texts).toContain(
      'An empty cell means the source does not report the value (not the same as no or none).',
    );
  });
});

describe('the Word table of reported cases on a large cohort', () => {
  it('holds the first 1,000 rows and says so; cases.csv holds every row', async () => {
    // Synthetic: 1,005 copies of one made-up patient.
    const rows = Array.from({ length: 1005 }, (_, k) => `X${k},syn,50,F,R,5,,,,,,yes,,,alive,12,,,`);
    const { input, context } = syntheticSurvivalCohort(rows);
    const result = oneTable(table1Analysis.compute(input, context));
    const files = await table1Analysis.files!(result, context, input);
    const texts = wordTexts(
      unzipEntry(
        files.find((f) => f.path === 'tables/cases.docx')!.content as Uint8Array,
        'word/document.xml',
      ),
    );
    expect(texts).toContain('X999');
    expect(texts).not.toContain('X1000');
    expect(texts).toContain('The first 1000 of 1005 rows; every row is in cases.csv.');
    const csv = contentText(files.find((f) => f.path === 'tables/cases.csv')!.content);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(1006);
  });
});

describe('Table 1 tests on large tables', () => {
  it('tests a 2×2 table of any size in closed form, and gives no exact r×c test past the limit', async () => {
    const { categoricalTest } = await import('../../pipeline/analyses/table1.ts');
    // R: fisher.test(matrix(c(600, 400, 500, 500), 2))$p.value -> 8.453719674e-06 (two-sided)
    expect(
      categoricalTest([
        [600, 500],
        [400, 500],
      ]).p_value,
    ).toBeCloseTo(8.453719674e-6, 14);
    const big = categoricalTest([
      [400, 300],
      [300, 300],
      [100, 200],
    ]);
    expect(big.p_value).toBeNull();
    expect(big.test).toBe(
      "Fisher's exact test: not computed for 1600 patients (an exact 3×2 test this large is out of reach)",
    );
  });
});

describe('Table 1 counting helpers (levelCounts, reportedValues)', () => {
  const levels = [
    { id: 'a', label: 'A' },
    { id: 'b', label: 'B' },
    { id: 'ü', label: 'Ü' },
  ];
  // Rows 0–5: a, not reported, b, a, ü, not reported.
  const levelIndex = Int32Array.from([0, -1, 1, 0, 2, -1]);

  it('counts each level over the rows given, not-reported rows in none', () => {
    expect(levelCounts({ levels, levelIndex }, [0, 1, 2, 3, 4, 5])).toEqual([2, 1, 1]);
    expect(levelCounts({ levels, levelIndex }, Uint32Array.from([1, 5]))).toEqual([0, 0, 0]);
    expect(levelCounts({ levels, levelIndex }, [])).toEqual([0, 0, 0]);
  });

  it('takes the reported values of the rows given, in their order', () => {
    const view = {
      values: Float64Array.from([1.5, 0, -2, 8]),
      reported: Uint8Array.from([1, 0, 1, 1]),
    };
    expect([...reportedValues(view, [3, 1, 0, 2])]).toEqual([8, 1.5, -2]);
    expect(reportedValues(view, [1])).toHaveLength(0);
    expect(reportedValues(view, [])).toHaveLength(0);
  });
});

describe('Table 1 by any variable, several tables, in a cohort without survival', () => {
  // A copy of the shipped adrenal cohort without its survival and Cox blocks (so no survival grouping
  // exists), with three Table 1s: by sex (a category), by the pain statistic, by chemotherapy (a boolean).
  // R, on the run's tidy table:
  //   d <- read.csv("tidy/cases.csv", na.strings = ""); d <- d[d$included == "yes", ]
  //   pain_terms <- c("abdominal_pain", "flank_pain", "back_pain", "groin_pain")
  //   d$pain <- ifelse(is.na(d$symptoms), NA,
  //                    sapply(strsplit(d$symptoms, "; "), function(x) any(x %in% pain_terms)))
  let stats: { table1: Table1Section[] };
  let outDir: string;
  beforeAll(async () => {
    const dir = join(tempDir(), 'adrenal-lms');
    cpSync('data/adrenal-lms', dir, { recursive: true });
    const config = JSON.parse(readFileSync(join(dir, 'cohort.json'), 'utf8')) as CohortConfig;
    delete config.survival;
    delete config.cox;
    const { variables } = config.table1 as Table1Spec;
    config.table1 = [
      { id: 'by_sex', by: 'sex', variables },
      { id: 'by_pain', by: { statistic: 'symptom_pain' }, variables },
      { id: 'by_chemo', by: { variable: 'chemotherapy' }, variables },
    ];
    writeFileSync(join(dir, 'cohort.json'), JSON.stringify(config, null, 2));
    const result = await runCohort(dir, tempOut(), { png: false });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    outDir = result.outDir;
    stats = JSON.parse(readFileSync(join(outDir, 'stats.json'), 'utf8')) as typeof stats;
  });

  it('runs on the data the R values were computed from', () => {
    expect(adrenalCasesSha256(), 'data/adrenal-lms/cases.csv changed: recompute the R values below').toBe(
      ADRENAL_CASES_SHA256_OF_R_VALUES,
    );
  });

  it('writes each table, in order, with its own files', () => {
    expect(stats.table1.map((t) => [t.id, t.by])).toEqual([
      ['by_sex', 'sex'],
      ['by_pain', 'symptom_pain'],
      ['by_chemo', 'chemotherapy'],
    ]);
    for (const id of ['by_sex', 'by_pain', 'by_chemo'])
      for (const ext of ['csv', 'docx'])
        expect(existsSync(join(outDir, `tables/table1-${id}.${ext}`))).toBe(true);
    const page = readFileSync(join(outDir, 'index.html'), 'utf8');
    expect(page).toMatch(/Table 1\s+\(by_pain\): by pain \(abdominal, flank, back or groin\)/);
  });

  it('by a category: a column per term, tested as R', () => {
    const bySex = stats.table1[0]!;
    expect(bySex.levels.map((l) => l.label)).toEqual(['Female', 'Male']);
    // table(d$side, d$sex): bilateral 1 0, left 10 6, right 10 4
    expect(counts(rowOf(bySex.rows, 'side', 'left'), ['female', 'male']).slice(1)).toEqual([10, 6]);
    // fisher.test(table(d$side, d$sex))$p.value
    expect(rowOf(bySex.rows, 'side', 'left').p_value).toBeCloseTo(0.802834066837552, 12);
    // wilcox.test(d$age[d$sex == "female"], d$age[d$sex == "male"])$p.value
    expect(rowOf(bySex.rows, 'age', null, 'continuous').p_value).toBeCloseTo(1, 12);
  });

  it('by a statistic: yes and no of its condition, tested as R', () => {
    const byPain = stats.table1[1]!;
    // table(d$sex, d$pain): female FALSE 6 TRUE 13; male 7 4
    expect(counts(rowOf(byPain.rows, 'sex', 'female'), ['yes', 'no']).slice(1)).toEqual([13, 6]);
    expect(counts(rowOf(byPain.rows, 'sex', 'male'), ['yes', 'no']).slice(1)).toEqual([4, 7]);
    // fisher.test(table(d$sex, d$pain))$p.value
    expect(rowOf(byPain.rows, 'sex', 'female').p_value).toBeCloseTo(0.132219604483472, 12);
    // wilcox.test(d$size[d$pain %in% TRUE], d$size[d$pain %in% FALSE])$p.value
    expect(rowOf(byPain.rows, 'size', null, 'continuous').p_value).toBeCloseTo(0.11103309278886, 12);
    // wilcox.test(d$age[d$chemotherapy %in% "yes"], d$age[d$chemotherapy %in% "no"])$p.value
    expect(rowOf(stats.table1[2]!.rows, 'age', null, 'continuous').p_value).toBeCloseTo(0.7, 12);
  });

  it('never has its grouping variable as a row, and says so', () => {
    for (const [k, variable] of [
      [0, 'sex'],
      [1, 'symptom_pain'],
      [2, 'chemotherapy'],
    ] as const) {
      expect(stats.table1[k]!.rows.some((r) => r.variable === variable)).toBe(false);
      expect(stats.table1[k]!.omitted.map((o) => o.variable)).toEqual([variable]);
    }
    expect(readFileSync(join(outDir, 'tables/table1-by_sex.csv'), 'utf8')).not.toMatch(/^"?Sex"?,/m);
  });
});

describe('Table 1 of the shipped cohorts, by surgery', () => {
  it.each(['adrenal-lms', 'spinal-lms'])(
    '%s: Surgery, the grouping, is not a row, and the page says so',
    async (cohort) => {
      const result = await runCohort(`data/${cohort}`, tempOut(), { png: false });
      const stats = JSON.parse(readFileSync(join(result.outDir, 'stats.json'), 'utf8')) as {
        table1: Table1Section;
      };
      expect(stats.table1.by).toBe('surgery');
      expect(stats.table1.rows.filter((r) => r.variable === 'surgery')).toEqual([]);
      expect(stats.table1.omitted).toEqual([
        { variable: 'surgery', label: 'Surgery', reason: 'the grouping (surgery) itself' },
      ]);
      const page = readFileSync(join(result.outDir, 'index.html'), 'utf8');
      expect(page).toContain('Not a row: Surgery, the grouping itself');
    },
  );
});
