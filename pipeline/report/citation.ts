import { bareDoi } from '../references/referenceFields.ts';
import type { Source } from '../types.ts';
import { html, type Html } from './escapeHtml.ts';

/** "Suzuki Y et al. 2023. BMC Endocr Disord", linked when the source has a web address or DOI. */
export function citation(source: Source | undefined): Html {
  if (!source) return html`<span class="sev-error">source missing</span>`;
  const f = source.fields;
  // A part that ends in its own full stop ("Suzuki Y et al.") takes no second one.
  const text =
    [f.authors, f.year, f.journal || f.title]
      .map((x) => (x ?? '').trim().replace(/\.+$/, ''))
      .filter((x) => x !== '')
      .join('. ') || source.id;
  const doi = bareDoi(f.doi ?? '');
  const url = f.url?.trim() || (doi ? `https://doi.org/${doi}` : '');
  // Only web links: a javascript: or data: address from a CSV must never become a live link.
  return /^https?:\/\//i.test(url) ? html`<a href="${url}" rel="noreferrer">${text}</a>` : html`${text}`;
}

/**
 * "Marinaccio et al. 2023", "Smith and Jones 2020", "Tanaka 2024" from `authors` and `year` (authors
 * separated by commas or semicolons, each written surname first, initials last); the id without them.
 */
export function shortCitation(source: Source | undefined, id: string): string {
  const f = source?.fields ?? {};
  const authors = (f.authors ?? '')
    .split(/[,;]/)
    .map((a) => a.trim())
    .filter(Boolean);
  const etAl = /\bet al\.?$/i.test(authors.at(-1) ?? '');
  const surname = (a: string) => a.replace(/\s+et al\.?$/i, '').replace(/(\s+[A-Z]{1,3}\.?)+$/, '');
  const names =
    authors.length === 0
      ? id
      : authors.length > 2 || etAl
        ? `${surname(authors[0]!)} et al.`
        : authors.map(surname).join(' and ');
  return [names, f.year?.trim()].filter(Boolean).join(' ');
}
