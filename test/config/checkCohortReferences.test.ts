import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCohortReferences, type ConfigProblem } from '../../pipeline/config/checkCohortReferences.ts';
import { analysisChecks } from '../../pipeline/config/cohortSchema.ts';
import type { CohortConfig, ColumnSpec } from '../../pipeline/types.ts';
import type { Table1Spec } from '../../pipeline/analyses/table1/table1Specs.ts';

const ADRENAL_TEXT = readFileSync(new URL('../../data/adrenal-lms/cohort.json', import.meta.url), 'utf8');
const adrenal = () => JSON.parse(ADRENAL_TEXT) as CohortConfig;
const column = (c: CohortConfig, name: string): ColumnSpec => c.columns.find((col) => col.name === name)!;
const columnIndex = (c: CohortConfig, name: string) => c.columns.findIndex((col) => col.name === name);
const statisticIndex = (c: CohortConfig, id: string) => c.statistics.findIndex((s) => s.id === id);

/** Applies `edit` to the adrenal config and returns the problems with the pointers it expects. */
function check(edit: (c: CohortConfig) => (c: CohortConfig) => ConfigProblem[]) {
  const config = adrenal();
  const expected = edit(config)(config);
  return { problems: checkCohortReferences(config, analysisChecks()), expected };
}
const error = (pointer: string, message: string): ConfigProblem => ({ pointer, severity: 'error', message });
/** The one warning it gives: a spelling shared by two terms. */
const warning = (pointer: string, message: string): ConfigProblem => ({
  pointer,
  severity: 'warning',
  message,
  code: 'vocabulary.shared-spelling',
});

describe('checkCohortReferences', () => {
  it('finds nothing wrong in the adrenal cohort', () => {
    expect(checkCohortReferences(adrenal(), analysisChecks())).toEqual([]);
  });

  it.each<[string, (c: CohortConfig) => (c: CohortConfig) => ConfigProblem[]]>([
    [
      'a column defined twice',
      (c) => {
        c.columns.push({ ...column(c, 'age') });
        return () => [error(`/columns/${c.columns.length - 1}/name`, 'column "age" is defined twice')];
      },
    ],
    [
      'a category column without a vocabulary',
      (c) => {
        delete column(c, 'sex').vocabulary;
        return () => [
          error(`/columns/${columnIndex(c, 'sex')}`, 'column "sex" of type category needs a "vocabulary"'),
        ];
      },
    ],
    [
      'a duration column in hours',
      (c) => {
        column(c, 'followup').unit = 'hours';
        return () => [
          error(
            `/columns/${columnIndex(c, 'followup')}/unit`,
            'duration unit "hours" is not one of days, weeks, months, years',
          ),
        ];
      },
    ],
    [
      'a size column in inches',
      (c) => {
        column(c, 'size').unit = 'in';
        return () => [
          error(`/columns/${columnIndex(c, 'size')}/unit`, 'size unit "in" is not one of mm, cm, m'),
        ];
      },
    ],
    [
      'a role naming a missing column',
      (c) => {
        c.roles.caseId = 'caseid';
        return () => [
          error('/roles/caseId', 'column "caseid" is not defined under "columns"; did you mean "case_id"?'),
        ];
      },
    ],
    [
      'a role naming a column of the wrong type',
      (c) => {
        c.roles.include = 'notes';
        c.roles.exclusionReason = 'surgery';
        return () => [
          error('/roles/include', 'column "notes" must have type boolean to be the include column'),
          error(
            '/roles/exclusionReason',
            'column "surgery" must have type text to be the exclusionReason column',
          ),
        ];
      },
    ],
    [
      'two terms claiming one synonym',
      (c) => {
        c.vocabularies.sex!.terms[1]!.synonyms!.push('Woman');
        return () => [
          warning(
            '/vocabularies/sex/terms/1',
            'spelling "Woman" belongs to both "female" and "male"; it will mean "female"',
          ),
        ];
      },
    ],
    [
      'a label of one term that is a synonym of another (labels are matched too)',
      (c) => {
        c.vocabularies.side!.terms[2]!.label = 'Both-sided';
        c.vocabularies.side!.terms[0]!.synonyms!.push('both sided');
        return () => [
          warning(
            '/vocabularies/side/terms/2',
            'spelling "Both-sided" belongs to both "right" and "bilateral"; it will mean "right"',
          ),
        ];
      },
    ],
    [
      'an invalid regular expression',
      (c) => {
        c.vocabularies.organ!.terms[1]!.patterns = ['kidney', 'ren(al'];
        return () => [
          expect.objectContaining({
            pointer: '/vocabularies/organ/terms/1/patterns/1',
            severity: 'error',
            message: expect.stringMatching(/^pattern is not a valid regular expression \(.+\)$/),
          }) as ConfigProblem,
        ];
      },
    ],
    [
      'a derived variable with the name of a column',
      (c) => {
        c.derived.push({
          id: 'notes',
          label: 'Notes',
          description: 'Clash.',
          type: 'boolean',
          when: { variable: 'surgery', in: [true] },
        });
        return () => [
          error(
            `/derived/${c.derived.length - 1}/id`,
            'derived variable "notes" has the name of a column or another derived variable',
          ),
        ];
      },
    ],
    [
      'a derived category rule with an unknown value',
      (c) => {
        const d = c.derived[0]!;
        if (d.type !== 'category') throw new Error('expected a category');
        d.rules[1]!.value = 'ivc_alon';
        return () => [
          error(
            '/derived/0/rules/1/value',
            '"ivc_alon" is not a term of vocabulary "extension_category"; did you mean "ivc_alone"?',
          ),
        ];
      },
    ],
    [
      'a yes/no variable compared with a word',
      (c) => {
        const k = statisticIndex(c, 'sex_female');
        c.statistics[k]!.when = { variable: 'surgery', in: ['yes'] };
        return () => [
          error(`/statistics/${k}/when/in/0`, '"surgery" is yes/no: use true or false, not "yes"'),
        ];
      },
    ],
    [
      'a category compared with true',
      (c) => {
        const k = statisticIndex(c, 'sex_female');
        c.statistics[k]!.when = { variable: 'sex', in: ['female', true] };
        return () => [
          error(
            `/statistics/${k}/when/in/1`,
            '"sex" is not a yes/no variable: use one of its terms, not true',
          ),
        ];
      },
    ],
    [
      '"none" on a list (allowed) and on a category (not a term)',
      (c) => {
        const k = statisticIndex(c, 'sex_female');
        c.statistics[k]!.when = {
          any: [
            { variable: 'symptoms', in: ['none'] },
            { variable: 'sex', in: ['none'] },
          ],
        };
        return () => [
          error(`/statistics/${k}/when/any/1/in/0`, '"none" is not a term of the vocabulary of "sex"'),
        ];
      },
    ],
    [
      'atLeast on a category',
      (c) => {
        const k = statisticIndex(c, 'sex_female');
        c.statistics[k]!.when = { not: { variable: 'sex', atLeast: 1 } };
        return () => [
          error(`/statistics/${k}/when/not`, '"sex" is not numeric, so atLeast/atMost/below do not apply'),
        ];
      },
    ],
    [
      'a statistic defined twice',
      (c) => {
        c.statistics.push({ ...c.statistics[0]! });
        return () => [
          error(`/statistics/${c.statistics.length - 1}/id`, 'statistic "sex_female" is defined twice'),
        ];
      },
    ],
    [
      'a continuous summary of a missing column',
      (c) => {
        c.continuous[1]!.variable = 'sizes';
        return () => [error('/continuous/1/variable', '"sizes" is not a column; did you mean "size"?')];
      },
    ],
    [
      'survival time that is not a duration, and a bad event term',
      (c) => {
        c.survival!.time = 'age';
        c.survival!.event = { variable: 'outcome', in: ['deadd'] };
        return () => [
          error('/survival/time', '"age" must be a duration column'),
          error(
            '/survival/event/in/0',
            '"deadd" is not a term of the vocabulary of "outcome"; did you mean "dead"?',
          ),
        ];
      },
    ],
    [
      'a test row and a check naming unknown variables',
      (c) => {
        c.tests[0]!.rows[1]!.when = { variable: 'venous', reported: true };
        c.checks[0]!.column = 'diagnosys';
        return () => [
          error('/tests/0/rows/1/when/variable', '"venous" is not a column or derived variable'),
          error('/checks/0/column', '"diagnosys" is not a column; did you mean "diagnosis"?'),
        ];
      },
    ],
  ])('reports %s', (_, edit) => {
    const { problems, expected } = check(edit);
    expect(problems).toEqual(expected);
  });
});

describe('checkCohortReferences: table1 and cox blocks', () => {
  it.each<[string, (c: CohortConfig) => void, ConfigProblem[]]>([
    [
      'a table1 grouping that is not a survival grouping',
      (c) => ((c.table1 as Table1Spec).by = 'surgeryy'),
      [
        error(
          '/table1/by',
          '"surgeryy" is not a survival grouping id, a column or a derived variable; did you mean "surgery"?',
        ),
      ],
    ],
    [
      'a table1 by a number (a column per value)',
      (c) => ((c.table1 as Table1Spec).by = { variable: 'age' }),
      [
        error(
          '/table1/by',
          '"age" is a number: Table 1 is by a category, a yes/no or derived variable, or a statistic (a yes/no from its condition, e.g. age at least 60)',
        ),
      ],
    ],
    [
      'nothing for a table1 by a category, a boolean, a derived category or a statistic',
      (c) => {
        const one = c.table1 as Table1Spec;
        c.table1 = [
          { ...one, id: 'by_sex', by: 'sex' },
          { ...one, id: 'by_chemo', by: { variable: 'chemotherapy' } },
          { ...one, id: 'by_figure', by: 'extension_category' },
          { ...one, id: 'by_pain', by: { statistic: 'symptom_pain' } },
        ];
      },
      [],
    ],
    [
      'two table1s with one id, and one by a yes/no that counts missing findings as absent',
      (c) => {
        const one = c.table1 as Table1Spec;
        c.table1 = [
          { ...one, id: 'a' },
          { ...one, id: 'a', by: { statistic: 'ext_kidney' } },
        ];
      },
      [
        error('/table1/1/id', 'Table 1 "a" is defined twice'),
        error(
          '/table1/1/by',
          'statistic "ext_kidney" reads "extension_category", whose rule counts a finding that is not reported as absent (missing: "absent"), so as a yes/no it would show "No" for patients whose finding the source does not report. Name the variable itself to show its categories ({"variable": "extension_category"}), or a statistic whose condition reads the reported findings',
        ),
      ],
    ],
    [
      'a table1 list variable (needs a statistic)',
      (c) => ((c.table1 as Table1Spec).variables[0] = { variable: 'symptoms', label: 'Symptoms' }),
      [
        error(
          '/table1/variables/0',
          '"symptoms" is a list variable; name a statistic instead (a yes/no row from its condition)',
        ),
      ],
    ],
    [
      'a table1 statistic that does not exist',
      (c) => ((c.table1 as Table1Spec).variables[0] = { statistic: 'pain', label: 'Pain' }),
      [error('/table1/variables/0', '"pain" is not a statistic id')],
    ],
    [
      'a cox factor on a category',
      (c) => (c.cox!.factors[0] = { id: 'sex', label: 'Sex', variable: 'sex' }),
      [error('/cox/factors/0/variable', '"sex" is a category; name a statistic (yes vs no) instead')],
    ],
    [
      'a multivariable model naming an unknown factor',
      (c) => (c.cox!.multivariable[0]!.factors[1] = 'surgeri'),
      [error('/cox/multivariable/0/factors/1', '"surgeri" is not a cox factor id; did you mean "surgery"?')],
    ],
    [
      'a table1 yes/no row from a category that counts missing findings as absent (it would print "No" for not reported)',
      (c) =>
        ((c.table1 as Table1Spec).variables[6] = {
          statistic: 'ext_distant_metastasis',
          label: 'Distant metastasis',
        }),
      [
        error(
          '/table1/variables/6',
          'statistic "ext_distant_metastasis" reads "extension_category", whose rule counts a finding that is not reported as absent (missing: "absent"), so as a yes/no it would show "No" for patients whose finding the source does not report. Name the variable itself to show its categories ({"variable": "extension_category"}), or a statistic whose condition reads the reported findings',
        ),
      ],
    ],
    [
      'a derived yes/no over such a category, as a cox factor and a 2×2 row',
      (c) => {
        c.derived.push({
          id: 'any_ivc',
          label: 'IVC (Figure 3B)',
          description: 'synthetic, for the test',
          type: 'boolean',
          when: { variable: 'extension_category', in: ['ivc_alone', 'ivc_with_veins'] },
        });
        c.cox!.factors[0] = { id: 'any_ivc', label: 'IVC', variable: 'any_ivc' };
        c.tests[0]!.rows[1] = { label: 'Other', when: { not: { variable: 'any_ivc', in: [true] } } };
      },
      [
        error(
          '/tests/0/rows/1/when',
          'this 2×2 condition reads "extension_category", whose rule counts a finding that is not reported as absent (missing: "absent"), so as a yes/no it would show "No" for patients whose finding the source does not report. Name the variable itself to show its categories ({"variable": "extension_category"}), or a statistic whose condition reads the reported findings',
        ),
        error(
          '/cox/factors/0',
          '"any_ivc" (yes/no) reads "extension_category", whose rule counts a finding that is not reported as absent (missing: "absent"), so as a yes/no it would show "No" for patients whose finding the source does not report. Name the variable itself to show its categories ({"variable": "extension_category"}), or a statistic whose condition reads the reported findings',
        ),
      ],
    ],
    [
      'nothing for the category itself in table1: its categories are shown as categories',
      (c) => ((c.table1 as Table1Spec).variables[6] = { variable: 'extension_category', label: 'Figure 3B' }),
      [],
    ],
    [
      'a cox block without survival',
      (c) => {
        delete c.survival;
        (c.table1 as Table1Spec).by = null;
      },
      [error('/cox', 'a cox block needs the survival block (time, event, censored)')],
    ],
  ])('reports %s', (_, edit, expected) => {
    const config = adrenal();
    edit(config);
    expect(checkCohortReferences(config, analysisChecks())).toEqual(expected);
  });
});
