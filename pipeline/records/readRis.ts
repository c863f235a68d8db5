import { excerpt } from '../parse/excerpt.ts';
import type { Finding } from '../types.ts';
import {
  doiFromText,
  finishRecord,
  pmidFromText,
  textLines,
  yearFromText,
  type RecordsRead,
} from './searchRecord.ts';

/**
 * A RIS tag line: two characters (a capital, then a capital or digit), two spaces, a hyphen, a space and
 * the value (`ER  -` often without the last space). Exactly two spaces, as the format has it: a wrapped
 * abstract line such as "UK - based cohort" must stay text, not become a tag `UK`.
 */
const TAG_LINE = /^([A-Z][A-Z0-9]) {2}-(?: (.*)|)$/;
/** A tag line with another number of spaces, for the finding that says why a file gave no records. */
const LOOSE_TAG_LINE = /^[A-Z][A-Z0-9] {0,3}- ?/;

/**
 * Which tags hold which field, first found first used. The variants: PubMed and Scopus write TI, AU,
 * PY, T2/JO; Embase and Ovid T1, A1, Y1, JF/JO; Web of Science TI, AU, PY, T2; CINAHL (EBSCO) T1, AU,
 * Y1/PY, JO/JF. A2/ED are editors, not authors.
 */
const TITLE_TAGS = ['TI', 'T1', 'CT', 'BT'];
const AUTHOR_TAGS = ['AU', 'A1'];
const YEAR_TAGS = ['PY', 'Y1', 'DA', 'Y2'];
const JOURNAL_TAGS = ['T2', 'JF', 'JO', 'JA', 'J2', 'J1', 'T3'];
/** Tags where a DOI turns up when DO is missing: Ovid's M3/N1, links in UR/L3/LK (only a DOI-shaped value counts). */
const DOI_FALLBACK_TAGS = ['M3', 'UR', 'L3', 'LK', 'N1', 'DI'];

/**
 * RIS text → records. A record runs from `TY  -` to `ER  -`; a line that is not a tag line continues
 * the field above it (wrapped abstracts and titles of Web of Science and Scopus), joined with a space.
 * A record without `ER` (the next `TY` or the end of the file comes first) is kept with a warning, as
 * is a record whose first tag is not `TY`; text outside any record is a warning. Each record's line is
 * its first tag's.
 */
export function readRis(text: string, file: string): RecordsRead {
  const findings: Finding[] = [];
  const records: RecordsRead['records'] = [];
  let open: { line: number; tags: Map<string, string[]>; last: string[] | null } | null = null;
  const warn = (line: number, code: string, message: string) =>
    findings.push({ file, line, column: 0, severity: 'warning', code, message });
  const close = () => {
    if (!open) return;
    const { tags, line } = open;
    const first = (names: readonly string[]) => {
      for (const name of names) {
        const value = tags.get(name)?.find((v) => v.trim() !== '');
        if (value !== undefined) return value.trim();
      }
      return '';
    };
    const authorTag = AUTHOR_TAGS.find((t) => (tags.get(t) ?? []).length > 0);
    let doi = doiFromText(first(['DO']));
    for (const tag of DOI_FALLBACK_TAGS) {
      if (doi !== '') break;
      for (const value of tags.get(tag) ?? []) {
        doi = doiFromText(value);
        if (doi !== '') break;
      }
    }
    // AN is an accession number: a PMID only when written as one (`PMID: 123`, EndNote and our writer);
    // Embase's and CINAHL's AN are their own numbers. A PubMed address in UR/L2 says it too.
    let pmid = '';
    for (const value of [...(tags.get('AN') ?? []), ...(tags.get('UR') ?? []), ...(tags.get('L2') ?? [])]) {
      if (/^\s*pmid/i.test(value) || /pubmed/i.test(value)) pmid = pmidFromText(value);
      if (pmid !== '') break;
    }
    records.push(
      finishRecord(
        {
          title: first(TITLE_TAGS),
          authors: authorTag ? tags.get(authorTag)! : [],
          year: yearFromText(first(YEAR_TAGS)),
          journal: first(JOURNAL_TAGS),
          doi,
          pmid,
        },
        file,
        line,
        findings,
      ),
    );
    open = null;
  };
  let strayFrom = 0;
  const lines = textLines(text);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i]!;
    const m = TAG_LINE.exec(raw);
    if (!m) {
      if (raw.trim() === '') {
        if (open) open.last = null; // a blank line ends a wrapped field
        continue;
      }
      if (open && open.last) {
        open.last[open.last.length - 1] += ` ${raw.trim()}`;
      } else if (open) {
        warn(
          lineNo,
          'ris.stray-text',
          `text that is not a RIS tag line ("${excerpt(raw)}") after a blank line; left out`,
        );
      } else if (strayFrom === 0) {
        strayFrom = lineNo;
        warn(lineNo, 'ris.outside-record', `text outside any RIS record ("${excerpt(raw)}"); left out`);
      }
      continue;
    }
    const tag = m[1]!;
    const value = m[2] ?? '';
    if (tag === 'TY') {
      if (open) {
        warn(
          open.line,
          'ris.no-end',
          `record has no "ER  -" line before the next "TY  -" at line ${lineNo}; read up to there`,
        );
        close();
      }
      open = { line: lineNo, tags: new Map(), last: null };
      strayFrom = 0;
      continue;
    }
    if (tag === 'ER') {
      if (!open)
        warn(lineNo, 'ris.end-without-start', '"ER  -" with no record open (no "TY  -" since the last "ER")');
      close();
      continue;
    }
    if (!open) {
      warn(lineNo, 'ris.no-type', `record starts with "${tag}  -", not "TY  -": read as a record from here`);
      open = { line: lineNo, tags: new Map(), last: null };
    }
    const values = open.tags.get(tag) ?? [];
    values.push(value);
    open.tags.set(tag, values);
    open.last = values;
  }
  if (open) {
    warn(open.line, 'ris.no-end', 'record has no "ER  -" line before the end of the file; read up to there');
    close();
  }
  if (records.length === 0) {
    const loose = lines.findIndex((l) => LOOSE_TAG_LINE.test(l));
    findings.push({
      file,
      line: loose + 1,
      column: 0,
      severity: 'error',
      code: 'ris.no-records',
      message:
        loose >= 0
          ? `no RIS record read: tags must be written "TY  - value" (two spaces, hyphen, space), and this line has "${excerpt(lines[loose]!.slice(0, 8))}"`
          : 'no RIS record read: no "TY  - " line',
    });
  }
  return { records, findings };
}
