import type { Source } from '../types.ts';

/**
 * A source's bibliographic fields as sources.csv gives them: the structured columns when the table has
 * them (`authors`, `title`, `journal`, `year`, `volume`, `issue`, `pages`, `doi`, `pmid`, `url`), each
 * trimmed, empty when absent. `journal` may also hold a whole free-text citation tail ("BMC Endocr
 * Disord 2023;23:276"), as the shipped tables do: the formatters then write it as it stands.
 */
export interface ReferenceFields {
  id: string;
  /** Each author as written, "Surname AB" (or a group name), in order; "et al." is dropped from here. */
  authors: string[];
  /** The source's own list ended in "et al.": more authors than are listed. */
  moreAuthors: boolean;
  title: string;
  journal: string;
  year: string;
  volume: string;
  issue: string;
  pages: string;
  doi: string;
  pmid: string;
  url: string;
}

const field = (source: Source, name: string) => (source.fields[name] ?? '').trim();

/** A DOI as the registry writes it: without `https://doi.org/`, `dx.doi.org/` or `doi:` before it. */
export const bareDoi = (text: string) =>
  text
    .trim()
    .replace(/^https?:\/\/(dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '');

/** The reference fields of a source; a DOI without its resolver prefix, a PMID without "PMID:". */
export function referenceFields(source: Source): ReferenceFields {
  let authorText = field(source, 'authors');
  const moreAuthors = /(,\s*|\s+)et al\.?$/i.test(authorText) || /^et al\.?$/i.test(authorText);
  authorText = authorText.replace(/(,\s*|\s*)et al\.?$/i, '');
  const authors = authorText
    .split(/\s*[,;]\s*/)
    .map((a) => a.trim())
    .filter((a) => a !== '');
  return {
    id: source.id,
    authors,
    moreAuthors,
    title: field(source, 'title'),
    journal: field(source, 'journal'),
    year: field(source, 'year'),
    volume: field(source, 'volume'),
    issue: field(source, 'issue'),
    pages: field(source, 'pages'),
    doi: bareDoi(field(source, 'doi')),
    pmid: field(source, 'pmid').replace(/^pmid:\s*/i, ''),
    url: field(source, 'url'),
  };
}

/** What a reference needs and lacks: the fields a reader needs to find the paper. */
export function missingReferenceFields(ref: ReferenceFields): string[] {
  const missing: string[] = [];
  if (ref.authors.length === 0) missing.push('authors');
  if (ref.title === '') missing.push('title');
  if (ref.journal === '') missing.push('journal');
  if (ref.year === '') missing.push('year');
  return missing;
}
