import { describe, expect, it } from 'vitest';
import { overlappingLevels } from '../../../pipeline/analyses/survival/overlappingLevels.ts';
import { normalize } from '../../../pipeline/stages/normalize.ts';
import type { GroupingSpec } from '../../../pipeline/analyses/survival/survivalSpec.ts';
import { adrenalContext, extracted } from '../../helpers/stageInput.ts';
import { casesTable } from '../../../pipeline/cohortTables/casesTable.ts';

// Synthetic rows (column order of ADRENAL_HEADER): A has IVC extension, B none, C no venous extension
// reported, D (IVC) is excluded.
const ROWS = [
  'A,syn,30,F,R,,,ivc,,,,,,,dead,6,,,',
  'B,syn,50,F,L,,,none,,,,,,,alive,12,,,',
  'C,syn,70,M,R,,,,,,,,,,dead,18,,,',
  'D,syn,90,F,R,,,ivc,,,,,,,dead,1,,no,excluded for the test',
];
const cases = normalize(extracted(ROWS), adrenalContext()).tables.of(casesTable)!;

const grouping = (levels: GroupingSpec['levels']): GroupingSpec => ({ id: 'g', label: 'G', levels });
const ivc = { id: 'ivc', label: 'IVC', when: { variable: 'venous_extension', in: ['ivc'] } };

describe('overlappingLevels', () => {
  it('finds nothing when the levels exclude each other', () => {
    const not = { id: 'other', label: 'Other', when: { not: ivc.when } };
    expect(overlappingLevels(cases, [grouping([ivc, not])])).toEqual([]);
  });

  it('points at each included patient in two levels, in the column the levels read', () => {
    const reported = {
      id: 'reported',
      label: 'Reported',
      when: { variable: 'venous_extension', reported: true },
    };
    const findings = overlappingLevels(cases, [grouping([ivc, reported])]);
    // A only: B is in one level, C in none (not reported), D is excluded.
    expect(findings.map((f) => [f.line, f.column, f.severity, f.code])).toEqual([
      [cases.lines[0], cases.columnNumbers.venous_extension, 'error', 'survival.overlapping-levels'],
    ]);
    expect(findings[0]!.message).toContain('A is in 2 of its levels (ivc, reported)');
  });

  it('does not count a level whose condition cannot be decided as holding', () => {
    // C's venous extension is not reported: "not IVC" is unknown for C, not true.
    const notIvc = { id: 'not', label: 'Not IVC', when: { not: ivc.when } };
    const anyone = { id: 'all', label: 'All', when: { variable: 'age', reported: true } };
    const findings = overlappingLevels(cases, [grouping([notIvc, anyone])]);
    expect(findings.map((f) => f.message.match(/: (\w) is in/)![1])).toEqual(['B']);
  });
});
