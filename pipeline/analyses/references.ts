import { wordTableDocx } from '../io/docxTables.ts';
import {
  referenceFields,
  missingReferenceFields,
  type ReferenceFields,
} from '../references/referenceFields.ts';
import { bibtexText, risText } from '../references/referenceFiles.ts';
import { vancouverReference } from '../references/vancouver.ts';
import { html } from '../report/escapeHtml.ts';
import { defineAnalysis } from './analysis.ts';

export interface ReferenceEntry {
  /** Its number in the list: the order in which the case table first cites it. */
  number: number;
  source_id: string;
  /** Vancouver (NLM Citing Medicine), from what sources.csv holds. */
  text: string;
  /** Included patients from this source. */
  patients: number;
  /** What the style needs and the source lacks (authors, title, journal, year); empty: complete. */
  missing: string[];
}

export interface ReferencesSection {
  style: 'Vancouver (NLM Citing Medicine)';
  references: ReferenceEntry[];
}

/**
 * The numbered list of the included studies, in the order the case table first cites them (the included
 * patients in case order), as the reference list of a "case report and review of the literature" and as
 * files for a reference manager (RIS, BibTeX) and Word. Nothing missing is filled in: a reference that
 * lacks what the style needs is listed under "References to complete".
 */
export const referencesAnalysis = defineAnalysis<ReferencesSection>()({
  id: 'references',
  title: 'References',
  compute: (input) => {
    const { cases, views } = input;
    const byId = new Map(input.sources.map((s) => [s.id, s]));
    const patients = new Map<string, number>();
    for (const i of views.includedRows()) {
      const id = cases.sourceIds[i]!;
      patients.set(id, (patients.get(id) ?? 0) + 1);
    }
    const references = [...patients].flatMap(([id, count]) => {
      const source = byId.get(id);
      if (!source) return [];
      const fields = referenceFields(source);
      return [{ fields, count }];
    });
    if (references.length === 0) return null;
    return {
      style: 'Vancouver (NLM Citing Medicine)',
      references: references.map(({ fields, count }, k) => ({
        number: k + 1,
        source_id: fields.id,
        text: vancouverReference(fields),
        patients: count,
        missing: missingReferenceFields(fields),
      })),
    };
  },
  files: async (result, _context, input) => {
    const byId = new Map(input.sources.map((s) => [s.id, s]));
    const fields: ReferenceFields[] = result.references.map((r) => referenceFields(byId.get(r.source_id)!));
    return [
      { path: 'tables/references.ris', content: risText(fields) },
      { path: 'tables/references.bib', content: bibtexText(fields) },
      {
        path: 'tables/references.docx',
        content: await wordTableDocx({
          caption:
            'References. The included studies, numbered in the order the table of reported cases cites them.',
          header: ['No.', 'Reference', 'Patients'],
          rows: result.references.map((r) => [String(r.number), r.text, String(r.patients)]),
          numericColumns: [0, 2],
          widths: [0.5, 8, 1],
          footnotes: [
            'Vancouver style (NLM Citing Medicine), from the fields of sources.csv; a reference lacking authors, title, journal or year is written with what the table holds and listed in the report under "References to complete".',
          ],
        }),
      },
    ];
  },
  section: (result) => {
    const incomplete = result.references.filter((r) => r.missing.length > 0);
    return html`<p>
        ${result.references.length} included ${result.references.length === 1 ? 'study' : 'studies'}, numbered
        in the order the table of reported cases first cites them, in the Vancouver style (NLM
        <i>Citing Medicine</i>). Also as <a href="tables/references.docx">Word</a>,
        <a href="tables/references.ris">RIS</a> and <a href="tables/references.bib">BibTeX</a> for a reference
        manager.
      </p>
      <ol class="references">
        ${result.references.map((r) => html`<li id="ref-${r.number}">${r.text}</li>`)}
      </ol>
      ${
        incomplete.length === 0
          ? html``
          : html`<h3>References to complete</h3>
              <p class="note">
                What the style needs and sources.csv does not hold for these sources; nothing is filled in.
              </p>
              <ul>
                ${incomplete.map((r) => html`<li>[${r.number}] ${r.source_id}: no ${r.missing.join(', no ')}</li>`)}
              </ul>`
      }`;
  },
});
