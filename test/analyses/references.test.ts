import { describe, expect, it } from 'vitest';
import { referencesAnalysis } from '../../pipeline/analyses/references.ts';
import { cohortAnalysisInput } from '../helpers/stageInput.ts';
import { unzipEntry } from '../helpers/unzipEntry.ts';
import { handCountedCohort } from './fixture.ts';

describe('references', () => {
  it('numbers the sources of the included patients in the order the case table first cites them', () => {
    const { input, context } = handCountedCohort();
    // A (s1), B (s1), C (s2), D (s3) included; E (s2) excluded.
    const result = referencesAnalysis.compute(input, context)!;
    expect(result.references.map((r) => [r.number, r.source_id, r.patients])).toEqual([
      [1, 's1', 2],
      [2, 's2', 1],
      [3, 's3', 1],
    ]);
    // The fixture's sources hold a year only: nothing is invented, and the list says what is missing.
    expect(result.references[0]!.text).toBe('2019.');
    expect(result.references[0]!.missing).toEqual(['authors', 'title', 'journal']);
    expect(result.references[2]!.missing).toEqual(['authors', 'title', 'journal', 'year']);
    const page = String(referencesAnalysis.section(result, [], context, input));
    expect(page).toContain('<li id="ref-1">2019.</li>');
    expect(page).toContain('References to complete');
    expect(page).toContain('[3] s3: no authors, no title, no journal, no year');
  });

  it('on the shipped adrenal cohort: one reference per cited source, each made only of its own fields', async () => {
    const { input, context } = await cohortAnalysisInput('data/adrenal-lms');
    const result = referencesAnalysis.compute(input, context)!;
    const cited = new Set<string>();
    for (let i = 0; i < input.cases.n; i++) if (input.cases.included[i]) cited.add(input.cases.sourceIds[i]!);
    expect(result.references.map((r) => r.source_id)).toEqual([...cited]);
    expect(result.references.reduce((sum, r) => sum + r.patients, 0)).toBe(
      input.cases.included.filter(Boolean).length,
    );
    const wong = result.references.find((r) => r.source_id === 'wong2005')!;
    expect(wong.text).toBe(
      'Wong C, Von Oppell UO, Scott-Coombes D. Cold feet from adrenal leiomyosarcoma. J R Soc Med 2005;98(9):418-20.',
    );
    expect(wong.missing).toEqual([]);
    // The first author's initials are not in any held text: none are written.
    expect(result.references[0]!.text).toBe('Suzuki, et al. BMC Endocr Disord 2023;23:276.');
  });

  it('writes the list as RIS, BibTeX and a Word table, one entry per reference', async () => {
    const { input, context } = await cohortAnalysisInput('data/adrenal-lms');
    const result = referencesAnalysis.compute(input, context)!;
    const files = await referencesAnalysis.files!(result, context, input);
    const text = (path: string) => files.find((f) => f.path === path)!.content as string;
    expect(text('tables/references.ris').match(/^ER {2}- /gm)).toHaveLength(result.references.length);
    expect(text('tables/references.bib').match(/^@article\{/gm)).toHaveLength(result.references.length);
    const docx = files.find((f) => f.path === 'tables/references.docx')!.content as Uint8Array;
    expect(unzipEntry(docx, 'word/document.xml')).toContain('Cold feet from adrenal leiomyosarcoma');
  });
});
