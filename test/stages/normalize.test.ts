import { describe, expect, it } from 'vitest';
import { normalize } from '../../pipeline/stages/normalize.ts';
import { parseCsv } from '../../pipeline/parse/parseCsv.ts';
import { ADRENAL_HEADER, adrenalContext, extracted } from '../helpers/stageInput.ts';
import { columnValues } from '../helpers/caseTableFromValues.ts';
import { casesTable } from '../../pipeline/cohortTables/casesTable.ts';
import { sourcesTable } from '../../pipeline/cohortTables/sourcesTable.ts';

// Synthetic rows. Columns: case_id,source_id,age,sex,side,size,symptoms,venous_extension,
// local_invasion,metastasis,diagnosis,surgery,chemotherapy,radiotherapy,outcome,followup,notes,include,reason
const ROWS = [
  'A,syn,54 years,woman,rt,102 x 70 mm,flank pain; back pain,IVC; right atrium,kidney,lung,surgery,y,n,,died,2 years,,,',
  'B,syn,,M,L,,,ivc,,femur,,,,,,,,,',
  'C,syn,40,F,both,8,incidental,none,none,none,needle biopsy adrenal,no,,,alive,11 days,,no,duplicate of A',
  'D,syn,,,,,,,,lymph node,,,,,,,,,',
];

describe('normalize', () => {
  const out = normalize(extracted(ROWS), adrenalContext());
  const v = (variable: string) => columnValues(out.tables.of(casesTable)!, variable);

  it('turns notations into canonical values, keeping empty as not reported', () => {
    expect(out.findings).toEqual([]);
    expect(v('age')).toEqual([54, null, 40, null]);
    expect(v('sex')).toEqual(['female', 'male', 'female', null]);
    expect(v('side')).toEqual(['right', 'left', 'bilateral', null]);
    expect(v('size')).toEqual([10.2, null, 8, null]);
    expect(v('symptoms')).toEqual([['flank_pain', 'back_pain'], null, ['incidental'], null]);
    expect(v('venous_extension')).toEqual([['ivc', 'right_atrium'], ['ivc'], [], null]);
    expect(v('surgery')).toEqual([true, null, false, null]);
    expect(v('outcome')).toEqual(['dead', null, 'alive', null]);
    expect(v('followup')[0]).toBe(24);
    expect(v('followup')[2]).toBeCloseTo(11 / 30.4375, 12);
  });

  it('assigns the Figure 3B category by the precedence written in cohort.json', () => {
    // A: IVC + kidney beats IVC + metastasis and IVC + veins; B: IVC + distant metastasis (femur = bone);
    // C: all three reported as none; D: lymph node only is not distant, the rest not reported.
    expect(v('extension_category')).toEqual(['ivc_with_kidney', 'ivc_with_metastasis', 'none', 'none']);
  });

  it('keeps excluded rows, with their reason', () => {
    expect(out.tables.of(casesTable)!.included).toEqual([true, true, false, true]);
    expect(out.tables.of(casesTable)!.exclusionReasons[2]).toBe('duplicate of A');
  });
});

describe('normalize: header cells', () => {
  const context = adrenalContext();
  const withHeader = (header: string) => {
    const input = extracted(['A,syn,54,F,R,,,,,,,,,,,,,,']);
    input.raw.cases!.header = header.split(',');
    return normalize(input, context);
  };

  it('matches columns whatever their case, surrounding spaces or separator', () => {
    const out = withHeader(
      'Case ID,SOURCE_ID, Age ,Sex,side,size,symptoms,Venous-Extension,local invasion,metastasis,diagnosis,surgery,chemotherapy,radiotherapy,outcome,followup,notes,include,exclusion_reason',
    );
    expect(out.findings).toEqual([]);
    expect(columnValues(out.tables.of(casesTable)!, 'age')).toEqual([54]);
    expect(out.tables.of(casesTable)!.caseIds).toEqual(['A']);
  });

  it('reports a column typed twice in different case as a duplicate', () => {
    const out = withHeader(
      'case_id,source_id,age,sex,side,size,symptoms,venous_extension,local_invasion,metastasis,diagnosis,surgery,chemotherapy,radiotherapy,outcome,followup,notes,include,AGE',
    );
    expect(out.findings.map((f) => [f.column, f.code, f.message])).toEqual([
      [19, 'header.duplicate', 'column "AGE" appears twice (fields 3 and 19)'],
    ]);
  });

  it('keys sources by canonical column names, so a typed "Source ID" header still works', () => {
    const input = extracted(['A,syn,54,F,R,,,,,,,,,,,,,,']);
    input.raw.sources!.header = ['Source ID', 'Title'];
    const out = normalize(input, context);
    expect(out.tables.of(sourcesTable).map((s) => [s.id, s.fields])).toEqual([
      ['syn', { source_id: 'syn', title: 'Synthetic' }],
    ]);
  });
});

describe('normalize with releaseRows', () => {
  it('gives the same table and findings, and lets go of every row of cases.csv once read', () => {
    const kept = normalize(extracted(ROWS), adrenalContext());
    const input = extracted([...ROWS, 'E,syn,,,,,,ivc; kidnee,,,,,,,,,,,']);
    const released = normalize(input, adrenalContext(), { releaseRows: true });
    expect(columnValues(released.tables.of(casesTable)!, 'age').slice(0, 4)).toEqual(
      columnValues(kept.tables.of(casesTable)!, 'age'),
    );
    expect(released.tables.of(casesTable)!.caseIds.slice(0, 4)).toEqual(kept.tables.of(casesTable)!.caseIds);
    expect(released.findings.map((f) => [f.line, f.column, f.code])).toEqual([[6, 8, 'value.unknown-term']]);
    expect(input.raw.cases!.rows.every((row) => row.length === 0)).toBe(true);
  });

  it('reads a cases table kept as lines (lazyRows) as the same table, and lets go of every line', () => {
    const split = normalize(extracted(ROWS), adrenalContext());
    const input = extracted([]);
    input.raw.cases = parseCsv([ADRENAL_HEADER, ...ROWS].join('\n'), 'cases.csv', 'x', {
      lazyRows: true,
    }).table;
    expect(input.raw.cases!.unsplit).toBeDefined();
    const lines = normalize(input, adrenalContext(), { releaseRows: true });
    for (const variable of Object.keys(split.tables.of(casesTable)!.columns))
      expect(columnValues(lines.tables.of(casesTable)!, variable)).toEqual(
        columnValues(split.tables.of(casesTable)!, variable),
      );
    expect(lines.findings).toEqual(split.findings);
    expect(input.raw.cases!.unsplit!.texts.every((text) => text === '')).toBe(true);
  });

  it('holds each term of a list column once, as codes shared by the cells that read the same', () => {
    const out = normalize(extracted(ROWS.concat(ROWS[0]!.replace(/^A,/, 'A2,'))), adrenalContext());
    const symptoms = out.tables.of(casesTable)!.columns.symptoms!;
    if (symptoms.kind !== 'list') throw new Error(`symptoms held as ${symptoms.kind}`);
    expect(symptoms.levels).toEqual(['flank_pain', 'back_pain', 'incidental']);
    const itemsOf = (row: number) => [
      ...symptoms.items.subarray(symptoms.starts[row], symptoms.starts[row + 1]),
    ];
    expect(itemsOf(4)).toEqual(itemsOf(0));
    expect(itemsOf(0)).toEqual([0, 1]);
    expect(columnValues(out.tables.of(casesTable)!, 'symptoms')[4]).toEqual(['flank_pain', 'back_pain']);
  });
});

describe('normalize: rows kept as lines', () => {
  // Synthetic rows with every kind of cell, repeated texts, white space, non-ASCII and problems.
  const rows = [
    'A,syn,54 years,woman,rt,102 x 70 mm,flank pain; back pain,IVC; right atrium,kidney,lung,surgery,y,n,,died,2 years,Ünïcode,,',
    'B,syn,54,F,L,7.2 x 6.5 x 9.2 cm,flank pain; back pain,ivc,,femur,,yes,,,alive,8,,,',
    'C,syn,130,martian,both,0,flank pain; flying,none,none,none,needle biopsy adrenal,maybe,,,alive,11 days,  ,no,duplicate of A',
    ' D ,syn, 40 ,\u00a0,,61,incidental; none,,,lymph node,,,,,,8 mo,note,,',
    'E,syn,54,woman,rt,6.2 cm,flank pain; back pain,IVC; right atrium,kidney,lung,surgery,y,n,,died,2 years,Ünïcode,,',
  ];
  const context = adrenalContext();
  const csv = [ADRENAL_HEADER, ...rows].join('\n');

  it('reads the same values and findings as from rows split when parsed', () => {
    const lazy = extracted(rows);
    lazy.raw.cases = parseCsv(csv, 'cases.csv', 'x', { lazyRows: true }).table;
    expect(lazy.raw.cases!.unsplit).toBeDefined();
    const split = extracted(rows);
    expect(split.raw.cases!.unsplit).toBeUndefined();
    const fromLines = normalize(lazy, context);
    const fromCells = normalize(split, context);
    expect(fromLines.findings.length).toBeGreaterThan(3);
    expect(fromLines.findings).toEqual(fromCells.findings);
    expect(fromLines.tables.of(casesTable)).toEqual(fromCells.tables.of(casesTable));
    expect(columnValues(fromLines.tables.of(casesTable)!, 'size')).toEqual([10.2, 9.2, null, null, 6.2]);
    expect(columnValues(fromLines.tables.of(casesTable)!, 'age')).toEqual([54, 54, null, 40, 54]);
  });
});
