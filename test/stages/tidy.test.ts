import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { contentText } from '../../pipeline/io/textChunks.ts';
import { normalize } from '../../pipeline/stages/normalize.ts';
import { tidy } from '../../pipeline/stages/tidy.ts';
import { adrenalContext, extracted } from '../helpers/stageInput.ts';
import { columnValues } from '../helpers/caseTableFromValues.ts';
import { casesTable } from '../../pipeline/cohortTables/casesTable.ts';
import { sourcesTable } from '../../pipeline/cohortTables/sourcesTable.ts';

// Synthetic rows (see normalize.test.ts for the column order).
const ROWS = [
  'A,syn,54,F,R,11,flank pain; back pain,IVC,,,,yes,,,,,"=HYPERLINK(""http://x"",""y"")",,',
  'B,syn,,M,L,,,none,,,,no,,,,,,,',
];

describe('tidy', () => {
  const context = adrenalContext();
  const normalized = normalize(extracted(ROWS), context);
  const out = tidy(
    {
      cases: normalized.tables.of(casesTable)!,
      sources: normalized.tables.of(sourcesTable),
      sourceHeader: ['source_id', 'title'],
    },
    context,
  );
  const file = (path: string) =>
    parse(contentText(out.files.find((f) => f.path === path)!.content), { columns: true }) as Array<
      Record<string, string>
    >;

  it('writes one row per patient with canonical values; empty stays empty, an empty list is "none"', () => {
    const cases = file('tidy/cases.csv');
    expect(cases.map((c) => [c.case_id, c.sex, c.symptoms, c.venous_extension, c.surgery, c.age])).toEqual([
      ['A', 'female', 'flank_pain; back_pain', 'ivc', 'yes', '54'],
      ['B', 'male', '', 'none', 'no', ''],
    ]);
  });

  it('writes follow-up exactly: read back with Number() it is the value the statistics used', () => {
    // Synthetic: follow-up typed in days and weeks, which are not whole months.
    const rows = ['C,syn,,,,,,,,,,,,,dead,12 days,,,', 'D,syn,,,,,,,,,,,,,alive,1 week 5 days,,,'];
    const n = normalize(extracted(rows), context);
    const written = tidy(
      {
        cases: n.tables.of(casesTable)!,
        sources: n.tables.of(sourcesTable),
        sourceHeader: ['source_id', 'title'],
      },
      context,
    );
    const cases = parse(contentText(written.files.find((f) => f.path === 'tidy/cases.csv')!.content), {
      columns: true,
    }) as Array<Record<string, string>>;
    const inMemory = columnValues(n.tables.of(casesTable)!, 'followup');
    expect(inMemory[0]).toBe(12 / 30.4375);
    expect(cases.map((c) => Number(c.followup))).toEqual(inMemory);
    cases.forEach((c, i) => expect(Number(c.followup)).toBe(inMemory[i]));
  });

  it('writes one long table per list variable, one row per term', () => {
    expect(file('tidy/symptoms.csv')).toEqual([
      { case_id: 'A', value: 'flank_pain' },
      { case_id: 'A', value: 'back_pain' },
    ]);
    expect(file('tidy/venous_extension.csv')).toEqual([{ case_id: 'A', value: 'ivc' }]);
  });

  it('neutralises a formula in a text cell', () => {
    expect(file('tidy/cases.csv')[0]!.notes).toBe(`'=HYPERLINK("http://x","y")`);
  });

  it('writes a codebook and a data package from the same schema', () => {
    const codebook = file('tidy/codebook.csv');
    const pkg = JSON.parse(String(out.files.find((f) => f.path === 'tidy/datapackage.json')!.content)) as {
      resources: Array<{ name: string; schema: { fields: Array<{ name: string }> } }>;
    };
    expect(codebook.map((r) => r.variable)).toEqual(pkg.resources[0]!.schema.fields.map((f) => f.name));
    expect(codebook.find((r) => r.variable === 'sex')!.allowed_values).toBe('female; male');
  });
});
