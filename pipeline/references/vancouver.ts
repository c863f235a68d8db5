import type { ReferenceFields } from './referenceFields.ts';

/**
 * A journal reference in the Vancouver style as the NLM's *Citing Medicine* (2nd ed.) gives it, in the
 * form PubMed's "NLM" citation writes:
 *
 *   Wong C, Von Oppell UO, Scott-Coombes D. Cold feet from adrenal leiomyosarcoma. J R Soc Med.
 *   2005;98(9):418-20. doi: 10.1258/jrsm.98.9.418. PMID: 16140856.
 *
 * - Authors: surname and initials as written, separated by commas; more than six: the first six, then
 *   "et al." (the ICMJE rule most journals follow); a list that the source itself ends in "et al." keeps
 *   it. A group author is written as it stands.
 * - Title: as written, ending in a full stop unless it ends in ? or !.
 * - Journal, then year;volume(issue):pages, page ranges shortened as Citing Medicine does (418-420 →
 *   418-20). A `journal` cell that already holds the year or the volume (a free-text citation tail such
 *   as "BMC Endocr Disord 2023;23:276") is written as it stands, not repeated.
 * - doi and PMID last, when known.
 * Nothing missing is invented: an absent part is left out (missingReferenceFields says what is missing).
 */
export function vancouverReference(ref: ReferenceFields): string {
  const parts: string[] = [];
  const authors = authorList(ref);
  if (authors !== '') parts.push(endWith(authors, '.'));
  if (ref.title !== '') parts.push(endWith(ref.title, '.'));
  const journal = journalPart(ref);
  if (journal !== '') parts.push(endWith(journal, '.'));
  if (ref.doi !== '') parts.push(`doi: ${ref.doi}.`);
  if (ref.pmid !== '') parts.push(`PMID: ${ref.pmid}.`);
  return parts.join(' ');
}

/** Up to six authors, then "et al."; the source's own "et al." kept. */
export function authorList(ref: ReferenceFields): string {
  const shown = ref.authors.slice(0, 6);
  const etAl = ref.moreAuthors || ref.authors.length > 6;
  if (shown.length === 0) return '';
  return `${shown.join(', ')}${etAl ? ', et al' : ''}`;
}

function journalPart(ref: ReferenceFields): string {
  const journal = ref.journal.replace(/\.+$/, '');
  // A free-text tail that already carries the year or the volume details is written as it stands, its
  // closing page range shortened like any other.
  // (compared word by word: the year is the user's text, never a pattern)
  const holdsYear = ref.year !== '' && journal.split(/[^\p{L}\p{N}]+/u).includes(ref.year);
  if (holdsYear || /;\s*\d|:\s*\d/.test(journal))
    return journal.replace(/:(\d+\s*(?:-|–|—|--)\s*\d+)$/, (_, range: string) => `:${shortPageRange(range)}`);
  let detail = ref.year;
  if (ref.volume !== '') detail += `;${ref.volume}`;
  if (ref.issue !== '') detail += `(${ref.issue})`;
  if (ref.pages !== '')
    detail += `${ref.volume !== '' || ref.issue !== '' ? ':' : ';'}${shortPageRange(ref.pages)}`;
  if (journal === '') return detail;
  return detail === '' ? journal : `${journal}. ${detail}`;
}

/**
 * A page range with the digits the end page shares with the start left out (Citing Medicine): 418-420 →
 * 418-20, 1199-1205 → 1199-205, 12-19 → 12-9, 516-517 → 516-7. Anything else (e73, 106707, S1-S4) as it
 * stands, with an en dash or "--" read as a hyphen.
 */
export function shortPageRange(pages: string): string {
  const text = pages.trim().replace(/\s*(?:–|—|--)\s*/g, '-');
  const m = /^(\d+)-(\d+)$/.exec(text);
  if (!m) return text;
  const [start, end] = [m[1]!, m[2]!];
  if (end.length !== start.length || Number(end) <= Number(start)) return text;
  let k = 0;
  while (k < end.length - 1 && start[k] === end[k]) k++;
  return `${start}-${end.slice(k)}`;
}

/** The text ending in `mark`, unless it already ends in a full stop, ? or !. */
function endWith(text: string, mark: string): string {
  return /[.?!]$/.test(text) ? text : `${text}${mark}`;
}
