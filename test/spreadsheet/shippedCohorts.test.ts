// #23's test of the inference on real tables: the shipped adrenal and spinal cases.csv inferred alone
// (their cohort.json set aside) give the same counts of sex, side, surgery, chemotherapy, radiotherapy
// and outcome over the included patients as the hand-written cohorts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main as newCohort } from '../../pipeline/cli/newCohort.ts';
import { extract } from '../../pipeline/stages/extract.ts';
import { normalize } from '../../pipeline/stages/normalize.ts';
import { valueAt } from '../../pipeline/values/columns.ts';
import { cohortContext } from '../helpers/stageInput.ts';
import { casesTable } from '../../pipeline/cohortTables/casesTable.ts';

/** Per variable, the included patients counted by value (null: not reported), as "value: n" lines. */
async function counts(dir: string, variables: string[]): Promise<Record<string, string[]>> {
  const context = cohortContext(dir);
  const normalized = normalize(await extract(null, context), context);
  expect(normalized.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const cases = normalized.tables.of(casesTable)!;
  return Object.fromEntries(
    variables.map((v) => {
      const tally = new Map<string, number>();
      for (let i = 0; i < cases.n; i++) {
        if (!cases.included[i]) continue;
        const value = String(valueAt(cases.columns[v]!, i));
        tally.set(value, (tally.get(value) ?? 0) + 1);
      }
      return [v, [...tally].map(([value, n]) => `${value}: ${n}`).sort()];
    }),
  );
}

describe.each([
  ['adrenal-lms', ['sex', 'side', 'surgery', 'chemotherapy', 'radiotherapy', 'outcome']],
  ['spinal-lms', ['sex', 'surgery', 'chemotherapy', 'radiotherapy', 'outcome']],
])('data/%s/cases.csv inferred alone', (cohort, variables) => {
  it('counts the included patients as the hand-written cohort does', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'casepool-shipped-')), cohort);
    expect(await newCohort([dir, '--from', `data/${cohort}/cases.csv`], () => {})).toBe(0);
    const inferred = await counts(dir, variables);
    const handWritten = await counts(`data/${cohort}`, variables);
    expect(inferred).toEqual(handWritten);
    // Not vacuous: every variable has reported values, and the cohort its exclusions.
    for (const v of variables) expect(handWritten[v]!.some((line) => !line.startsWith('null'))).toBe(true);
  });
});
