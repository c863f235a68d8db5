import { excerpt } from '../parse/excerpt.ts';
import type { Finding } from '../types.ts';
import { doiFromText, finishRecord, textLines, yearFromText, type RecordsRead } from './searchRecord.ts';

/** A MEDLINE tag line: the tag in four columns (letters, padded with spaces), `- `, the value. */
const TAG_LINE = /^([A-Z][A-Z0-9]{0,3}) *- (.*)$/;
/** A field continued on the next line: the line starts with six spaces (PubMed indents so). */
const CONTINUATION = /^ {6}(.*)$/;

/**
 * PubMed/MEDLINE text (`.nbib`, `.txt` "PubMed format") → records. A record starts at `PMID- `;
 * records are also separated by blank lines. A field goes on over lines indented by six spaces. The
 * DOI is the `LID` or `AID` value ending ` [doi]`; the year the first four digits of `DP`; the journal
 * `JT` (else its abbreviation `TA`); authors `AU` (else `FAU`, else the group `CN`).
 */
export function readNbib(text: string, file: string): RecordsRead {
  const findings: Finding[] = [];
  const records: RecordsRead['records'] = [];
  const warn = (line: number, code: string, message: string) =>
    findings.push({ file, line, column: 0, severity: 'warning', code, message });
  let open: { line: number; tags: Map<string, string[]>; last: string[] | null } | null = null;
  const close = () => {
    if (!open) return;
    const { tags, line } = open;
    const first = (name: string) => (tags.get(name) ?? []).find((v) => v.trim() !== '')?.trim() ?? '';
    const doiIn = (name: string) =>
      doiFromText((tags.get(name) ?? []).find((v) => /\[doi\]\s*$/i.test(v)) ?? '');
    const authors = ['AU', 'FAU', 'CN'].map((t) => tags.get(t) ?? []).find((list) => list.length > 0) ?? [];
    records.push(
      finishRecord(
        {
          title: first('TI') || first('BTI'),
          authors,
          year: yearFromText(first('DP')),
          journal: first('JT') || first('TA'),
          doi: doiIn('LID') || doiIn('AID'),
          pmid: /^\d+$/.test(first('PMID')) ? first('PMID') : '',
        },
        file,
        line,
        findings,
      ),
    );
    if (tags.has('PMID') && !/^\d+$/.test(first('PMID')))
      warn(
        line,
        'nbib.bad-pmid',
        `PMID "${excerpt(first('PMID'))}" is not a number; the record is kept without it`,
      );
    open = null;
  };
  const lines = textLines(text);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i]!;
    if (raw.trim() === '') {
      close();
      continue;
    }
    const continued = CONTINUATION.exec(raw);
    if (continued && open?.last) {
      open.last[open.last.length - 1] += ` ${continued[1]!.trim()}`;
      continue;
    }
    const m = TAG_LINE.exec(raw);
    if (!m) {
      warn(
        lineNo,
        'nbib.stray-text',
        `line is neither a MEDLINE tag line ("XX  - value") nor a continuation indented by six spaces ("${excerpt(raw)}"); left out`,
      );
      if (open) open.last = null;
      continue;
    }
    const tag = m[1]!;
    if (tag === 'PMID' && open && open.tags.size > 0) close();
    if (!open) {
      if (tag !== 'PMID')
        warn(
          lineNo,
          'nbib.no-pmid-line',
          `record starts with "${tag}", not "PMID- ": read as a record from here`,
        );
      open = { line: lineNo, tags: new Map(), last: null };
    }
    const values = open.tags.get(tag) ?? [];
    values.push(m[2]!);
    open.tags.set(tag, values);
    open.last = values;
  }
  close();
  return { records, findings };
}
