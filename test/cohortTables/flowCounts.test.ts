import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  FLOW_STEPS,
  checkFlowArithmetic,
  checkFlowScope,
  flowCounts,
} from '../../pipeline/cohortTables/flowCounts.ts';
import { parseCsv } from '../../pipeline/parse/parseCsv.ts';

const flowFrom = (text: string) => {
  const { table } = parseCsv(text, 'flow.csv', 'x');
  return flowCounts(table);
};

/** Synthetic (see test/fixtures/flow/README.md): every step, both arms, all boxes adding up. */
const TWO_ARM = readFileSync('test/fixtures/flow/two-arm.csv', 'utf8');
const PATIENTS = 25;

/** The fixture with one row's count changed; the row must exist, or the test would prove nothing. */
function withCount(step: string, label: string, count: number, text = TWO_ARM): string {
  const row = new RegExp(`^${step},${label},\\d+,`, 'm');
  expect(text).toMatch(row);
  return text.replace(row, `${step},${label},${count},`);
}

/** Findings as [line, column, severity, message]: the location is part of what is tested. */
const located = (text: string, includedRows = PATIENTS) => {
  const { flow, findings } = flowFrom(text);
  expect(findings).toEqual([]);
  return checkFlowArithmetic(flow!, includedRows, 'cases.csv').map((f) => [
    f.line,
    f.column,
    f.severity,
    f.message,
  ]);
};

describe('PRISMA 2020 arithmetic over both arms', () => {
  it('accepts the two-arm flow whose every box follows from the boxes above', () => {
    const { flow, findings } = flowFrom(TWO_ARM);
    expect(findings).toEqual([]);
    expect(flow!.boxes).toHaveLength(23);
    expect(flow!.scope).toEqual({ kind: 'review', line: 2 });
    expect(checkFlowArithmetic(flow!, PATIENTS, 'cases.csv')).toEqual([]);
  });

  it('records screened = identified minus everything removed before screening', () => {
    expect(located(withCount('screened', 'titles and abstracts', 151))).toEqual([
      [
        9,
        3,
        'warning',
        'screened: 151 does not follow from the boxes above (identified 210 - duplicates_removed 50 - removed_automation 5 - removed_other 5 = 150)',
      ],
      // The next box is checked against the count as stated, so it no longer adds up either.
      [
        12,
        3,
        'warning',
        'sought_retrieval: 30 does not follow from the boxes above (screened 151 - excluded_screening 120 = 31)',
      ],
    ]);
  });

  it('reports sought = screened minus excluded; assessed = sought minus not retrieved', () => {
    expect(located(withCount('sought_retrieval', 'full texts sought', 29))).toEqual([
      [
        12,
        3,
        'warning',
        'sought_retrieval: 29 does not follow from the boxes above (screened 150 - excluded_screening 120 = 30)',
      ],
      [
        14,
        3,
        'warning',
        'assessed: 28 does not follow from the boxes above (sought_retrieval 29 - not_retrieved 2 = 27)',
      ],
    ]);
  });

  it('reports of included studies = what is left of both arms', () => {
    expect(located(withCount('assessed', 'full texts read', 27))).toEqual([
      [
        14,
        3,
        'warning',
        'assessed: 27 does not follow from the boxes above (sought_retrieval 30 - not_retrieved 2 = 28)',
      ],
      [
        24,
        3,
        'warning',
        'included_reports: 22 does not follow from the boxes above (databases and registers: assessed 27 - excluded_fulltext 12 = 15; other methods: other_assessed 8 - other_excluded 2 = 6; 15 + 6 = 21)',
      ],
    ]);
    expect(located(withCount('included_reports', 'reports', 23))).toEqual([
      [
        24,
        3,
        'warning',
        'included_reports: 23 does not follow from the boxes above (databases and registers: assessed 28 - excluded_fulltext 12 = 16; other methods: other_assessed 8 - other_excluded 2 = 6; 16 + 6 = 22)',
      ],
    ]);
  });

  it('every reason row counts: a reason left out shows in the reports included', () => {
    const text = TWO_ARM.replace('excluded_fulltext,no follow-up reported,4,\n', '');
    expect(located(text)).toEqual([
      [
        23,
        3,
        'warning',
        'included_reports: 22 does not follow from the boxes above (databases and registers: assessed 28 - excluded_fulltext 8 = 20; other methods: other_assessed 8 - other_excluded 2 = 6; 20 + 6 = 26)',
      ],
    ]);
  });

  it('other methods: sought = identified (no screening box), assessed = sought minus not retrieved', () => {
    expect(located(withCount('other_sought_retrieval', 'reports sought', 10))).toEqual([
      [
        19,
        3,
        'warning',
        'other_sought_retrieval: 10 does not follow from the boxes above (other_identified 9 = 9)',
      ],
      [
        21,
        3,
        'warning',
        'other_assessed: 8 does not follow from the boxes above (other_sought_retrieval 10 - other_not_retrieved 1 = 9)',
      ],
    ]);
    expect(located(withCount('other_assessed', 'full texts read', 7))).toEqual([
      [
        21,
        3,
        'warning',
        'other_assessed: 7 does not follow from the boxes above (other_sought_retrieval 9 - other_not_retrieved 1 = 8)',
      ],
      [
        24,
        3,
        'warning',
        'included_reports: 22 does not follow from the boxes above (databases and registers: assessed 28 - excluded_fulltext 12 = 16; other methods: other_assessed 7 - other_excluded 2 = 5; 16 + 5 = 21)',
      ],
    ]);
  });

  it('without an other-methods arm the included reports are the databases arm alone', () => {
    const oneArm = withCount(
      'included_studies',
      'case reports and case series',
      15,
      TWO_ARM.split('\n')
        .filter((l) => !l.startsWith('other_'))
        .join('\n'),
    );
    expect(located(withCount('included_reports', 'reports', 16, oneArm))).toEqual([]);
    expect(located(oneArm)).toEqual([
      [
        18,
        3,
        'warning',
        'included_reports: 22 does not follow from the boxes above (assessed 28 - excluded_fulltext 12 = 16)',
      ],
    ]);
  });

  it('a box left out is not invented: the check runs on from the box above it', () => {
    const text = TWO_ARM.replace('sought_retrieval,full texts sought,30,\n', '');
    expect(located(text)).toEqual([]);
    expect(located(withCount('assessed', 'full texts read', 29, text))).toEqual([
      [
        13,
        3,
        'warning',
        'assessed: 29 does not follow from the boxes above (screened 150 - excluded_screening 120 - not_retrieved 2 = 28)',
      ],
      [
        23,
        3,
        'warning',
        'included_reports: 22 does not follow from the boxes above (databases and registers: assessed 29 - excluded_fulltext 12 = 17; other methods: other_assessed 8 - other_excluded 2 = 6; 17 + 6 = 23)',
      ],
    ]);
  });

  it('a step taking records away that is left out is not read as 0: the box below may only be fewer', () => {
    const text = TWO_ARM.replace('not_retrieved,not available,2,\n', '');
    // 30 sought, an unknown number not retrieved: 28 assessed is possible, and so is 27.
    expect(located(text)).toEqual([]);
    expect(located(withCount('assessed', 'full texts read', 31, text))).toEqual([
      [
        13,
        3,
        'warning',
        'assessed: 31 does not follow from the boxes above (sought_retrieval 30 = 30 at most, with not_retrieved not given)',
      ],
      [
        23,
        3,
        'warning',
        'included_reports: 22 does not follow from the boxes above (databases and registers: assessed 31 - excluded_fulltext 12 = 19; other methods: other_assessed 8 - other_excluded 2 = 6; 19 + 6 = 25)',
      ],
    ]);
    const noOtherExcluded = TWO_ARM.replace('other_excluded,same patient as an included report,2,\n', '');
    expect(located(withCount('included_reports', 'reports', 21, noOtherExcluded))).toEqual([]);
    expect(located(withCount('included_reports', 'reports', 25, noOtherExcluded))).toEqual([
      [
        23,
        3,
        'warning',
        'included_reports: 25 does not follow from the boxes above (databases and registers: assessed 28 - excluded_fulltext 12 = 16; other methods: other_assessed 8 = 8 at most, with other_excluded not given; 16 + 8 = 24 at most)',
      ],
    ]);
  });

  it('included studies cannot outnumber the reports of included studies', () => {
    expect(located(withCount('included_studies', 'case reports and case series', 23))).toEqual([
      [
        23,
        3,
        'warning',
        'included_studies: 23 studies but only 22 reports of included studies (included_reports 22); every included study has at least one report',
      ],
    ]);
    // With no reports box, the bound is the reports the arms leave.
    const noReports = TWO_ARM.replace('included_reports,reports,22,\n', '');
    expect(located(withCount('included_studies', 'case reports and case series', 23, noReports))).toEqual([
      [
        23,
        3,
        'warning',
        'included_studies: 23 studies but only 22 reports of included studies (databases and registers: assessed 28 - excluded_fulltext 12 = 16; other methods: other_assessed 8 - other_excluded 2 = 6; 16 + 6 = 22); every included study has at least one report',
      ],
    ]);
  });

  it('included patients are compared with the included rows of cases.csv', () => {
    const { flow } = flowFrom(TWO_ARM);
    expect(checkFlowArithmetic(flow!, 24, 'cases.csv').map((f) => f.code)).toEqual([
      'flow.included-mismatch',
    ]);
    expect(located(TWO_ARM, 24)).toEqual([
      [25, 3, 'warning', 'included_patients: 25 in the flow diagram, but cases.csv has 24 included rows'],
    ]);
  });

  it('points at the count column wherever the file puts it', () => {
    const reordered = TWO_ARM.split('\n')
      .map((l) => {
        const [step, label, count, ...note] = l.split(',');
        return l === '' ? l : [count, step, label, ...note].join(',');
      })
      .join('\n');
    expect(located(reordered, 24).map(([line, column]) => [line, column])).toEqual([[25, 1]]);
  });
});

describe('scope: whose search the flow counts', () => {
  const asSource = TWO_ARM.replace('scope,review,,', 'scope,smith2020,,');

  it("a source paper's search is not compared with this cohort's rows, only noted", () => {
    for (const rows of [24, 25]) {
      expect(located(asSource, rows)).toEqual([
        [
          25,
          3,
          'info',
          `included_patients: 25 in the search of smith2020; not compared with the ${rows} included rows of cases.csv, as that search is not this cohort's own`,
        ],
      ]);
    }
    expect(checkFlowArithmetic(flowFrom(asSource).flow!, 25, 'cases.csv').map((f) => f.code)).toEqual([
      'flow.included-not-compared',
    ]);
    expect(flowFrom(asSource).flow!.scope).toEqual({
      kind: 'source',
      sourceId: 'smith2020',
      line: 2,
      column: 2,
    });
  });

  it('a flow that does not say is compared, as before scopes existed', () => {
    const unstated = TWO_ARM.replace(/^scope,.*\n/m, '');
    expect(flowFrom(unstated).flow!.scope).toEqual({ kind: 'unstated' });
    expect(located(unstated, 24)).toEqual([
      [24, 3, 'warning', 'included_patients: 25 in the flow diagram, but cases.csv has 24 included rows'],
    ]);
  });

  it('the source must be in sources.csv', () => {
    const { flow } = flowFrom(asSource);
    expect(checkFlowScope(flow!, new Set(['smith2020']), 'sources.csv')).toEqual([]);
    expect(checkFlowScope(flow!, new Set(['smith2021', 'jones1999']), 'sources.csv')).toEqual([
      {
        file: 'flow.csv',
        line: 2,
        column: 2,
        severity: 'error',
        code: 'flow.unknown-source',
        message:
          'scope "smith2020" is neither "review" nor a source_id in sources.csv; did you mean "smith2021"?',
      },
    ]);
    expect(checkFlowScope(flowFrom(TWO_ARM).flow!, new Set(), 'sources.csv')).toEqual([]);
  });

  it('a scope takes a label and no count, once', () => {
    const found = (text: string) =>
      flowFrom(`step,label,count\n${text}`).findings.map((f) => [f.line, f.column, f.code, f.message]);
    expect(found('scope,review,3\n')).toEqual([[2, 3, 'flow.bad-scope', 'scope takes no count, found "3"']]);
    expect(found('scope,,\n')).toEqual([
      [
        2,
        2,
        'flow.bad-scope',
        'scope needs a label: "review" or the source_id of the paper whose search this is',
      ],
    ]);
    expect(found('scope,review,\nscope,smith2020,\n')).toEqual([
      [
        3,
        1,
        'flow.repeated-step',
        'step "scope" is given twice (first on line 2); it is one box with one count',
      ],
    ]);
  });
});

describe('older step names', () => {
  // The vocabulary before the full PRISMA 2020 flow (the shipped flows and fixtures used it).
  const OLDER = `step,label,count,note
identified,PubMed,120,
identified,Embase,80,
duplicates_removed,duplicates,50,
screened,records screened,150,
excluded_screening,not about the disease,100,
excluded_screening,no patient data,20,
assessed,full texts,30,
excluded_fulltext,not leiomyosarcoma,12,
included,case reports,18,
`;

  it('still read: "included" is the reports of included studies, with a note saying so', () => {
    const { flow, findings } = flowFrom(OLDER);
    expect(findings.map((f) => [f.line, f.column, f.severity, f.code])).toEqual([
      [10, 1, 'info', 'flow.older-step'],
    ]);
    expect(findings[0]!.message).toBe(
      'step "included" is read as included_reports (reports of included studies), not as a count of patients, so it is not compared with cases.csv; write included_patients for the patients the flow includes',
    );
    expect(flow!.boxes.at(-1)).toMatchObject({ step: 'included_reports', written: 'included', count: 18 });
    // Not a count of patients: 17 rows in cases.csv is no contradiction.
    expect(checkFlowArithmetic(flow!, 17, 'cases.csv')).toEqual([]);
  });

  it('still checked, in the names the file uses', () => {
    const { flow } = flowFrom(OLDER.replace('assessed,full texts,30', 'assessed,full texts,31'));
    expect(checkFlowArithmetic(flow!, 18, 'cases.csv').map((f) => [f.line, f.column, f.message])).toEqual([
      [
        8,
        3,
        'assessed: 31 does not follow from the boxes above (screened 150 - excluded_screening 120 = 30 at most, with not_retrieved not given)',
      ],
      [10, 3, 'included: 18 does not follow from the boxes above (assessed 31 - excluded_fulltext 12 = 19)'],
    ]);
  });

  it('"included" and "included_reports" are one box: both given is a repeat', () => {
    const { findings } = flowFrom('step,label,count\nincluded_reports,x,3\nincluded,y,3\n');
    expect(findings.map((f) => [f.line, f.column, f.code, f.message])).toEqual([
      [
        3,
        1,
        'flow.repeated-step',
        'step "included" is given twice (first on line 2); it is one box with one count',
      ],
    ]);
  });
});

describe('reading flow.csv', () => {
  it('rejects unknown steps (with a hint and every step) and counts that are not whole numbers', () => {
    const { findings } = flowFrom('step,label,count\nscreend,x,3\nincluded_patients,y,2.5\nassessed,z,\n');
    expect(findings.map((f) => [f.line, f.column, f.severity, f.code])).toEqual([
      [2, 1, 'error', 'flow.unknown-step'],
      [3, 3, 'error', 'flow.bad-count'],
      [4, 3, 'error', 'flow.bad-count'],
    ]);
    const message = findings[0]!.message;
    expect(message).toMatch(/^step "screend" is not a flow step; did you mean "screened"\? steps: scope \(/);
    for (const step of FLOW_STEPS) expect(message).toContain(`${step} (`);
    expect(findings[1]!.message).toBe('count "2.5" is not a whole number of records');
  });

  it("a step named after an object's built-in property is just unknown", () => {
    const { flow, findings } = flowFrom('step,label,count\nconstructor,x,3\ntoString,y,2\n__proto__,z,1\n');
    expect(findings.map((f) => [f.line, f.code])).toEqual([
      [2, 'flow.unknown-step'],
      [3, 'flow.unknown-step'],
      [4, 'flow.unknown-step'],
    ]);
    expect(flow!.boxes).toEqual([]);
  });

  it('a box is one count; only identification, removal and exclusion steps take one row per reason', () => {
    const { flow, findings } = flowFrom(
      'step,label,count\nscreened,a,3\nscreened,b,4\nexcluded_screening,r1,1\nexcluded_screening,r2,1\n',
    );
    expect(findings.map((f) => [f.line, f.column, f.code])).toEqual([[3, 1, 'flow.repeated-step']]);
    expect(flow!.boxes.map((b) => [b.step, b.count])).toEqual([
      ['screened', 3],
      ['excluded_screening', 1],
      ['excluded_screening', 1],
    ]);
  });

  it('the README documents every step', () => {
    const row = readFileSync('README.md', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('| `flow.csv`'))!;
    for (const step of ['scope', ...FLOW_STEPS, 'included']) expect(row).toContain(`\`${step}\``);
  });
});
