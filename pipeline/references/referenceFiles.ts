import type { ReferenceFields } from './referenceFields.ts';

/**
 * The included studies as files a reference manager imports: RIS (Zotero, EndNote, Mendeley) and BibTeX.
 * Only the fields the source holds are written; nothing is filled in. A free-text `journal` cell (a whole
 * citation tail) goes in as the journal name, as the table holds it.
 */

/** One RIS record per reference (TY JOUR … ER), CRLF line ends as the format's specification has them. */
export function risText(references: readonly ReferenceFields[]): string {
  const lines: string[] = [];
  const tag = (name: string, value: string) => {
    // A line break inside a value would end the field: RIS has no escape for it.
    const text = value.replace(/\s*[\r\n]+\s*/g, ' ').trim();
    if (text !== '') lines.push(`${name}  - ${text}`);
  };
  for (const ref of references) {
    tag('TY', 'JOUR');
    tag('ID', ref.id);
    for (const author of ref.authors) tag('AU', author);
    tag('TI', ref.title);
    tag('T2', ref.journal);
    tag('PY', ref.year);
    tag('VL', ref.volume);
    tag('IS', ref.issue);
    const [start, end] = pageParts(ref.pages);
    tag('SP', start);
    tag('EP', end);
    tag('DO', ref.doi);
    tag('AN', ref.pmid === '' ? '' : `PMID: ${ref.pmid}`);
    tag('UR', ref.url);
    if (ref.moreAuthors) tag('N1', 'The source lists further authors (et al.).');
    lines.push('ER  - ', '');
  }
  return lines.join('\r\n');
}

/** One @article entry per reference, keyed by its source id; LaTeX's special characters escaped. */
export function bibtexText(references: readonly ReferenceFields[]): string {
  return references
    .map((ref) => {
      const fields: Array<[string, string]> = [
        ['author', [...ref.authors, ...(ref.moreAuthors ? ['others'] : [])].join(' and ')],
        ['title', ref.title],
        ['journal', ref.journal],
        ['year', ref.year],
        ['volume', ref.volume],
        ['number', ref.issue],
        ['pages', pageParts(ref.pages).filter(Boolean).join('--')],
        ['doi', ref.doi],
        ['pmid', ref.pmid],
        ['url', ref.url],
      ];
      const body = fields
        .filter(([, value]) => value !== '')
        .map(
          ([name, value]) =>
            `  ${name} = {${name === 'url' || name === 'doi' ? value : bibtexEscape(value)}}`,
        );
      return `@article{${bibtexKey(ref.id)},\n${body.join(',\n')}\n}\n`;
    })
    .join('\n');
}

/** Start and end page of a range ("418-420", "418–20" → 418, 420), or the single page. */
function pageParts(pages: string): [string, string] {
  const m = /^\s*([A-Za-z]?\d+)\s*(?:-|–|—|--)\s*([A-Za-z]?\d+)\s*$/.exec(pages);
  if (!m) return [pages.trim(), ''];
  let end = m[2]!;
  // A shortened end page (418-20) is written out in full for the reference manager.
  if (/^\d+$/.test(m[1]!) && /^\d+$/.test(end) && end.length < m[1]!.length)
    end = m[1]!.slice(0, m[1]!.length - end.length) + end;
  return [m[1]!, end];
}

/** A BibTeX key: the id with anything but letters, digits and -_:. replaced. */
function bibtexKey(id: string): string {
  return id.replace(/[^A-Za-z0-9_:.-]/g, '_') || 'source';
}

/** LaTeX's special characters escaped; braces balanced by escaping them all. */
export function bibtexEscape(text: string): string {
  return text.replace(/[\\{}&%$#_~^]/g, (c) => {
    if (c === '\\') return '\\textbackslash{}';
    if (c === '~') return '\\textasciitilde{}';
    if (c === '^') return '\\textasciicircum{}';
    return `\\${c}`;
  });
}
