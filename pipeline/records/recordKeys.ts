import { latexToText } from './latexText.ts';
import { doiFromText } from './searchRecord.ts';

/**
 * The forms in which records are compared for de-duplication. Each is empty when the record has no
 * such value, and an empty key never matches.
 */

/**
 * A DOI as compared: DOIs are case-insensitive (DOI Handbook 2.4), so lower case; resolver and `doi:`
 * prefixes and trailing punctuation off (doiFromText, which the readers applied already, again here for
 * records from elsewhere); a percent-encoded slash from a copied link decoded.
 */
export function doiKey(doi: string): string {
  return doiFromText(doi.replace(/%2f/gi, '/')).toLowerCase();
}

/** A PMID as compared: its digits without leading zeros. */
export function pmidKey(pmid: string): string {
  return pmid.replace(/^0+/, '').trim();
}

const HTML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * A title as compared: HTML markup (`<i>`, `<sup>`, entities) and LaTeX markup decoded or dropped,
 * diacritics taken off (ü → u), lower case, every run of characters that are not letters or digits
 * (punctuation, a trailing period, dashes, colons) one space. "Leiomyosarcoma of the adrenal vein:
 * imaging findings." and "Leiomyosarcoma of the Adrenal Vein - Imaging Findings" have one key.
 */
export function titleKey(title: string): string {
  if (title === '') return '';
  const html = title
    .replace(/<[^<>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code =
          name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
      }
      return HTML_ENTITIES[name.toLowerCase()] ?? whole;
    });
  const plain = /[\\{}$~]/.test(html) ? latexToText(html) : html;
  return plain
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Initials as an author's last word: "J", "JA", "J.", "J.A." (MEDLINE and Vancouver "Smith JA"). */
const INITIALS = /^(?:[A-Z]{1,3}|(?:[A-Z]\.-?){1,3})$/;

/**
 * The first author's surname as compared: the part before a comma ("Smith, John"), else all but the
 * initials at the end ("Smith JA"), else the last word ("John Smith", BibTeX's other form); then
 * without diacritics, lower case, and only its last word, so "van der Berg" and "Berg" compare equal.
 */
export function surnameKey(authors: readonly string[]): string {
  const first = (authors[0] ?? '').trim();
  if (first === '') return '';
  let surname: string;
  const comma = first.indexOf(',');
  if (comma > 0) surname = first.slice(0, comma);
  else {
    const words = first.split(/\s+/);
    surname = words.length > 1 && INITIALS.test(words.at(-1)!) ? words.slice(0, -1).join(' ') : words.at(-1)!;
  }
  const words = surname
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]+/gu, '')
    .trim()
    .split(/\s+/);
  return words.at(-1) ?? '';
}
