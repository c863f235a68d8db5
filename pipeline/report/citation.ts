import type { Source } from '../types.ts';
import { html, type Html } from './escapeHtml.ts';

/** "Suzuki Y et al. 2023. BMC Endocr Disord", linked when the source has a web address or DOI. */
export function citation(source: Source | undefined): Html {
  if (!source) return html`<span class="sev-error">source missing</span>`;
  const f = source.fields;
  const text =
    [f.authors, f.year, f.journal || f.title].filter((x) => x && x.trim() !== '').join('. ') || source.id;
  const doi = f.doi?.trim().replace(/^https?:\/\/(dx\.)?doi\.org\//, '');
  const url = f.url?.trim() || (doi ? `https://doi.org/${doi}` : '');
  // Only web links: a javascript: or data: address from a CSV must never become a live link.
  return /^https?:\/\//i.test(url) ? html`<a href="${url}" rel="noreferrer">${text}</a>` : html`${text}`;
}
