import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCohort } from '../../pipeline/config/loadCohort.ts';
import { casesSchema, CODEBOOK_HEADER, codebookRows } from '../../pipeline/dataPackage/tableSchema.ts';
import type { CohortConfig } from '../../pipeline/types.ts';

const config = async (dir: string): Promise<CohortConfig> => {
  const loaded = await loadCohort(resolve(dir), `${dir}/cohort.json`);
  expect(loaded.config).toBeTruthy();
  return loaded.config!;
};

describe('codebook and schema: allowed terms of every vocabulary variable', () => {
  it('lists the terms and synonyms of list variables (symptoms, metastasis, venous extension, local invasion)', async () => {
    const c = await config('data/adrenal-lms');
    const raw = JSON.parse(readFileSync('data/adrenal-lms/cohort.json', 'utf8')) as CohortConfig;
    const fields = casesSchema(c).fields;
    const rows = new Map(codebookRows({ fields, missingValues: [] }).map((r) => [r[0], r]));
    expect(CODEBOOK_HEADER).toEqual([
      'variable',
      'label',
      'type',
      'unit',
      'allowed_values',
      'synonyms',
      'meaning',
    ]);
    for (const name of ['symptoms', 'metastasis', 'venous_extension', 'local_invasion']) {
      const column = raw.columns.find((x) => x.name === name)!;
      const vocabulary = raw.vocabularies[column.vocabulary!]!;
      const field = fields.find((f) => f.name === name)!;
      // Every term of the cohort's vocabulary, in its order, with its label and other spellings.
      expect(
        field.terms?.map((t) => t.value),
        name,
      ).toEqual(vocabulary.terms.map((t) => t.id));
      const row = rows.get(name)!;
      expect(row[4]!.split('; '), name).toEqual(vocabulary.terms.map((t) => t.id));
      for (const t of vocabulary.terms) {
        const extra = (t.synonyms ?? []).filter((x) => x.toLowerCase() !== t.id.toLowerCase());
        if (extra.length) expect(row[5], `${name}: ${t.id}`).toContain(`${t.id}: ${extra.join(' | ')}`);
      }
    }
    // A symptom typed as "loin pain" is read as flank_pain: the codebook says so.
    expect(rows.get('symptoms')![5]).toContain('flank_pain: flank pain | loin pain');
  });

  it('keeps the enum of category variables and gives their terms too; booleans list yes and no', async () => {
    const c = await config('data/adrenal-lms');
    const fields = casesSchema(c).fields;
    const sex = fields.find((f) => f.name === 'sex')!;
    expect(sex.constraints?.enum).toEqual(['female', 'male']);
    expect(sex.terms?.map((t) => t.value)).toEqual(['female', 'male']);
    const rows = new Map(codebookRows({ fields, missingValues: [] }).map((r) => [r[0], r]));
    expect(rows.get('surgery')![4]).toBe('yes; no');
    expect(rows.get('age')![4]).toBe('');
  });
});
