import { describe, expect, it } from 'vitest';
import { reportedCases } from '../../pipeline/analyses/reportedCases.ts';
import { contentText } from '../../pipeline/io/textChunks.ts';
import { csvChunks } from '../../pipeline/io/toCsv.ts';
import type { CaseTable } from '../../pipeline/types.ts';
import { columnBuilder } from '../../pipeline/values/columns.ts';
import { AWKWARD_TEXTS } from '../helpers/awkwardTexts.ts';
import { syntheticSurvivalCohort } from './survivalFixture.ts';

describe('reportedCases: the CSV of the table of reported cases', () => {
  const { input, context } = syntheticSurvivalCohort();

  it('is the text of its rows through csvChunks, awkward values included', () => {
    // Synthetic: the fixture's patients given awkward ids, sources, reasons and numbers, and a sex
    // level that is not a term of the vocabulary (shown as not reported, as Table 1 reads it).
    const base = input.cases;
    const n = base.n;
    const pick = <T>(values: readonly T[], i: number) => values[i % values.length]!;
    const age = columnBuilder('number', n);
    const ages = [-5, 0, -0, 12.1234567891, 45, null, 1e21, 0.1 + 0.2];
    const sex = columnBuilder('coded', n);
    const sexes = ['female', 'male', '=other', null];
    for (let i = 0; i < n; i++) {
      age.set(i, pick(ages, i));
      sex.set(i, pick(sexes, i));
    }
    const cases: CaseTable = {
      ...base,
      caseIds: base.caseIds.map((_, i) => `${pick(AWKWARD_TEXTS, i)}${i}`),
      sourceIds: base.sourceIds.map((s, i) => (i % 3 === 0 ? s : pick(['-src', 'unknown, source'], i))),
      included: base.included.map((v, i) => v && i % 4 !== 1),
      exclusionReasons: base.exclusionReasons.map((r, i) => (i % 2 ? pick(AWKWARD_TEXTS, i + 3) : r)),
      duplicateOf: base.duplicateOf.map((d, i) => (i === 5 ? '=S01' : d)),
      columns: { ...base.columns, age: age.finish(), sex: sex.finish() },
    };
    const reported = reportedCases(cases, input.sources, context.config);
    const expected = contentText(csvChunks(reported.header, reported.count, reported.rowAt));
    expect(expected).toContain("'-5");
    expect(expected).toContain('Excluded: duplicate of =S01');
    expect(contentText(reported.csv)).toBe(expected);
    // Read again from the start, the same.
    expect(contentText(reported.csv)).toBe(expected);
  });
});
