import { excerpt } from '../parse/excerpt.ts';
import type { Finding } from '../types.ts';
import { latexToText } from './latexText.ts';
import { doiFromText, finishRecord, pmidFromText, yearFromText, type RecordsRead } from './searchRecord.ts';

/** BibTeX's predefined month macros (lower case; macro names are case-insensitive). */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

class BibtexSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** 1-based line and column of each offset of `text`, by binary search over the line starts. */
function lineFinder(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

/**
 * BibTeX (`.bib`) → records, one per entry (`@article{key, field = value, …}` or with parentheses).
 * Values in braces (nested braces kept until decoded), in quotes, numbers, `@string` macros (and the
 * month names), joined with `#`. `@comment`, `@preamble` and text between entries are not records.
 * Fields: `title`; `author` split at a top-level `and` (`others` is not an author); `year` (else the
 * year of `date`); `journal` (else `journaltitle`, `booktitle`); `doi` (a `doi:` or resolver prefix
 * taken off; else a DOI in `url`); `pmid` (else `eprint` when `eprinttype = pubmed`). LaTeX in them
 * is decoded (latexToText). An entry that cannot be parsed is an error at its line, and reading goes
 * on at the next `@`.
 */
export function readBibtex(text: string, file: string): RecordsRead {
  const findings: Finding[] = [];
  const records: RecordsRead['records'] = [];
  const at = lineFinder(text);
  const macros = new Map<string, string>(MONTHS.map((m) => [m, m]));
  let pos = 0;

  const skipSpace = () => {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
  };
  const fail = (message: string): never => {
    throw new BibtexSyntaxError(message, pos);
  };
  /** A `{…}` group from pos (at its `{`): its inside, nested braces kept. */
  const braced = (): string => {
    const start = pos + 1;
    let depth = 0;
    for (; pos < text.length; pos++) {
      const c = text[pos];
      if (c === '\\') pos++;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return text.slice(start, pos++);
    }
    return fail('a "{" is never closed');
  };
  /** A `"…"` value from pos: it ends at a quote outside braces. */
  const quoted = (): string => {
    const start = ++pos;
    let depth = 0;
    for (; pos < text.length; pos++) {
      const c = text[pos];
      if (c === '\\') pos++;
      else if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === '"' && depth === 0) return text.slice(start, pos++);
    }
    return fail('a quoted value is never closed');
  };
  const name = (): string => {
    const m = /^[^\s"#%'(),={}@]+/.exec(text.slice(pos, pos + 200));
    if (!m) fail(`expected a name, found "${excerpt(text.slice(pos, pos + 20))}"`);
    pos += m![0].length;
    return m![0];
  };
  /** A value: parts joined by `#`, macros replaced (an unknown macro is a warning, kept as its name). */
  const value = (): string => {
    let out = '';
    for (;;) {
      skipSpace();
      const c = text[pos];
      if (c === '{') out += braced();
      else if (c === '"') out += quoted();
      else if (c !== undefined && /[0-9]/.test(c)) out += name();
      else {
        const start = pos;
        const macro = name();
        const known = macros.get(macro.toLowerCase());
        if (known === undefined) {
          const { line, column } = at(start);
          findings.push({
            file,
            line,
            column,
            severity: 'warning',
            code: 'bibtex.unknown-string',
            message: `"${excerpt(macro)}" is not defined by an @string before it: read as the text "${excerpt(macro)}"`,
          });
        }
        out += known ?? macro;
      }
      skipSpace();
      if (text[pos] !== '#') return out;
      pos++;
    }
  };

  for (;;) {
    const start = text.indexOf('@', pos);
    if (start < 0) break;
    pos = start + 1;
    try {
      skipSpace();
      const type = name().toLowerCase();
      skipSpace();
      const open = text[pos];
      if (open !== '{' && open !== '(') fail(`expected "{" or "(" after @${type}`);
      const closer = open === '{' ? '}' : ')';
      if (type === 'comment') {
        if (open === '{') braced();
        continue;
      }
      pos++;
      if (type === 'preamble') {
        value();
        skipSpace();
        if (text[pos] !== closer) fail(`expected "${closer}" to close @preamble`);
        pos++;
        continue;
      }
      if (type === 'string') {
        skipSpace();
        const macro = name().toLowerCase();
        skipSpace();
        if (text[pos] !== '=') fail(`expected "=" after @string name "${excerpt(macro)}"`);
        pos++;
        macros.set(macro, value());
        skipSpace();
        if (text[pos] !== closer) fail(`expected "${closer}" to close @string`);
        pos++;
        continue;
      }
      skipSpace();
      // The key: anything up to the first comma (BibTeX allows nearly every character in it).
      while (pos < text.length && !/[,}\n)]/.test(text[pos]!)) pos++;
      if (text[pos] !== ',') fail('expected the entry key and a "," after it');
      pos++;
      const fields = new Map<string, string>();
      for (;;) {
        skipSpace();
        if (text[pos] === closer) {
          pos++;
          break;
        }
        const field = name().toLowerCase();
        skipSpace();
        if (text[pos] !== '=') fail(`expected "=" after the field name "${excerpt(field)}"`);
        pos++;
        fields.set(field, value());
        skipSpace();
        if (text[pos] === ',') pos++;
        else if (text[pos] !== closer) fail(`expected "," or "${closer}" after the field "${field}"`);
      }
      records.push(bibtexRecord(fields, file, at(start).line, findings));
    } catch (e) {
      if (!(e instanceof BibtexSyntaxError)) throw e;
      const { line } = at(start);
      const where = at(e.offset);
      findings.push({
        file,
        line,
        column: 0,
        severity: 'error',
        code: 'bibtex.syntax',
        message: `entry cannot be read: ${e.message} (at line ${where.line}, character ${where.column}); the entry is left out`,
      });
      pos = start + 1;
    }
  }
  return { records, findings };
}

/** Split an author list at `and` outside braces (`{Barnes and Noble}` is one author). */
function splitAuthors(raw: string): string[] {
  const authors: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 0 && /\s/.test(c!) && /^\s+and\s/i.test(raw.slice(i, i + 6))) {
      authors.push(raw.slice(from, i));
      i += /^\s+and/i.exec(raw.slice(i))![0].length;
      from = i;
    }
  }
  authors.push(raw.slice(from));
  return authors.map(latexToText).filter((a) => a !== '' && a.toLowerCase() !== 'others');
}

function bibtexRecord(fields: Map<string, string>, file: string, line: number, findings: Finding[]) {
  const get = (...names: string[]) => {
    for (const n of names) {
      const v = fields.get(n);
      if (v !== undefined && v.trim() !== '') return latexToText(v);
    }
    return '';
  };
  // Identifiers are not LaTeX: a DOI may hold `--` or `~`. Only grouping braces and `\_`-style escapes go.
  const raw = (name: string) =>
    (fields.get(name) ?? '')
      .replace(/\\([_%&#$])/g, '$1')
      .replace(/[{}]/g, '')
      .trim();
  const pubmedEprint = /^pubmed$/i.test(get('eprinttype')) ? raw('eprint') : '';
  return finishRecord(
    {
      title: get('title'),
      authors: splitAuthors(fields.get('author') ?? ''),
      year: yearFromText(get('year', 'date')),
      journal: get('journal', 'journaltitle', 'booktitle'),
      doi: doiFromText(raw('doi')) || doiFromText(raw('url')),
      pmid: pmidFromText(raw('pmid') || pubmedEprint),
    },
    file,
    line,
    findings,
  );
}
