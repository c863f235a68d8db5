// "NR", "n/a", "-", "?" are how papers and spreadsheets say a paper is silent: read as an empty cell
// (not reported), never as "no", and counted in one note per column. Rows here are synthetic.
import { describe, expect, it } from 'vitest';
import { cellParser } from '../../pipeline/values/cellParsers.ts';
import {
  DEFAULT_NOT_REPORTED,
  describeNotationCounts,
  isNotReportedNotation,
  notReportedNotations,
} from '../../pipeline/values/notReported.ts';
import { normalize } from '../../pipeline/stages/normalize.ts';
import type { CohortConfig, ColumnSpec } from '../../pipeline/types.ts';
import { columnValues } from '../helpers/caseTableFromValues.ts';
import { adrenalContext, extracted } from '../helpers/stageInput.ts';
import { casesTable } from '../../pipeline/cohortTables/casesTable.ts';

const column = (config: CohortConfig, name: string) => config.columns.find((c) => c.name === name)!;

describe('notReportedNotations', () => {
  const { config } = adrenalContext();

  it.each([
    'NR',
    'nr',
    'N.R.',
    'n.a.',
    'ＮＲ',
    ' N/R ',
    'n/a',
    'N/A',
    'NA',
    'Unknown',
    'not  reported',
    'Not stated',
    '-',
    '–',
    '—',
    '?',
  ])('reads %j as a notation by default', (text) => {
    expect(isNotReportedNotation(text, notReportedNotations(column(config, 'age'), config, undefined)!)).toBe(
      true,
    );
  });

  it.each(['no', 'none', '0', 'unknown primary', 'NRX', 'n'])('does not read %j as a notation', (text) => {
    expect(isNotReportedNotation(text, notReportedNotations(column(config, 'age'), config, undefined)!)).toBe(
      false,
    );
  });

  it('has none for ids and sources, which name a patient or a paper', () => {
    expect(notReportedNotations(column(config, 'case_id'), config, undefined)).toBeNull();
    expect(notReportedNotations(column(config, 'source_id'), config, undefined)).toBeNull();
  });

  it('leaves a spelling the vocabulary defines to the vocabulary', () => {
    const vocabulary = { terms: [{ id: 'unknown', label: 'Unknown primary' }] };
    const notations = notReportedNotations(column(config, 'sex'), config, vocabulary)!;
    expect(isNotReportedNotation('unknown', notations)).toBe(false);
    expect(isNotReportedNotation('NR', notations)).toBe(true);
  });

  it("takes the cohort's list, a column's own added to it; [] turns the cohort's off", () => {
    const age = column(config, 'age');
    const cohortWide = notReportedNotations(age, { notReported: ['ND'] }, undefined)!;
    expect(isNotReportedNotation('nd', cohortWide)).toBe(true);
    expect(isNotReportedNotation('NR', cohortWide)).toBe(false);
    const own: ColumnSpec = { ...age, notReported: ['not given'] };
    const perColumn = notReportedNotations(own, { notReported: ['ND'] }, undefined)!;
    expect(isNotReportedNotation('Not given', perColumn)).toBe(true);
    expect(isNotReportedNotation('ND', perColumn)).toBe(true);
    expect(isNotReportedNotation('NR', perColumn)).toBe(false);
    expect(notReportedNotations(age, { notReported: [] }, undefined)).toBeNull();
  });

  it('has the default list of the issue', () => {
    expect(DEFAULT_NOT_REPORTED).toEqual([
      'NR',
      'N/R',
      'n/a',
      'NA',
      'unknown',
      'not reported',
      'not stated',
      '-',
      '?',
    ]);
  });

  it('describes the counts, most first', () => {
    expect(describeNotationCounts(new Map([['NR', 12]]))).toBe('12 cells written "NR" read as not reported');
    expect(
      describeNotationCounts(
        new Map([
          ['n/a', 1],
          ['NR', 3],
          ['-', 2],
        ]),
      ),
    ).toBe('3 cells written "NR", 2 written "-" and 1 written "n/a" read as not reported');
  });
});

describe('cellParser with notations', () => {
  const { config } = adrenalContext();

  it.each([
    ['age', 'NR'],
    ['sex', 'n/a'],
    ['size', '-'],
    ['symptoms', 'not reported'],
    ['surgery', '?'],
    ['followup', 'unknown'],
    ['notes', 'not stated'],
  ])('reads %s %j as not reported, without a problem', (name, text) => {
    expect(cellParser(column(config, name), config)(text)).toEqual({
      value: null,
      problems: [],
      notReported: text,
    });
  });

  it('tells an unknown term it may leave the cell empty or write NR', () => {
    const reading = cellParser(column(config, 'sex'), config)('femael');
    expect(reading.problems[0]!.message).toBe(
      'sex "femael" is not a known sex term; did you mean "female"?; leave the cell empty (or write NR) if the paper does not say',
    );
    const yesNo = cellParser(column(config, 'surgery'), config)('maybe');
    expect(yesNo.problems[0]!.message).toBe(
      'surgery "maybe" is not yes or no; leave the cell empty (or write NR) if the paper does not say',
    );
  });

  it('reads a cell as written when the cohort turns notations off', () => {
    const off = { ...config, notReported: [] };
    expect(cellParser(column(off, 'age'), off)('NR').problems[0]!.code).toBe('value.not-a-number');
  });
});

describe('normalize with notations', () => {
  // Synthetic rows, the adrenal header: case_id,source_id,age,sex,side,size,symptoms,…,surgery,…
  const rows = [
    'A,syn,NR,F,n/a,,,,,,,yes,,,,,,,',
    'B,syn,nr,?,L,,,,,,,N/R,,,,,,,',
    'C,syn,60,M,-,,,,,,,no,,,,,,,',
  ];
  const out = normalize(extracted(rows), adrenalContext());
  const v = (variable: string) => columnValues(out.tables.of(casesTable)!, variable);

  it('reads them as empty cells, never as no', () => {
    expect(v('age')).toEqual([null, null, 60]);
    expect(v('sex')).toEqual(['female', null, 'male']);
    expect(v('side')).toEqual([null, 'left', null]);
    expect(v('surgery')).toEqual([true, null, false]);
  });

  it('counts them in one info finding per column, at its header cell', () => {
    expect(out.findings.map((f) => [f.line, f.column, f.severity, f.code, f.message])).toEqual([
      [
        1,
        3,
        'info',
        'value.not-reported-notation',
        'age: 1 cell written "NR" and 1 written "nr" read as not reported',
      ],
      [1, 4, 'info', 'value.not-reported-notation', 'sex: 1 cell written "?" read as not reported'],
      [
        1,
        5,
        'info',
        'value.not-reported-notation',
        'side: 1 cell written "n/a" and 1 written "-" read as not reported',
      ],
      [1, 12, 'info', 'value.not-reported-notation', 'surgery: 1 cell written "N/R" read as not reported'],
    ]);
  });
});
