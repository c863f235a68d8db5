// A planted duplicate: the same (synthetic) patient in a case report and in a later series by the
// same group is flagged, naming both rows; near misses are not; duplicate_of records the decision.
import { describe, expect, it } from 'vitest';
import { authorSurnames, likelyDuplicates } from '../../pipeline/checks/likelyDuplicates.ts';
import { parseCsv } from '../../pipeline/parse/parseCsv.ts';
import { normalize } from '../../pipeline/stages/normalize.ts';
import { validate } from '../../pipeline/stages/validate.ts';
import { ADRENAL_HEADER, adrenalContext, extracted } from '../helpers/stageInput.ts';
import { casesTable } from '../../pipeline/cohortTables/casesTable.ts';
import { sourcesTable } from '../../pipeline/cohortTables/sourcesTable.ts';

const SOURCES = [
  'source_id,authors,year,title',
  'report2019,"Tanaka K, Sato M",2019,Synthetic case report',
  'series2021,"Ito H, Tanaka K, Abe T et al.",2021,Synthetic series from the same group',
  'other2020,"Smith J, Jones P",2020,Synthetic report from elsewhere',
  'late2030,"Tanaka K",2030,Synthetic report ten years on',
].join('\n');

/** Synthetic rows with a duplicate_of column at the end. */
function check(rows: string[]) {
  const context = adrenalContext();
  const input = extracted([]);
  input.raw.cases = parseCsv([`${ADRENAL_HEADER},duplicate_of`, ...rows].join('\n'), 'cases.csv', 'x').table;
  input.raw.sources = parseCsv(SOURCES, 'sources.csv', 'y').table;
  const normalized = normalize(input, context);
  return { normalized, findings: validate(normalized, context).findings };
}

const A = 'A,report2019,54,F,R,11 cm,,,,,,,,,,,,,,';

describe('likely duplicate patients', () => {
  it('flags a planted duplicate from a later report by the same group, naming both rows', () => {
    const { findings } = check([A, 'B,series2021,55,female,right,11.5 cm,,,,,,,,,,,,,,']);
    expect(findings.map((f) => [f.line, f.column, f.severity, f.code])).toEqual([
      [3, 1, 'warning', 'case.likely-duplicate'],
    ]);
    expect(findings[0]!.message).toBe(
      'B may be the same patient as A (line 2), published twice: age 54/55, sex female, side right, size 11/11.5, published 2019/2021, sources share "tanaka". If so, set duplicate_of = A; if not, accept this warning with the reason in accepted.csv',
    );
  });

  it.each([
    ['another group', 'B,other2020,55,F,R,11 cm,,,,,,,,,,,,,,'],
    ['eleven years later', 'B,late2030,55,F,R,11 cm,,,,,,,,,,,,,,'],
    ['a size 20 % larger', 'B,series2021,55,F,R,13.2 cm,,,,,,,,,,,,,,'],
    ['two years older', 'B,series2021,56,F,R,11 cm,,,,,,,,,,,,,,'],
    ['the other side', 'B,series2021,55,F,L,11 cm,,,,,,,,,,,,,,'],
    ['the same source', 'B,report2019,54,F,R,11 cm,,,,,,,,,,,,,,'],
    ['too little reported to tell', 'B,series2021,55,F,,,,,,,,,,,,,,,,'],
    ['an excluded row', 'B,series2021,55,F,R,11 cm,,,,,,,,,,,,no,synthetic: excluded,'],
  ])('does not flag %s', (_, row) => {
    expect(check([A, row]).findings).toEqual([]);
  });

  it('takes duplicate_of as the decision: the row leaves the analysis, marked, and is not flagged', () => {
    const { normalized, findings } = check([A, 'B,series2021,55,F,R,11.5 cm,,,,,,,,,,,,,,A']);
    expect(findings).toEqual([]);
    expect(normalized.tables.of(casesTable)!.included).toEqual([true, false]);
    expect(normalized.tables.of(casesTable)!.exclusionReasons).toEqual([null, 'duplicate of A']);
  });

  it('refuses a duplicate_of that names no row, the row itself, or a row that is itself a duplicate', () => {
    const { findings } = check([
      A,
      'B,series2021,,,,,,,,,,,,,,,,,,Z',
      'C,series2021,,,,,,,,,,,,,,,,,,c',
      'D,other2020,,,,,,,,,,,,,,,,,,C',
    ]);
    expect(findings.map((f) => [f.line, f.column, f.code])).toEqual([
      [3, 20, 'case.duplicate-of-unknown'],
      [4, 20, 'case.duplicate-of-itself'],
      [5, 20, 'case.duplicate-of-duplicate'],
    ]);
  });
});

describe('bounded: past the pairs described, pairs are only counted', () => {
  it('describes the first pairs and counts the others (every pair still compared)', () => {
    const rows = [A, 'B,series2021,55,F,R,11.5 cm,,,,,,,,,,,,,,', 'C,series2021,54,F,R,11 cm,,,,,,,,,,,,,,'];
    const { normalized } = check(rows);
    const spec = adrenalContext().config.duplicates!;
    const all = likelyDuplicates(normalized.tables.of(casesTable)!, normalized.tables.of(sourcesTable), spec);
    expect(all.pairs.map((p) => [p.first, p.second])).toEqual([
      [0, 1],
      [0, 2],
    ]);
    expect(all.more).toBe(0);
    const one = likelyDuplicates(
      normalized.tables.of(casesTable)!,
      normalized.tables.of(sourcesTable),
      spec,
      1,
    );
    expect(one.pairs.map((p) => [p.first, p.second])).toEqual([[0, 1]]);
    expect(one.pairs[0]!.agreements).toEqual(all.pairs[0]!.agreements);
    expect(one.more).toBe(1);
  });

  it('in validate: 1,000 pairs, then one warning with the count', () => {
    // 90 synthetic look-alikes from two sources: 45 × 45 = 2,025 pairs
    const rows = Array.from(
      { length: 90 },
      (_, k) => `L${k},${k % 2 ? 'series2021' : 'report2019'},54,F,R,11 cm,,,,,,,,,,,,,,`,
    );
    const { findings } = check(rows);
    expect(findings.filter((f) => f.code === 'case.likely-duplicate')).toHaveLength(1_000);
    expect(
      findings.filter((f) => f.code === 'findings.capped').map((f) => [f.line, f.severity, f.message]),
    ).toEqual([
      [
        0,
        'warning',
        '1,025 more case.likely-duplicate findings are not listed: only the first 1,000 of a kind are (fix those and run again)',
      ],
    ]);
  });
});

describe('authorSurnames', () => {
  it('takes the first word of each author, without "et al."', () => {
    expect([...authorSurnames('Ito H, Tanaka K, Abe T et al.')]).toEqual(['ito', 'tanaka', 'abe']);
    expect([...authorSurnames("d'Amati A; de Gennaro L and Cicinelli E")]).toEqual([
      "d'amati",
      'de',
      'cicinelli',
    ]);
    expect([...authorSurnames('')]).toEqual([]);
  });
});
