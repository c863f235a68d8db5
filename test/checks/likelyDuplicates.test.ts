// A planted duplicate: the same (synthetic) patient in a case report and in a later series by the
// same group is flagged, naming both rows; near misses are not; duplicate_of records the decision.
import { describe, expect, it } from 'vitest';
import { authorSurnames } from '../../pipeline/checks/likelyDuplicates.ts';
import { parseCsv } from '../../pipeline/parse/parseCsv.ts';
import { normalize } from '../../pipeline/stages/normalize.ts';
import { validate } from '../../pipeline/stages/validate.ts';
import { ADRENAL_HEADER, adrenalContext, extracted } from '../helpers/stageInput.ts';

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
  input.cases = parseCsv([`${ADRENAL_HEADER},duplicate_of`, ...rows].join('\n'), 'cases.csv', 'x').table;
  input.sources = parseCsv(SOURCES, 'sources.csv', 'y').table;
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
    expect(normalized.cases!.included).toEqual([true, false]);
    expect(normalized.cases!.exclusionReasons).toEqual([null, 'duplicate of A']);
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
