import { bareDoi } from '../references/referenceFields.ts';
import type { Finding } from '../types.ts';

/**
 * One record of a database export (RIS, PubMed/MEDLINE text, BibTeX, CSV/XLSX) as its reader gives it:
 * the fields de-duplication, screening and the report need, each as the file has it (trimmed, markup
 * decoded); empty means the export did not give it. `line` is where the record starts in `file`.
 */
export interface SearchRecord {
  file: string;
  line: number;
  title: string;
  /** Each author as the export writes them ("Smith, John", "Smith J", "John Smith"), in order. */
  authors: string[];
  /** Four digits, or empty. */
  year: string;
  journal: string;
  /** Without `https://doi.org/` or `doi:` (bareDoi); case as written. */
  doi: string;
  /** Digits only. */
  pmid: string;
}

/** What every reader returns: the records in file order and the located problems. */
export interface RecordsRead {
  records: SearchRecord[];
  findings: Finding[];
}

/** A record of one database in a review's search, numbered: `record_id` of tidy/records.csv. */
export interface IdentifiedRecord extends SearchRecord {
  id: string;
  database: string;
}

/** The DOI pattern of the DOI Handbook (directory indicator 10., registrant code, /, suffix). */
const DOI_IN_TEXT = /\b(10\.\d{4,9}\/\S+)/;

/**
 * A DOI as typed in an export field → bareDoi form: resolver and `doi:` prefixes off, a trailing
 * `[doi]` (MEDLINE) and trailing punctuation a sentence or list put there off. Empty when the text
 * holds no DOI.
 */
export function doiFromText(text: string): string {
  const bare = bareDoi(text.replace(/\s*\[doi\]\s*$/i, ''));
  const m = DOI_IN_TEXT.exec(bare);
  if (!m) return '';
  return m[1]!.replace(/[.,;:]+$/, '');
}

/** Year as four digits from a date field ("2020/05/01/", "2020 May 3", "2020"); empty when none. */
export function yearFromText(text: string): string {
  const m = /(?:^|\D)(\d{4})(?!\d)/.exec(text);
  return m ? m[1]! : '';
}

/** A PMID from `PMID: 123`, `123` or a PubMed address; empty when the text is none of these. */
export function pmidFromText(text: string): string {
  const t = text.trim();
  const m =
    /^(?:pmid:?\s*)?(\d{1,9})$/i.exec(t) ??
    /pubmed(?:\.ncbi\.nlm\.nih\.gov|\/)\/?(?:pubmed\/)?(\d{1,9})\b/i.exec(t);
  return m ? m[1]! : '';
}

/**
 * A record's fields as a reader collected them → a SearchRecord, plus a warning when the record holds
 * nothing to know it by (no title, DOI or PMID). Such a record is kept — it was identified and counts —
 * but nothing can match it as a duplicate or name it in a screening log except its record_id.
 */
export function finishRecord(
  fields: Omit<SearchRecord, 'file' | 'line'>,
  file: string,
  line: number,
  findings: Finding[],
): SearchRecord {
  const record: SearchRecord = {
    file,
    line,
    title: collapseSpace(fields.title),
    authors: fields.authors.map(collapseSpace).filter((a) => a !== ''),
    year: fields.year,
    journal: collapseSpace(fields.journal),
    doi: fields.doi,
    pmid: fields.pmid,
  };
  if (record.title === '' && record.doi === '' && record.pmid === '')
    findings.push({
      file,
      line,
      column: 0,
      severity: 'warning',
      code: 'record.no-title',
      message:
        'record has no title, DOI or PMID: kept (it was identified), but it can only be matched or screened by its record_id',
    });
  return record;
}

/** Runs of white space (line breaks of a wrapped field included) as one space, trimmed. */
export const collapseSpace = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The lines of a text, whatever its line ends (CRLF, LF, CR). */
export const textLines = (text: string) => text.split(/\r\n?|\n/);

/** A short name of a database for record ids: letters and digits, lower case ("Web of Science" → webofscience). */
const idStem = (database: string) =>
  database
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '') || 'records';

/**
 * The records of every export of a search, numbered: `<database>-<n>` with n counting the database's
 * records in file order (over all its files). Stable while an export is unchanged and independent of
 * the other databases' exports, so a screening log that names record ids survives adding a database.
 */
export function numberRecords(
  exports: ReadonlyArray<{ database: string; records: readonly SearchRecord[] }>,
): IdentifiedRecord[] {
  const counts = new Map<string, number>();
  const out: IdentifiedRecord[] = [];
  for (const { database, records } of exports) {
    const stem = idStem(database);
    for (const record of records) {
      const n = (counts.get(stem) ?? 0) + 1;
      counts.set(stem, n);
      out.push({ ...record, id: `${stem}-${n}`, database });
    }
  }
  return out;
}
